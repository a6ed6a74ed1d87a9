/**
 * What residents apply for: offerings whose application window has opened by today,
 * pooled by municipality, term and school form, each with a popularity. An applicant of a
 * term picks a school form, then 1–3 offerings, ranked: about 70 % at home, the rest next
 * door or in Stockholm.
 */

import { must } from './must';
import { chance, pickWeighted, type Rng } from './random';
import { STOCKHOLM } from './municipalities';
import { NEIGHBOURS } from './residents';
import { dayOf } from './terms';
import type { OfferingRow, SchoolForm } from '../../subgraphs/kit/region-data';
import { termOf } from '../../subgraphs/kit/terms';

const HOME_SHARE = 0.7;
/** Stockholm's offerings as seen from municipalities that do not border it. */
const STOCKHOLM_AFAR = 0.5;
/**
 * How popularity varies between offerings: a floor everyone gets (so that few go without
 * applicants) plus a log-normal part with a long tail (so that some draw far more than
 * their seats); the mean is 1.
 */
const POPULARITY_FLOOR = 0.6;
const POPULARITY_SPREAD = 1;
/** Särskild utbildning runs small groups that fill more of their seats. */
const FORM_DEMAND: Partial<Record<SchoolForm, number>> = { SPECIAL: 1.6 };
/** Once an offering has had its expected share, it is still chosen now and then. */
const MIN_REMAINING = 0.05;
const CHOICES: readonly number[] = [1, 2, 3];
const CHOICE_WEIGHTS: readonly number[] = [50, 30, 20];
/** Applications per applicant, on average. */
export const MEAN_CHOICES = CHOICES.reduce((s, n, i) => s + n * (CHOICE_WEIGHTS[i] ?? 0), 0) / CHOICE_WEIGHTS.reduce((s, w) => s + w, 0);

export interface OpenOffering {
  row: OfferingRow;
  form: SchoolForm;
  term: string;
  opens: number;
  closes: number;
  start: number;
  end: number;
  /** The last day an application can have been sent by: the closing day or yesterday. */
  lastSubmitDay: number;
  popularity: number;
  /** Applications for it so far. */
  taken: number;
}

interface Pool {
  items: OpenOffering[];
  /** How much each item counts in this pool (Stockholm seen from afar counts less). */
  factors: number[];
  /** Running sums of factor × popularity, to draw an item in O(log n). */
  cumulative: number[];
  /** Popularity in all: how much this pool is chosen. */
  total: number;
}

export interface Choice {
  offering: OpenOffering;
  ranking: number;
}

