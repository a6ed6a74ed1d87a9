/** Drafting one offering: start day, provider, course, study mode, pace and the details that vary. */

import { candidates, chooseCourse } from './candidates';
import type { CourseInfo } from './courses';
import type { MunicipalityInfo, OfferingContext, OfferingDraft } from './offering-context';
import type { Profile, ProviderPlan } from './providers';
import { chance, pick, pickWeighted, randInt, type Rng } from './random';
import { endDay } from './terms';
import type { SchoolForm, SiteRow, StudyMode } from '../../subgraphs/kit/region-data';
import { SUPPORT_LANGUAGES } from './words';

/** [ON_SITE, HYBRID, DISTANCE] weights per provider profile. */
const MODE_WEIGHTS: Record<Profile, readonly [number, number, number]> = {
  municipal: [70, 15, 15],
  broad: [55, 15, 30],
  sfi: [75, 15, 10],
  vocational: [70, 25, 5],
  distance: [5, 10, 85],
  special: [85, 10, 5],
};

const STUDY_MODES: readonly StudyMode[] = ['ON_SITE', 'HYBRID', 'DISTANCE'];
const PACES: readonly (25 | 50 | 75 | 100)[] = [25, 50, 75, 100];

function choosePace(rng: Rng, form: SchoolForm): 25 | 50 | 75 | 100 {
  const weights =
    form === 'SPECIAL' ? [40, 45, 10, 5] : form === 'SFI' ? [10, 35, 10, 45] : [12, 38, 10, 40];
  return pickWeighted(rng, PACES, weights);
}

function chooseMode(rng: Rng, provider: ProviderPlan, form: SchoolForm): StudyMode {
  const base = form === 'SPECIAL' ? MODE_WEIGHTS.special : MODE_WEIGHTS[provider.profile];
  return pickWeighted(rng, STUDY_MODES, base);
}

/** Study weeks for a course at a pace; BASIC offerings are one of four delkurser. */
function studyWeeks(rng: Rng, course: CourseInfo, pace: number, form: SchoolForm): number {
  if (form === 'SFI') {
    const base = randInt(rng, 10, 14);
    return pace >= 75 ? base : Math.min(20, base + randInt(rng, 3, 6));
  }
  if (form === 'SPECIAL') return randInt(rng, 10, 18);
  const points = form === 'BASIC' ? basicPartPoints(course) : (course.row.points ?? 100);
  return Math.ceil(points / ((20 * pace) / 100));
}

function basicPartPoints(course: CourseInfo): number {
  const points = course.row.points;
  if (points === null) return 100;
  return Math.max(50, Math.round(points / 4 / 25) * 25);
}

function chooseStartDay(ctx: OfferingContext): number {
  const term = pickWeighted(ctx.rng, ctx.terms, ctx.termWeights);
  return pickWeighted(ctx.rng, term.startDays, term.startWeights);
}

export function draftOffering(ctx: OfferingContext, municipality: MunicipalityInfo, form: SchoolForm): OfferingDraft {
  const draft = tryDraftOffering(ctx, municipality, form);
  if (!draft) throw new Error(`no contract for ${form} in ${municipality.row.code}`);
  return draft;
}

/** A draft, or undefined when no contract in the municipality covers the form on any start day tried. */
export function tryDraftOffering(ctx: OfferingContext, municipality: MunicipalityInfo, form: SchoolForm): OfferingDraft | undefined {
  const rng = ctx.rng;
  let start = chooseStartDay(ctx);
  let list = candidates(ctx, municipality.row.code, form, start);
  for (let tries = 0; list.length === 0 && tries < 20; tries++) {
    start = chooseStartDay(ctx);
    list = candidates(ctx, municipality.row.code, form, start);
  }
  if (list.length === 0) return undefined;
  const chosen = pickWeighted(rng, list, list.map((c) => c.weight));
  const provider = chosen.provider;
  const { course, pkg } = chooseCourse(ctx, provider, form);

  let mode = chooseMode(rng, provider, form);
  let site: SiteRow | null = null;
  if (mode !== 'DISTANCE') {
    const local = ctx.sites.at(provider.row.id, municipality.row.code);
    if (local.length === 0) mode = 'DISTANCE';
    else site = pick(rng, local);
  }
  const pace = choosePace(rng, form);
  const end = endDay(start, studyWeeks(rng, course, pace, form));
  const evening = mode !== 'DISTANCE' && pace <= 50 && form !== 'SPECIAL' && form !== 'VOCATIONAL' && chance(rng, 0.35);
  const language = course.row.subject === 'Engelska' && form === 'UPPER_SECONDARY' && chance(rng, 0.15) ? 'en' : 'sv';
  const sfiPath = form === 'SFI' ? pick(rng, course.studyPaths.length > 0 ? course.studyPaths : [1, 2, 3]) : 0;
  const basicPart = form === 'BASIC' ? randInt(rng, 1, 4) : 0;
  const supportLanguage = form === 'SFI' && chance(rng, 0.15) ? pick(rng, SUPPORT_LANGUAGES) : null;
  return {
    course,
    packageInfo: pkg,
    provider,
    contract: chosen.contract,
    municipality,
    site,
    mode,
    pace,
    start,
    end,
    evening,
    language,
    sfiPath,
    basicPart,
    supportLanguage,
  };
}
