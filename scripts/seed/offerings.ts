/** Turning drafts into offering rows, municipality by municipality. */

import { ALL_FORMS } from './courses';
import { buildDescription } from './descriptions';
import { draftOffering, tryDraftOffering } from './drafts';
import { must } from './must';
import type { OfferingContext, OfferingDraft } from './offering-context';
import { pickWeighted, randInt, shuffled, type Rng } from './random';
import { dayOf, iso, mondayOnOrAfter, parts } from './terms';
import { buildTitle } from './titles';
import type { OfferingRow, SchoolForm, StudyMode } from '../../subgraphs/kit/region-data';

const PROGRESS_EVERY = 5000;

/** Relative share of offerings per school form within a municipality. */
const FORM_WEIGHTS: Record<SchoolForm, number> = {
  UPPER_SECONDARY: 36,
  SFI: 22,
  VOCATIONAL: 20,
  BASIC: 16,
  SPECIAL: 6,
};

function seatsFor(rng: Rng, form: SchoolForm, mode: StudyMode): number {
  if (form === 'SPECIAL') return randInt(rng, 10, 14);
  if (mode === 'DISTANCE') return randInt(rng, 25, 35);
  if (form === 'SFI') return randInt(rng, 15, 25);
  return randInt(rng, 15, 32);
}

/**
 * Weeks between the application opening and the start: 6–10, except for the
 * autumn term's main intake, whose admission period opens before the summer.
 */
function applicationLeadWeeks(rng: Rng, start: number): number {
  const autumnMain = mondayOnOrAfter(dayOf(parts(start).year, 8, 15));
  return start === autumnMain ? randInt(rng, 10, 14) : randInt(rng, 6, 10);
}

function toOffering(ctx: OfferingContext, d: OfferingDraft, seq: number): OfferingRow {
  const rng = ctx.rng;
  return {
    id: `${d.municipality.row.code}-${String(seq).padStart(6, '0')}`,
    courseCode: d.course.row.code,
    title: buildTitle(d),
    description: buildDescription(ctx, d),
    municipalityCode: d.municipality.row.code,
    providerId: d.provider.row.id,
    siteId: d.mode === 'DISTANCE' ? null : (d.site?.id ?? null),
    studyMode: d.mode,
    pace: d.pace,
    startDate: iso(d.start),
    endDate: iso(d.end),
    applicationOpens: iso(d.start - 7 * applicationLeadWeeks(rng, d.start)),
    applicationCloses: iso(d.start - 7 * randInt(rng, 1, 3)),
    seats: seatsFor(rng, d.course.row.schoolForm, d.mode),
    language: d.language,
  };
}

/** The forms for a municipality's offerings: each form once first, then by weight. */
function formSequence(rng: Rng, count: number): SchoolForm[] {
  const forms: SchoolForm[] = shuffled(rng, ALL_FORMS).slice(0, count);
  const weights = ALL_FORMS.map((f) => FORM_WEIGHTS[f]);
  while (forms.length < count) forms.push(pickWeighted(rng, ALL_FORMS, weights));
  return forms;
}

export function buildOfferings(ctx: OfferingContext, quotas: ReadonlyMap<string, number>, onProgress?: (done: number, total: number) => void): OfferingRow[] {
  let total = 0;
  for (const q of quotas.values()) total += q;
  const offerings: OfferingRow[] = [];
  for (const [code, quota] of quotas) {
    const municipality = must(ctx.municipalities.get(code), `municipality ${code}`);
    const forms = formSequence(ctx.rng, quota);
    forms.forEach((form, i) => {
      offerings.push(toOffering(ctx, draftOffering(ctx, municipality, form), i + 1));
      if (onProgress && offerings.length % PROGRESS_EVERY === 0) onProgress(offerings.length, total);
    });
  }
  if (onProgress && offerings.length % PROGRESS_EVERY !== 0) onProgress(offerings.length, total);
  return offerings;
}

/**
 * More offerings after the existing ones (another term, say): each municipality's ids go on
 * from `after` (its last sequence number so far); a draft no contract covers is skipped.
 */
export function buildMoreOfferings(ctx: OfferingContext, quotas: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): OfferingRow[] {
  const offerings: OfferingRow[] = [];
  for (const [code, quota] of quotas) {
    const municipality = must(ctx.municipalities.get(code), `municipality ${code}`);
    let seq = after.get(code) ?? 0;
    for (const form of formSequence(ctx.rng, quota)) {
      const draft = tryDraftOffering(ctx, municipality, form);
      if (draft) offerings.push(toOffering(ctx, draft, ++seq));
    }
  }
  return offerings;
}
