import { MUNICIPALITY_CODES } from '../../common/region';
import { SchoolForm } from '../kit/domain';
import { DecisionOutcome, EducationLevel, LabourMarketStatus, LegalBasis } from './domain';

/**
 * The region's admission rules (the Education Act, ch. 20, and the ordinance on adult
 * education), as the recommendation a case officer sees on every application. Pure:
 * no database, no clock (the caller gives the day). Two rules are hard and refuse the
 * application outright (`submissionRefusal`); the rest recommend, and the officer may
 * overrule with a stated basis.
 */

export interface ApplicantFacts {
  /** 'YYYY-MM-DD' */
  birthDate: string;
  homeMunicipality: string;
  educationLevel: EducationLevel;
  labourMarketStatus: LabourMarketStatus;
  /** Lacks basic Swedish (the Sfi right). */
  needsSwedish: boolean;
}

export interface OfferingFacts {
  id: string;
  municipalityCode: string;
  providerId: string;
  schoolForm: SchoolForm;
  courseCode: string;
  /** The course's points; null where the catalogue has none. */
  coursePoints?: number | null;
  startDate: string;
  endDate: string;
  applicationOpens: string;
  applicationCloses: string;
  seats: number;
  seatsLeft: number;
  cancelled: boolean;
}

export interface Recommendation {
  outcome: DecisionOutcome;
  basis: LegalBasis;
  /** 1: a right; 2–8: the municipality's priority order (lower first); 9: rejection recommended. */
  priority: number;
  reason: string;
}

/** Upper-secondary courses that make up basic eligibility for higher education (grundläggande behörighet). */
export const ELIGIBILITY_COURSES: ReadonlySet<string> = new Set([
  'SVESVE01', 'SVESVE02', 'SVESVE03',
  'SVASVA01', 'SVASVA02', 'SVASVA03',
  'ENGENG05', 'ENGENG06',
  'MATMAT01a', 'MATMAT01b', 'MATMAT01c',
]);

const LEVEL_ORDER: readonly EducationLevel[] = [
  EducationLevel.NONE,
  EducationLevel.COMPULSORY_INCOMPLETE,
  EducationLevel.COMPULSORY,
  EducationLevel.UPPER_SECONDARY_INCOMPLETE,
  EducationLevel.UPPER_SECONDARY_WITHOUT_ELIGIBILITY,
  EducationLevel.UPPER_SECONDARY_WITH_ELIGIBILITY,
  EducationLevel.POST_SECONDARY,
];

const levelRank = (level: EducationLevel) => LEVEL_ORDER.indexOf(level);

/** The first day one may study a school form: 1 July of the year one turns `age`. */
export function eligibleFrom(birthDate: string, age: number): string {
  return `${Number(birthDate.slice(0, 4)) + age}-07-01`;
}

/** Why an application may not be sent at all (the hard rules), or undefined. */
export function submissionRefusal(applicant: Pick<ApplicantFacts, 'homeMunicipality'>, offering: OfferingFacts, today: string): string | undefined {
  return residenceRule(applicant) ?? windowRule(offering, today);
}

/** Only residents of the county apply here; others are referred to their own municipality. */
export function residenceRule(applicant: Pick<ApplicantFacts, 'homeMunicipality'>): string | undefined {
  if (MUNICIPALITY_CODES.has(applicant.homeMunicipality)) return undefined;
  return `Only residents of Stockholm county apply here: apply through your home municipality (${applicant.homeMunicipality}).`;
}

/** The offering must take applications today. */
export function windowRule(offering: OfferingFacts, today: string): string | undefined {
  if (offering.cancelled) return `Offering ${offering.id} is cancelled.`;
  if (today < offering.applicationOpens) return `Applications to offering ${offering.id} open on ${offering.applicationOpens}.`;
  if (today > offering.applicationCloses) return `Applications to offering ${offering.id} closed on ${offering.applicationCloses}.`;
  return undefined;
}

const grant = (basis: LegalBasis, priority: number, reason: string): Recommendation => ({
  outcome: DecisionOutcome.GRANTED,
  basis,
  priority,
  reason,
});
const reject = (basis: LegalBasis, reason: string): Recommendation => ({ outcome: DecisionOutcome.REJECTED, basis, priority: 9, reason });

