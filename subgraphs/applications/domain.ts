import { registerEnumType } from 'type-graphql';

/** Where an application stands (ansökans status). */
export enum ApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  WITHDRAWN = 'WITHDRAWN',
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
  WAITLISTED = 'WAITLISTED',
  ENROLLED = 'ENROLLED',
  COMPLETED = 'COMPLETED',
  DROPPED_OUT = 'DROPPED_OUT',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  valuesConfig: {
    SUBMITTED: { description: 'Sent; the home municipality has not decided yet.' },
    WITHDRAWN: { description: 'Taken back by the applicant.' },
    GRANTED: { description: 'Granted by the home municipality; waiting for the provider to place it.' },
    REJECTED: { description: 'Rejected by the home municipality.' },
    WAITLISTED: { description: 'Granted, but the offering is full: on the provider’s waiting list.' },
    ENROLLED: { description: 'Holds a seat on the offering.' },
    COMPLETED: { description: 'Finished, with a grade.' },
    DROPPED_OUT: { description: 'Left the course before it ended.' },
    CANCELLED: { description: 'The offering was cancelled.' },
  },
});

/** Previous education, least first: the order priority for upper-secondary courses follows. */
export enum EducationLevel {
  NONE = 'NONE',
  COMPULSORY_INCOMPLETE = 'COMPULSORY_INCOMPLETE',
  COMPULSORY = 'COMPULSORY',
  UPPER_SECONDARY_INCOMPLETE = 'UPPER_SECONDARY_INCOMPLETE',
  UPPER_SECONDARY_WITHOUT_ELIGIBILITY = 'UPPER_SECONDARY_WITHOUT_ELIGIBILITY',
  UPPER_SECONDARY_WITH_ELIGIBILITY = 'UPPER_SECONDARY_WITH_ELIGIBILITY',
  POST_SECONDARY = 'POST_SECONDARY',
}
registerEnumType(EducationLevel, {
  name: 'EducationLevel',
  description: 'The applicant’s previous education, least first.',
  valuesConfig: {
    NONE: { description: 'No completed schooling.' },
    COMPULSORY_INCOMPLETE: { description: 'Compulsory school (grundskola) not completed.' },
    COMPULSORY: { description: 'Compulsory school completed.' },
    UPPER_SECONDARY_INCOMPLETE: { description: 'Upper-secondary school started, not completed.' },
    UPPER_SECONDARY_WITHOUT_ELIGIBILITY: {
      description: 'Upper-secondary school completed without basic eligibility for higher education (e.g. a vocational programme).',
    },
    UPPER_SECONDARY_WITH_ELIGIBILITY: { description: 'Upper-secondary school completed with basic eligibility for higher education.' },
    POST_SECONDARY: { description: 'University or higher vocational education.' },
  },
});

/** The applicant's position on the labour market (vocational packages prioritise the weakest). */
export enum LabourMarketStatus {
  EMPLOYED = 'EMPLOYED',
  UNEMPLOYED = 'UNEMPLOYED',
  IN_PROGRAMME = 'IN_PROGRAMME',
  OTHER = 'OTHER',
}
registerEnumType(LabourMarketStatus, {
  name: 'LabourMarketStatus',
  valuesConfig: {
    EMPLOYED: { description: 'Employed.' },
    UNEMPLOYED: { description: 'Unemployed.' },
    IN_PROGRAMME: { description: 'In one of Arbetsförmedlingen’s labour-market programmes.' },
    OTHER: { description: 'Anything else (on leave, studying, …).' },
  },
});

export enum DecisionOutcome {
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
}
registerEnumType(DecisionOutcome, { name: 'DecisionOutcome' });

/** What a decision (or a recommendation) rests on. */
export enum LegalBasis {
  RIGHT_BASIC = 'RIGHT_BASIC',
  RIGHT_UPPER_SECONDARY_ELIGIBILITY = 'RIGHT_UPPER_SECONDARY_ELIGIBILITY',
  RIGHT_SFI = 'RIGHT_SFI',
  PRIORITY_LEAST_EDUCATION = 'PRIORITY_LEAST_EDUCATION',
  PRIORITY_LABOUR_MARKET = 'PRIORITY_LABOUR_MARKET',
  MUNICIPAL_DISCRETION = 'MUNICIPAL_DISCRETION',
  NOT_ELIGIBLE_AGE = 'NOT_ELIGIBLE_AGE',
  HAS_KNOWLEDGE = 'HAS_KNOWLEDGE',
  NO_SWEDISH_NEED = 'NO_SWEDISH_NEED',
  LOWER_PRIORITY = 'LOWER_PRIORITY',
  OTHER = 'OTHER',
}
registerEnumType(LegalBasis, {
  name: 'LegalBasis',
  description: 'What a decision on an application rests on (the Education Act, ch. 20, and the ordinance on adult education).',
  valuesConfig: {
    RIGHT_BASIC: { description: 'A right to basic adult education: from 1 July of the year one turns 20, lacking its knowledge.' },
    RIGHT_UPPER_SECONDARY_ELIGIBILITY: {
      description: 'A right to upper-secondary courses that give the basic eligibility for higher education one lacks.',
    },
    RIGHT_SFI: { description: 'A right to Sfi: from 1 July of the year one turns 16, lacking basic Swedish.' },
    PRIORITY_LEAST_EDUCATION: { description: 'The municipality decides; those with the least previous education first.' },
    PRIORITY_LABOUR_MARKET: { description: 'Vocational education: those with a weak position on the labour market first.' },
    MUNICIPAL_DISCRETION: { description: 'The municipality decides (e.g. särskild utbildning).' },
    NOT_ELIGIBLE_AGE: { description: 'Too young for this school form.' },
    HAS_KNOWLEDGE: { description: 'Already has the knowledge the course gives.' },
    NO_SWEDISH_NEED: { description: 'Has basic Swedish already: no right to Sfi.' },
    LOWER_PRIORITY: { description: 'Eligible, but others had priority for the seats.' },
    OTHER: { description: 'Another ground, stated in the decision’s note.' },
  },
});

/** Betyg: A–F on graded courses, pass or fail on the others. */
export enum Grade {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
  E = 'E',
  F = 'F',
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(Grade, { name: 'Grade', description: 'A–F (F: not passed) on graded courses; PASS or FAIL on the others.' });

export const PASSING_GRADES: ReadonlySet<Grade> = new Set([Grade.A, Grade.B, Grade.C, Grade.D, Grade.E, Grade.PASS]);

export enum PlacementOutcome {
  ENROLLED = 'ENROLLED',
  WAITLISTED = 'WAITLISTED',
}
registerEnumType(PlacementOutcome, { name: 'PlacementOutcome' });
