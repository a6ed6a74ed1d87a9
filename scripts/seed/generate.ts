/**
 * Deterministic generator for the region's seed data: municipalities, providers,
 * sites, contracts, courses, course offerings, and applicants with their
 * applications. Pure: no I/O beyond the two reference JSON files, no clock, no
 * Math.random. The same options always give the same data.
 *
 * Invariant kept for every offering: its provider has a contract with the
 * offering's municipality that covers the course's school form and is valid on
 * the start date; ON_SITE/HYBRID offerings use a site of that provider in that
 * municipality, DISTANCE offerings have no site.
 */

import { buildApplications } from './applications';
import type { DateWindow } from './contract-book';
import { buildContracts } from './contracts';
import { loadCourses } from './courses';
import { displayName, loadMunicipalities } from './municipalities';
import type { OfferingContext } from './offering-context';
import { buildMoreOfferings, buildOfferings } from './offerings';
import { buildProviders } from './providers';
import { offeringQuotas } from './quotas';
import { mulberry32 } from './random';
import { buildSites } from './sites';
import { currentTerm, DAY_MS, nextTerm, previousTerm } from './terms';
import type { GenerateOptions, RegionData } from '../../subgraphs/kit/region-data';

const DEFAULT_SEED = 20261;

export function generateRegion(opts: GenerateOptions): RegionData {
  if (!Number.isFinite(opts.scale) || opts.scale <= 0) throw new Error(`scale must be a positive number, got ${opts.scale}`);
  const todayMs = opts.today.getTime();
  if (!Number.isFinite(todayMs)) throw new Error('today is not a valid date');
  const today = Math.floor(todayMs / DAY_MS);
  const seed = opts.seed ?? DEFAULT_SEED;

  const structureRng = mulberry32(seed);
  const offeringRng = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  // Streams of their own, so that what came before them stays as it was.
  const pastOfferingRng = mulberry32((seed ^ 0x85ebca6b) >>> 0);
  const applicantRng = mulberry32((seed ^ 0xc2b2ae35) >>> 0);
  const admissionRng = mulberry32((seed ^ 0x27d4eb2f) >>> 0);
  const qualityRng = mulberry32((seed ^ 0x165667b1) >>> 0);

  const municipalities = loadMunicipalities();
  const { courses, packages } = loadCourses();

  const first = currentTerm(today);
  const second = nextTerm(first);
  const third = nextTerm(second);
  const window: DateWindow = { today, firstStart: first.start, lastEnd: third.end };

  const providers = buildProviders(structureRng, municipalities, packages);
  const book = buildContracts(structureRng, providers, municipalities, window);
  const sites = buildSites(structureRng, providers, municipalities, book);

  const quotas = offeringQuotas(municipalities, opts.scale);

  const ctx: OfferingContext = {
    rng: offeringRng,
    terms: [first, second, third],
    termWeights: [1, 1, 1],
    municipalities: new Map(municipalities.map((m) => [m.code, { row: m, display: displayName(m) }])),
    providers: new Map(providers.map((p) => [p.row.id, p])),
    book,
    sites,
    courses,
    packages: new Map(packages.map((p) => [p.name, p])),
    candidateCache: new Map(),
    courseCache: new Map(),
  };
  const offerings = buildOfferings(ctx, quotas, opts.onProgress);
  // The previous term, about a third as many again, numbered on from each municipality's last
  // offering. Contracts were drawn for the current window: a draft none covers is skipped.
  const past = buildMoreOfferings(
    { ...ctx, rng: pastOfferingRng, terms: [previousTerm(first)], termWeights: [1] },
    offeringQuotas(municipalities, opts.scale / 3),
    quotas,
  );
  const allOfferings = [...offerings, ...past];
  const providerRows = providers.map((p) => p.row);
  const courseRows = courses.map((c) => c.row);
  const applications = buildApplications({
    rng: applicantRng,
    lifeRng: admissionRng,
    qualityRng,
    today,
    scale: opts.scale,
    municipalities,
    providers: providerRows,
    courses: courseRows,
    offerings: allOfferings,
  });

  return {
    municipalities,
    providers: providerRows,
    sites: sites.rows,
    contracts: book.rows,
    courses: courseRows,
    offerings: allOfferings,
    ...applications,
  };
}
