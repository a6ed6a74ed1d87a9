import { GraphQLScalarType, Kind } from 'graphql';
import { PersonalDataInputError } from '../../common/errors';
import { todayInSweden } from './dates';

/**
 * Personnummer and samordningsnummer (coordination number: the birth day plus 60).
 * A person's number is personal data: no error or log line may quote it, so every error
 * here names what is wrong and never the value.
 */
export interface PersonalIdentityNumber {
  /** `YYYYMMDD-NNNN`, as the number is written (a samordningsnummer keeps its day + 60). */
  normalized: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  coordinationNumber: boolean;
}

const SUBJECT = 'personal identity number';
const SHAPE = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;

const invalid = (reason: string) => new PersonalDataInputError(SUBJECT, reason);

/**
 * Parses `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDD+NNNN` or `YYMMDDNNNN`.
 * A 10-digit number's century follows its separator: '-' (or none) for someone under 100
 * on `today` (YYYY-MM-DD, Swedish time by default), '+' for someone 100 or older.
 */
export function parsePersonalIdentityNumber(text: string, today: string = todayInSweden()): PersonalIdentityNumber {
  const m = SHAPE.exec(text.trim());
  if (!m) throw invalid('use YYYYMMDD-NNNN (or YYMMDD-NNNN)');
  const [, century, yy = '', mm = '', dd = '', separator = '', serial = ''] = m;
  if (century !== undefined && separator === '+') {
    throw invalid("a 12-digit number takes '-' or no separator, not '+'; use YYYYMMDD-NNNN");
  }
  const coordinationNumber = Number(dd) > 60;
  const day = coordinationNumber ? Number(dd) - 60 : Number(dd);
  const year = century !== undefined ? Number(century + yy) : yearOf10Digits(Number(yy), Number(mm), day, separator, today);
  if (!isRealDate(year, Number(mm), day)) throw invalid('its birth date is not a real date');
  const birthDate = `${String(year).padStart(4, '0')}-${mm}-${String(day).padStart(2, '0')}`;
  if (birthDate > today) throw invalid('its birth date lies in the future');
  if (!luhnValid(yy + mm + dd + serial)) throw invalid('the check digit does not match');
  return { normalized: `${birthDate.slice(0, 4)}${mm}${dd}-${serial}`, birthDate, coordinationNumber };
}

/** The latest year ending in `yy` whose birthday is not after `today`; '+' goes a century further back. */
function yearOf10Digits(yy: number, month: number, day: number, separator: string, today: string): number {
  const thisYear = Number(today.slice(0, 4));
  let year = thisYear - (thisYear % 100) + yy;
  const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (year > thisYear || (year === thisYear && mmdd > today.slice(5))) year -= 100;
  return separator === '+' ? year - 100 : year;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Luhn over the 10 digits YYMMDDNNNN: the last is the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}

/**
 * The `PersonalIdentityNumber` scalar: takes any accepted form, gives the resolver (and
 * serialises as) `YYYYMMDD-NNNN`. `today` is the reference day for the separator rule.
 * Use with type-graphql as `@Arg('number', () => PersonalIdentityNumberScalar) number: string`.
 */
export function personalIdentityNumberScalar(today: () => string = () => todayInSweden()): GraphQLScalarType<string, string> {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw invalid('it must be a string such as "YYYYMMDD-NNNN"');
    return parsePersonalIdentityNumber(value, today()).normalized;
  };
  return new GraphQLScalarType<string, string>({
    name: 'PersonalIdentityNumber',
    description:
      'A Swedish personal identity number (personnummer) or coordination number (samordningsnummer). ' +
      'Input: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN (100 years or older) or YYMMDDNNNN; ' +
      'output: YYYYMMDD-NNNN.',
    serialize(value) {
      try {
        return parse(value);
      } catch {
        // A stored value that is not valid is the server's fault; the message still holds no value.
        throw new Error('A stored personal identity number is not valid.');
      }
    },
    parseValue: parse,
    parseLiteral(node) {
      if (node.kind !== Kind.STRING) throw invalid('it must be a string such as "YYYYMMDD-NNNN"');
      return parse(node.value);
    },
  });
}

export const PersonalIdentityNumberScalar = personalIdentityNumberScalar();