/** Adults from 1 July of the year they turn 20; Sfi from 1 July of the year they turn 16. */
export function ageRule(applicant: ApplicantFacts, offering: OfferingFacts): Recommendation | undefined {
  const age = offering.schoolForm === SchoolForm.SFI ? 16 : 20;
  const from = eligibleFrom(applicant.birthDate, age);
  if (offering.startDate >= from) return undefined;
  return reject(LegalBasis.NOT_ELIGIBLE_AGE, `Komvux in this school form is open from ${from} (1 July of the year one turns ${age}); the course starts ${offering.startDate}.`);
}

/** Basic adult education is a right for those who lack its knowledge. */
export function basicRule(applicant: ApplicantFacts): Recommendation {
  if (levelRank(applicant.educationLevel) <= levelRank(EducationLevel.COMPULSORY_INCOMPLETE)) {
    return grant(LegalBasis.RIGHT_BASIC, 1, 'Lacks the knowledge of compulsory school: a right to basic adult education.');
  }
  return reject(LegalBasis.HAS_KNOWLEDGE, 'Has completed compulsory school: no right to basic adult education.');
}

/**
 * Upper-secondary courses are a right when they give the basic eligibility the applicant
 * lacks; otherwise the municipality decides, those with the least previous education first.
 */
export function upperSecondaryRule(applicant: ApplicantFacts, offering: OfferingFacts): Recommendation {
  const rank = levelRank(applicant.educationLevel);
  const lacksEligibility = rank < levelRank(EducationLevel.UPPER_SECONDARY_WITH_ELIGIBILITY);
  if (lacksEligibility && ELIGIBILITY_COURSES.has(offering.courseCode)) {
    return grant(LegalBasis.RIGHT_UPPER_SECONDARY_ELIGIBILITY, 1, `${offering.courseCode} gives basic eligibility for higher education, which the applicant lacks: a right.`);
  }
  return grant(LegalBasis.PRIORITY_LEAST_EDUCATION, 2 + rank, `The municipality decides; previous education: ${applicant.educationLevel} (the least previous education goes first).`);
}

/** Vocational education: those with a weak position on the labour market first. */
export function vocationalRule(applicant: ApplicantFacts): Recommendation {
  const weak = applicant.labourMarketStatus === LabourMarketStatus.UNEMPLOYED || applicant.labourMarketStatus === LabourMarketStatus.IN_PROGRAMME;
  const priority = weak ? 2 : applicant.labourMarketStatus === LabourMarketStatus.OTHER ? 3 : 4;
  return grant(LegalBasis.PRIORITY_LABOUR_MARKET, priority, `The municipality decides; labour-market status: ${applicant.labourMarketStatus} (a weak position goes first).`);
}

/** Sfi is a right for residents who lack basic Swedish. */
export function sfiRule(applicant: ApplicantFacts): Recommendation {
  if (applicant.needsSwedish) return grant(LegalBasis.RIGHT_SFI, 1, 'Lacks basic Swedish: a right to Sfi.');
  return reject(LegalBasis.NO_SWEDISH_NEED, 'Has basic Swedish: no right to Sfi.');
}

/** Särskild utbildning: as the municipality decides. */
export function specialRule(): Recommendation {
  return grant(LegalBasis.MUNICIPAL_DISCRETION, 2, 'The municipality decides (särskild utbildning för vuxna).');
}

/** The recommendation for an application that passed the hard rules. */
export function recommend(applicant: ApplicantFacts, offering: OfferingFacts): Recommendation {
  const tooYoung = ageRule(applicant, offering);
  if (tooYoung) return tooYoung;
  switch (offering.schoolForm) {
    case SchoolForm.BASIC:
      return basicRule(applicant);
    case SchoolForm.UPPER_SECONDARY:
      return upperSecondaryRule(applicant, offering);
    case SchoolForm.VOCATIONAL:
      return vocationalRule(applicant);
    case SchoolForm.SFI:
      return sfiRule(applicant);
    case SchoolForm.SPECIAL:
      return specialRule();
  }
}