const dayFromIso = (s: string) => dayOf(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

export interface OpenOfferings {
  open: OpenOffering[];
  /** Per term: how much of its applications have come in by today (1: every window has closed). */
  termShares: Map<string, number>;
}

/**
 * The offerings one could have applied for by yesterday, each with a popularity: its seats
 * times a log-normal factor (some draw far more than their seats), times the share of its
 * window gone by (an open window has had only part of its applicants yet).
 */
export function openOfferings(rng: Rng, offerings: readonly OfferingRow[], formOf: ReadonlyMap<string, SchoolForm>, today: number): OpenOfferings {
  const out: OpenOffering[] = [];
  const full = new Map<string, number>();
  const sofar = new Map<string, number>();
  for (const row of offerings) {
    const opens = dayFromIso(row.applicationOpens);
    const tail = Math.exp(POPULARITY_SPREAD * gaussian(rng) - (POPULARITY_SPREAD * POPULARITY_SPREAD) / 2);
    const form = must(formOf.get(row.courseCode), `course ${row.courseCode}`);
    const popularity = row.seats * (POPULARITY_FLOOR + (1 - POPULARITY_FLOOR) * tail) * (FORM_DEMAND[form] ?? 1);
    const term = termOf(row.startDate);
    full.set(term, (full.get(term) ?? 0) + popularity);
    if (opens > today - 1) continue;
    const closes = dayFromIso(row.applicationCloses);
    const lastSubmitDay = Math.min(closes, today - 1);
    const elapsed = (lastSubmitDay - opens + 1) / (closes - opens + 1);
    sofar.set(term, (sofar.get(term) ?? 0) + popularity * elapsed);
    out.push({
      row,
      form,
      term,
      opens,
      closes,
      start: dayFromIso(row.startDate),
      end: dayFromIso(row.endDate),
      lastSubmitDay,
      popularity: popularity * elapsed,
      taken: 0,
    });
  }
  const termShares = new Map([...sofar].map(([term, n]) => [term, n / (full.get(term) ?? n)]));
  return { open: out, termShares };
}

function makePool(items: OpenOffering[], factorOf: (o: OpenOffering) => number): Pool {
  const factors = items.map(factorOf);
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((o, i) => cumulative.push((total += o.popularity * (factors[i] ?? 0))));
  return { items, factors, cumulative, total };
}

/** The index of the first running sum above `r`. */
function search(cumulative: readonly number[], r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Chooses offerings for applicants. An offering is chosen in proportion to the part of its
 * expected share of applications (its popularity) it has not had yet: the counts follow the
 * popularity closely rather than scattering around it.
 */
export class ChoiceBook {
  /** Applications expected per unit of popularity. */
  private readonly perPopularity: number;
  private readonly home = new Map<string, Pool>();
  private readonly away = new Map<string, Pool | undefined>();
  private readonly options = new Map<string, { forms: SchoolForm[]; weights: number[] }>();

  constructor(
    private readonly offerings: readonly OpenOffering[],
    expectedApplications: number,
  ) {
    this.perPopularity = expectedApplications / offerings.reduce((s, o) => s + o.popularity, 0);
    const grouped = new Map<string, OpenOffering[]>();
    for (const o of offerings) {
      const key = `${o.row.municipalityCode}|${o.term}|${o.form}`;
      const list = grouped.get(key);
      if (list) list.push(o);
      else grouped.set(key, [o]);
    }
    for (const [key, items] of grouped) this.home.set(key, makePool(items, () => 1));
  }

  private homePool(code: string, term: string, form: SchoolForm): Pool | undefined {
    return this.home.get(`${code}|${term}|${form}`);
  }

  /** Next door and Stockholm: where residents of `code` study when not at home. */
  private awayPool(code: string, term: string, form: SchoolForm): Pool | undefined {
    const key = `${code}|${term}|${form}`;
    if (this.away.has(key)) return this.away.get(key);
    const neighbours = NEIGHBOURS[code] ?? [];
    const codes = code === STOCKHOLM || neighbours.includes(STOCKHOLM) ? neighbours : [...neighbours, STOCKHOLM];
    const items = codes.flatMap((c) => this.homePool(c, term, form)?.items ?? []);
    const pool = items.length > 0 ? makePool(items, (o) => (neighbours.includes(o.row.municipalityCode) ? 1 : STOCKHOLM_AFAR)) : undefined;
    this.away.set(key, pool);
    return pool;
  }

  /** The school forms a resident of `code` may apply for in `term`, weighted by what is on offer. */
  private optionsFor(code: string, term: string): { forms: SchoolForm[]; weights: number[] } {
    const key = `${code}|${term}`;
    const cached = this.options.get(key);
    if (cached) return cached;
    const forms = [...new Set(this.offerings.filter((o) => o.term === term).map((o) => o.form))];
    const homeTotal = forms.reduce((s, f) => s + (this.homePool(code, term, f)?.total ?? 0), 0);
    const awayTotal = forms.reduce((s, f) => s + (this.awayPool(code, term, f)?.total ?? 0), 0);
    const weights = forms.map(
      (f) =>
        (homeTotal > 0 ? (HOME_SHARE * (this.homePool(code, term, f)?.total ?? 0)) / homeTotal : 0) +
        (awayTotal > 0 ? ((1 - HOME_SHARE) * (this.awayPool(code, term, f)?.total ?? 0)) / awayTotal : 0),
    );
    const options = { forms, weights };
    this.options.set(key, options);
    return options;
  }

  /**
   * One applicant's ranked choices in `term`: one school form, 1–3 distinct offerings; none
   * when nothing they could reach has opened for application yet.
   */
  choose(rng: Rng, home: string, term: string): { form: SchoolForm; choices: Choice[] } | undefined {
    const { forms, weights } = this.optionsFor(home, term);
    if (!weights.some((w) => w > 0)) return undefined;
    const form = pickWeighted(rng, forms, weights);
    const homePool = this.homePool(home, term, form);
    const awayPool = this.awayPool(home, term, form);
    const available = (homePool?.items.length ?? 0) + (awayPool?.items.length ?? 0);
    const wanted = Math.min(available, pickWeighted(rng, CHOICES, CHOICE_WEIGHTS));
    const chosen: OpenOffering[] = [];
    let atHome = 0;
    while (chosen.length < wanted) {
      const homeLeft = (homePool?.items.length ?? 0) > atHome;
      const awayLeft = (awayPool?.items.length ?? 0) > chosen.length - atHome;
      const home = homeLeft && (!awayLeft || chance(rng, HOME_SHARE));
      if (home) atHome++;
      const o = this.pickRemaining(rng, must(home ? homePool : awayPool, 'pool'), chosen);
      o.taken++;
      chosen.push(o);
    }
    return { form, choices: chosen.map((offering, i) => ({ offering, ranking: i + 1 })) };
  }

  /** An offering not chosen yet, weighted by the part of its expected share it has not had. */
  private pickRemaining(rng: Rng, pool: Pool, chosen: readonly OpenOffering[]): OpenOffering {
    // By rejection: drawn by popularity, kept with the share of its expected applications it has not had yet.
    for (let tries = 0; tries < 200; tries++) {
      const o = pool.items[search(pool.cumulative, rng() * pool.total)]!;
      const left = Math.max(MIN_REMAINING, 1 - o.taken / (this.perPopularity * o.popularity));
      if (rng() < left && !chosen.includes(o)) return o;
    }
    // Hardly ever: the same, item by item.
    const weight = (i: number) => {
      const o = pool.items[i]!;
      if (chosen.includes(o)) return 0;
      return (pool.factors[i] ?? 0) * Math.max(MIN_REMAINING * o.popularity, o.popularity - o.taken / this.perPopularity);
    };
    let total = 0;
    for (let i = 0; i < pool.items.length; i++) total += weight(i);
    let r = rng() * total;
    for (let i = 0; i < pool.items.length; i++) {
      r -= weight(i);
      if (r < 0) return pool.items[i]!;
    }
    // Rounding left a sliver: the last one that may be chosen.
    for (let i = pool.items.length - 1; i >= 0; i--) if (weight(i) > 0) return pool.items[i]!;
    throw new Error('no offering left to choose');
  }
}
