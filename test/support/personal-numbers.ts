/** Luhn check digit of YYMMDDNNN, computed here independently of the kit. */
export function checkDigit(nine: string): number {
  const sum = [...nine].reduce((s, c, i) => {
    const d = Number(c) * (i % 2 === 0 ? 2 : 1);
    return s + Math.floor(d / 10) + (d % 10);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

/** A test personnummer (serials 98x): `yyyymmdd` with its check digit, written with `separator`. */
export function testNumber(yyyymmdd: string, serial = '981', separator = '-'): string {
  return `${yyyymmdd}${separator}${serial}${checkDigit(yyyymmdd.slice(2) + serial)}`;
}
