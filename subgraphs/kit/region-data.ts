/**
 * The region's seed data as plain rows, one interface per table. The generator
 * (generate.ts) produces it deterministically; each subgraph's seed writes only
 * the part it owns.
 */

export type SchoolForm = 'BASIC' | 'UPPER_SECONDARY' | 'VOCATIONAL' | 'SFI' | 'SPECIAL';
export type ProviderKind = 'MUNICIPAL' | 'EXTERNAL';
export type ProcurementModel =
  | 'OWN_REGI'
  | 'PROCUREMENT_LOU'
  | 'AUTHORISATION_LOV'
  | 'SERVICE_CONCESSION'
  | 'INTERMUNICIPAL';
export type StudyMode = 'ON_SITE' | 'DISTANCE' | 'HYBRID';

export interface MunicipalityRow {
  code: string; // "0180"
  name: string; // "Stockholm"
  population: number;
  ownSchools: boolean; // runs adult education in egen regi
}

export interface ProviderRow {
  id: string; // "prov-001" … stable across runs
  name: string;
  organisationNumber: string; // "NNNNNN-NNNN", valid Luhn check digit
  kind: ProviderKind;
  gradingRights: boolean; // betygsrätt
}

export interface SiteRow {
  id: string; // "site-0001" …
  providerId: string;
  name: string;
  streetAddress: string;
  postalCode: string; // "NNN NN"
  city: string;
  municipalityCode: string;
  latitude: number;
  longitude: number;
}

export interface ContractRow {
  id: string; // "contract-0001" …
  providerId: string;
  municipalityCode: string;
  procurementModel: ProcurementModel;
  schoolForms: SchoolForm[];
  validFrom: string; // ISO date "YYYY-MM-DD"
  validTo: string | null; // null = until further notice
}

export interface CourseRow {
  code: string;
  name: string;
  points: number | null;
  subject: string;
  schoolForm: SchoolForm;
  /** Names of the vocational packages (yrkespaket) this course belongs to. */
  vocationalPackages: string[];
}

export interface OfferingRow {
  id: string; // organising municipality's code first: "0180-000123"
  courseCode: string;
  title: string;
  description: string; // Swedish
  municipalityCode: string; // organising municipality
  providerId: string;
  siteId: string | null; // null when studyMode is DISTANCE
  studyMode: StudyMode;
  pace: 25 | 50 | 75 | 100;
  startDate: string; // ISO date
  endDate: string;
  applicationOpens: string;
  applicationCloses: string;
  seats: number;
  language: string; // "sv" mostly; some SFI/courses taught with support in other languages
}

export type EducationLevel =
  | 'NONE'
  | 'COMPULSORY_INCOMPLETE'
  | 'COMPULSORY'
  | 'UPPER_SECONDARY_INCOMPLETE'
  | 'UPPER_SECONDARY_WITHOUT_ELIGIBILITY'
  | 'UPPER_SECONDARY_WITH_ELIGIBILITY'
  | 'POST_SECONDARY';
export type LabourMarketStatus = 'EMPLOYED' | 'UNEMPLOYED' | 'IN_PROGRAMME' | 'OTHER';
export type ApplicationStatus =
  | 'SUBMITTED'
  | 'WITHDRAWN'
  | 'GRANTED'
  | 'REJECTED'
  | 'WAITLISTED'
  | 'ENROLLED'
  | 'COMPLETED'
  | 'DROPPED_OUT'
  | 'CANCELLED';
export type DecisionOutcome = 'GRANTED' | 'REJECTED';
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'PASS' | 'FAIL';

export interface ApplicantRow {
  id: string; // "applicant-000123" … stable across runs
  homeMunicipalityCode: string;
  /** "YYYYMMDD-NNNN" (a samordningsnummer has day + 60). Only ever written sealed. */
  personalIdentityNumber: string;
  birthDate: string; // ISO date
  givenName: string;
  familyName: string;
  educationLevel: EducationLevel;
  labourMarketStatus: LabourMarketStatus;
  needsSwedish: boolean;
  createdAt: string; // ISO timestamp
}

export interface ApplicationRow {
  id: string; // home municipality's code first: "0180-7K2M9QX4TB"
  applicantId: string;
  homeMunicipalityCode: string;
  offeringId: string;
  organisingMunicipalityCode: string;
  providerId: string;
  schoolForm: SchoolForm;
  term: string; // "HT2026"
  ranking: number;
  motivation: string | null;
  status: ApplicationStatus;
  recommendationOutcome: DecisionOutcome;
  recommendationBasis: string;
  recommendationPriority: number;
  recommendationReason: string;
  decisionOutcome: DecisionOutcome | null;
  decisionBasis: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null; // ISO timestamp
  grade: Grade | null;
  submittedAt: string;
  updatedAt: string;
}

/** One step of an application's history, in order. */
export interface ApplicationEventRow {
  applicationId: string;
  at: string; // ISO timestamp
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  actorRole: 'applicant' | 'officer' | 'provider';
  actor: string;
  reason: string | null;
}

/** A seat of an offering held by an ENROLLED or COMPLETED application (the seat ledger). */
export interface SeatReservationRow {
  applicationId: string;
  offeringId: string;
  reservedAt: string; // ISO timestamp
}

export interface OfferingCancellationRow {
  offeringId: string;
  cancelledAt: string; // ISO timestamp
  reason: string; // Swedish
}

export interface RegionData {
  municipalities: MunicipalityRow[];
  providers: ProviderRow[];
  sites: SiteRow[];
  contracts: ContractRow[];
  courses: CourseRow[];
  /** The current term and the next two first, then the previous term (ids going on from there). */
  offerings: OfferingRow[];
  offeringCancellations: OfferingCancellationRow[];
  applicants: ApplicantRow[];
  applications: ApplicationRow[];
  /** Every application's history, application by application, each in order. */
  applicationEvents: ApplicationEventRow[];
  seatReservations: SeatReservationRow[];
}

export interface GenerateOptions {
  /** Multiplies the number of offerings (1 gives at least 5,000) and of applicants. */
  scale: number;
  /** The day the data is generated for; terms are counted from it. */
  today: Date;
  /** PRNG seed; the same seed, scale and today give the same data. */
  seed?: number;
  /** Called now and then on long runs. */
  onProgress?: (done: number, total: number) => void;
}
