/** How many offerings each municipality gets: shared out by population, with a floor per municipality. */

import { ALL_FORMS } from './courses';
import type { MunicipalityRow } from '../../subgraphs/kit/region-data';

const OFFERINGS_PER_SCALE = 5200;
const MIN_OFFERINGS_PER_MUNICIPALITY = 40;

/** Splits `total` by weight, giving each at least `min`; the parts add up to `total` (or more if the minimums demand it). */
function allocate(total: number, weights: readonly number[], min: number): number[] {
  const n = weights.length;
  const fixed = new Array<boolean>(n).fill(false);
  for (;;) {
    const freeWeight = weights.reduce((s, w, i) => (fixed[i] ? s : s + w), 0);
    const remaining = total - min * fixed.filter(Boolean).length;
    let changed = false;
    weights.forEach((w, i) => {
      if (!fixed[i] && (remaining * w) / freeWeight < min) {
        fixed[i] = true;
        changed = true;
      }
    });
    if (changed) continue;
    const exact = weights.map((w, i) => (fixed[i] ? min : (Math.max(0, remaining) * w) / freeWeight));
    const out = exact.map(Math.floor);
    let left = Math.max(0, total - out.reduce((s, x) => s + x, 0));
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order) {
      if (left <= 0) break;
      if (fixed[i]) continue;
      out[i] = (out[i] ?? 0) + 1;
      left--;
    }
    return out;
  }
}

/** Offerings per municipality code, in the order of `municipalities`. */
export function offeringQuotas(municipalities: readonly MunicipalityRow[], scale: number): Map<string, number> {
  const total = Math.round(OFFERINGS_PER_SCALE * scale);
  const min = Math.max(ALL_FORMS.length, Math.round(MIN_OFFERINGS_PER_MUNICIPALITY * scale));
  const counts = allocate(
    total,
    municipalities.map((m) => m.population),
    min,
  );
  return new Map(municipalities.map((m, i) => [m.code, counts[i] ?? min]));
}
