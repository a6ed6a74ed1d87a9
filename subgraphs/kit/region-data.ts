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

export interface RegionData {
  municipalities: MunicipalityRow[];
  providers: ProviderRow[];
  sites: SiteRow[];
  contracts: ContractRow[];
  courses: CourseRow[];
  /** The current term and the next two first, then the previous term (ids going on from there). */
  offerings: OfferingRow[];
}

export interface GenerateOptions {
  /** Multiplies the number of offerings (1 gives at least 5,000). */
  scale: number;
  /** The day the data is generated for; terms are counted from it. */
  today: Date;
  /** PRNG seed; the same seed, scale and today give the same data. */
  seed?: number;
  /** Called now and then on long runs. */
  onProgress?: (done: number, total: number) => void;
}
