/** What offering generation works with: the shared context and an offering before it becomes a row. */

import type { ContractBook } from './contract-book';
import type { CourseInfo, PackageInfo } from './courses';
import type { ProviderPlan } from './providers';
import type { Rng } from './random';
import type { SiteBook } from './sites';
import type { Term } from './terms';
import type { ContractRow, MunicipalityRow, SiteRow, StudyMode } from '../../subgraphs/kit/region-data';

export interface Candidate {
  contract: ContractRow;
  provider: ProviderPlan;
  weight: number;
}

export interface MunicipalityInfo {
  row: MunicipalityRow;
  display: string;
}

export interface OfferingContext {
  rng: Rng;
  terms: Term[];
  termWeights: number[];
  municipalities: Map<string, MunicipalityInfo>;
  providers: Map<string, ProviderPlan>;
  book: ContractBook;
  sites: SiteBook;
  courses: CourseInfo[];
  packages: Map<string, PackageInfo>;
  candidateCache: Map<string, Candidate[]>;
  courseCache: Map<string, CourseInfo[]>;
}

export interface OfferingDraft {
  course: CourseInfo;
  packageInfo: PackageInfo | null;
  provider: ProviderPlan;
  contract: ContractRow;
  municipality: MunicipalityInfo;
  site: SiteRow | null;
  mode: StudyMode;
  pace: 25 | 50 | 75 | 100;
  start: number;
  end: number;
  evening: boolean;
  language: string;
  sfiPath: number;
  basicPart: number;
  supportLanguage: string | null;
}
