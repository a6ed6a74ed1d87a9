/**
 * The rules of statistical suppression, in one place for the subgraphs (which suppress
 * for every caller but the gateway) and the gateway (which suppresses once more after
 * merging the raw figures of several instances): two groups of 3 make a 6 that may be
 * shown, and a 3 must reach nobody.
 *
 * - A count is hidden when it is below the minimum group size but above 0: a count of 0
 *   identifies nobody, so it is shown.
 * - A rate or a mean is hidden when the group it is computed over (the denominator, the
 *   number of people) is below the minimum. Over nobody there is nothing to hide and
 *   nothing to show: the value is null and `suppressed` false.
 */
export interface Figure {
  value: number | null;
  suppressed: boolean;
}

const shown = (value: number | null): Figure => ({ value, suppressed: false });
const hidden = (): Figure => ({ value: null, suppressed: true });

function checkWhole(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number >= 0, got ${n}`);
}

export function suppressCount(count: number, min: number): Figure {
  checkWhole(count, 'A count');
  return count > 0 && count < min ? hidden() : shown(count);
}

/** `part` of `group` people, as a share 0–1. */
export function suppressRate(part: number, group: number, min: number): Figure {
  checkWhole(part, 'A rate’s part');
  checkWhole(group, 'A rate’s group');
  if (part > group) throw new Error(`A rate’s part (${part}) cannot exceed its group (${group})`);
  if (group === 0) return shown(null);
  return group < min ? hidden() : shown(part / group);
}

/** The mean of `group` people's values summing to `sum`. */
export function suppressMean(sum: number, group: number, min: number): Figure {
  checkWhole(group, 'A mean’s group');
  if (group === 0) return shown(null);
  if (!Number.isFinite(sum)) throw new Error(`A mean over ${group} people must have a finite sum`);
  return group < min ? hidden() : shown(sum / group);
}
