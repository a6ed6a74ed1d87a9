import { badUserInput } from '../../common/errors';
import { MUNICIPALITY_CODES } from './region';

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
