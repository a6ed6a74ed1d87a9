/**
 * Applicants as people: age, personal identity number, name, and a background that fits
 * the school form they apply for (most Sfi applicants lack Swedish, basic-education
 * applicants mostly lack compulsory school, vocational applicants are more often
 * unemployed). A few do not fit, so that the admission rules have something to reject.
 */

import { luhnCheckDigit } from './luhn';
import { IMMIGRANT_FAMILY, IMMIGRANT_GIVEN, SWEDISH_FAMILY, SWEDISH_GIVEN } from './names';
import { chance, pick, pickWeighted, randInt, type Rng } from './random';
import { dayOf, iso, parts } from './terms';
import type { EducationLevel, LabourMarketStatus, SchoolForm } from '../../subgraphs/kit/region-data';

export interface Person {
  birthDate: string;
  personalIdentityNumber: string;
  givenName: string;
  familyName: string;
  educationLevel: EducationLevel;
  labourMarketStatus: LabourMarketStatus;
  needsSwedish: boolean;
}

const LEVELS: readonly EducationLevel[] = [
  'NONE',
  'COMPULSORY_INCOMPLETE',
  'COMPULSORY',
  'UPPER_SECONDARY_INCOMPLETE',
  'UPPER_SECONDARY_WITHOUT_ELIGIBILITY',
  'UPPER_SECONDARY_WITH_ELIGIBILITY',
  'POST_SECONDARY',
];
const STATUSES: readonly LabourMarketStatus[] = ['EMPLOYED', 'UNEMPLOYED', 'IN_PROGRAMME', 'OTHER'];

interface FormProfile {
  /** Weights over LEVELS. */
  levels: readonly number[];
  /** Weights over STATUSES. */
  statuses: readonly number[];
  /** Share with a background abroad (their names are drawn from those lists). */
  bornAbroad: number;
  /** Of those born abroad, the share still lacking basic Swedish. */
  needsSwedish: number;
  /** Share aged 18–19 (too young for komvux but Sfi). */
  under20: number;
}

const PROFILES: Record<SchoolForm, FormProfile> = {
  SFI: { levels: [14, 14, 18, 10, 10, 16, 18], statuses: [22, 38, 25, 15], bornAbroad: 0.97, needsSwedish: 0.95, under20: 0.02 },
  BASIC: { levels: [30, 50, 12, 5, 2, 1, 0], statuses: [28, 35, 17, 20], bornAbroad: 0.65, needsSwedish: 0.3, under20: 0.02 },
  UPPER_SECONDARY: { levels: [0, 3, 25, 30, 22, 14, 6], statuses: [45, 18, 5, 32], bornAbroad: 0.3, needsSwedish: 0.1, under20: 0.06 },
  VOCATIONAL: { levels: [1, 9, 25, 25, 20, 14, 6], statuses: [22, 42, 20, 16], bornAbroad: 0.4, needsSwedish: 0.12, under20: 0.04 },
  SPECIAL: { levels: [30, 50, 20, 0, 0, 0, 0], statuses: [25, 15, 10, 50], bornAbroad: 0.15, needsSwedish: 0.2, under20: 0.01 },
};

/** Ages 20–64 by weight: most applicants are between 20 and 45. */
const AGE_BANDS: readonly (readonly [number, number, number])[] = [
  [20, 24, 16],
  [25, 34, 36],
  [35, 44, 28],
  [45, 54, 14],
  [55, 64, 6],
];

/** Keeps every personal identity number unique within the region. */
export class NumberRegister {
  private readonly taken = new Set<string>();

  /**
   * A valid number for the birth day: serial 000–899 (900–999 are left for tests), odd
   * third digit for men, even for women; a samordningsnummer adds 60 to the day.
   */
  draw(rng: Rng, birthDay: number, male: boolean, coordination: boolean): string {
    const p = parts(birthDay);
    const yyyy = String(p.year);
    const mm = String(p.month).padStart(2, '0');
    const dd = String(p.date + (coordination ? 60 : 0)).padStart(2, '0');
    for (;;) {
      const serial = String(randInt(rng, 0, 449) * 2 + (male ? 1 : 0)).padStart(3, '0');
      const nine = `${yyyy.slice(2)}${mm}${dd}${serial}`;
      const number = `${yyyy}${mm}${dd}-${serial}${luhnCheckDigit(nine)}`;
      if (!this.taken.has(number)) {
        this.taken.add(number);
        return number;
      }
    }
  }
}

function birthDay(rng: Rng, today: number, profile: FormProfile): number {
  const [from, to] = chance(rng, profile.under20) ? [18, 19] : pickWeighted(rng, AGE_BANDS, AGE_BANDS.map((b) => b[2]));
  const age = randInt(rng, from, to);
  // Born between `age + 1` years and `age` years before today.
  const { year, month, date } = parts(today);
  const latest = dayOf(year - age, month, date);
  const earliest = dayOf(year - age - 1, month, date) + 1;
  return randInt(rng, earliest, latest);
}

export function drawPerson(rng: Rng, form: SchoolForm, today: number, numbers: NumberRegister): Person {
  const profile = PROFILES[form];
  const abroad = chance(rng, profile.bornAbroad);
  const male = chance(rng, 0.5);
  const given = abroad ? IMMIGRANT_GIVEN : SWEDISH_GIVEN;
  const born = birthDay(rng, today, profile);
  const coordination = chance(rng, abroad ? 0.055 : 0.005);
  return {
    birthDate: iso(born),
    personalIdentityNumber: numbers.draw(rng, born, male, coordination),
    givenName: pick(rng, male ? given.male : given.female),
    // Some born abroad carry a Swedish family name (a Swedish parent or spouse), and the other way round.
    familyName: pick(rng, abroad !== chance(rng, 0.1) ? IMMIGRANT_FAMILY : SWEDISH_FAMILY),
    educationLevel: pickWeighted(rng, LEVELS, profile.levels),
    labourMarketStatus: pickWeighted(rng, STATUSES, profile.statuses),
    needsSwedish: abroad && chance(rng, profile.needsSwedish),
  };
}
