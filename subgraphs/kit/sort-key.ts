/**
 * A Swedish alphabetical sort key in plain ASCII, compared byte by byte (PostgreSQL's
 * "C" collation, JavaScript's `<`): the same order on every instance whatever ICU or libc
 * its PostgreSQL has, and in the gateway merging their pages. Letters fold case and
 * accents as Swedish does (é as e, ü as y); å, ä and ö come after z; digits before
 * letters; spaces before everything; other characters sort as one mark before digits.
 */
const AFTER_Z: Record<string, string> = { å: '{', ä: '|', æ: '|', ö: '}', ø: '}' };
const FOLDED: Record<string, string> = { ü: 'y', ß: 'ss', œ: 'oe', ð: 'd', þ: 'th', ł: 'l' };

export function swedishSortKey(text: string): string {
  let key = '';
  let space = false;
  for (const ch of text.normalize('NFC').toLowerCase()) {
    let out: string;
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out = ch;
    else if (AFTER_Z[ch]) out = AFTER_Z[ch];
    else if (FOLDED[ch]) out = FOLDED[ch];
    else if (/\s/.test(ch)) {
      space = key.length > 0;
      continue;
    } else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out = /^[a-z]$/.test(base) ? base : '!';
    }
    if (space) key += ' ';
    space = false;
    key += out;
  }
  return key;
}
