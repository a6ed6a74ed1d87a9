import { badUserInput } from '../../common/errors';
import { MUNICIPALITY_CODES } from '../../common/region';

/** Refuses municipality codes that are not one of the county's 26. */
export function checkMunicipalityCodes(codes: readonly string[] | null | undefined, argumentName: string): void {
  for (const code of codes ?? []) {
    if (!MUNICIPALITY_CODES.has(code)) {
      throw badUserInput(
        `Unknown municipality code "${code}" in ${argumentName}: use a 4-digit code of a Stockholm county municipality, e.g. "0180" (Stockholm).`,
        { argumentName },
      );
    }
  }
}

export function checkMaxItems(list: readonly unknown[] | null | undefined, max: number, argumentName: string): void {
  if (list && list.length > max) {
    throw badUserInput(`${argumentName} may list at most ${max} values, got ${list.length}.`, { argumentName });
  }
}

/** Text PostgreSQL can store and compare: no NUL characters, bounded length. */
export function checkText(value: string | null | undefined, argumentName: string, maxLength = 1000): void {
  if (value === null || value === undefined) return;
  if (value.includes('\u0000')) {
    throw badUserInput(`${argumentName} contains a NUL character.`, { argumentName });
  }
  if (value.length > maxLength) {
    throw badUserInput(`${argumentName} may be at most ${maxLength} characters.`, { argumentName });
  }
}

/** A list of ids or codes: at most `maxItems`, each a valid text. */
export function checkTexts(list: readonly string[] | null | undefined, argumentName: string, maxItems = 100): void {
  checkMaxItems(list, maxItems, argumentName);
  for (const value of list ?? []) checkText(value, argumentName, 200);
}

/** A date in the years both ISO 8601 and PostgreSQL take (1–9999). */
export function checkDate(value: Date | null | undefined, argumentName: string): void {
  if (!value) return;
  const year = value.getUTCFullYear();
  if (year < 1 || year > 9999) {
    throw badUserInput(`${argumentName} must be a date in the years 1–9999.`, { argumentName });
  }
}
