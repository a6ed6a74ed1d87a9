import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { suppressionConfig } from '../../common/config';

/**
 * Aggregates over people, suppressed when the group is so small that a person could be
 * told apart: the value is null and `suppressed` true. The minimum group size is
 * MIN_GROUP_SIZE (default 5).
 *
 * - A count is suppressed when it is below the minimum but above 0: a count of 0
 *   identifies nobody, so it is shown.
 * - A rate or a mean is suppressed when the group it is computed over (the denominator,
 *   the number of people) is below the minimum. Over nobody there is nothing to hide and
 *   nothing to show: the value is null and `suppressed` false.
 *
 * Suppress once, on the final figure: two groups of 3 merged make a 6 that may be shown.
 */

/** The figure is as cacheable as the field it hangs on (a public statistic stays public). */
const INHERIT = '@cacheControl(inheritMaxAge: true)';

@Directive(INHERIT)
@ObjectType({ description: 'A number of people; null and suppressed when so few that someone could be identified.' })
export class SuppressedCount {
  @Field(() => Int, { nullable: true })
  value!: number | null;

  @Field({ description: 'True when the value is hidden because the group is too small.' })
  suppressed!: boolean;
}

@Directive(INHERIT)
@ObjectType({ description: 'A share of a group of people (0–1); null and suppressed when the group is too small.' })
export class SuppressedRate {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field({ description: 'True when the value is hidden because the group is too small.' })
  suppressed!: boolean;
}

@Directive(INHERIT)
@ObjectType({ description: 'A mean over a group of people; null and suppressed when the group is too small.' })
export class SuppressedMean {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field({ description: 'True when the value is hidden because the group is too small.' })
  suppressed!: boolean;
}

const minGroupSize = () => suppressionConfig().minGroupSize;

function checkGroupSize(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number >= 0, got ${n}`);
}

const shown = (value: number | null) => ({ value, suppressed: false });
const hidden = () => ({ value: null, suppressed: true });

/** A count of people: hidden when 0 < count < min; a count of 0 is shown, as it identifies nobody. */
export function suppressedCount(count: number, min = minGroupSize()): SuppressedCount {
  checkGroupSize(count, 'A count');
  return count > 0 && count < min ? hidden() : shown(count);
}

/** `part` of `group` people as a share 0–1: hidden when the group is below min. */
export function suppressedRate(part: number, group: number, min = minGroupSize()): SuppressedRate {
  checkGroupSize(part, 'A rate’s part');
  checkGroupSize(group, 'A rate’s group');
  if (part > group) throw new Error(`A rate’s part (${part}) cannot exceed its group (${group})`);
  if (group === 0) return shown(null);
  return group < min ? hidden() : shown(part / group);
}

/** A mean over `group` people: hidden when the group is below min (null over nobody). */
export function suppressedMean(mean: number | null, group: number, min = minGroupSize()): SuppressedMean {
  checkGroupSize(group, 'A mean’s group');
  if (group === 0) return shown(null);
  if (mean === null || !Number.isFinite(mean)) throw new Error(`A mean over ${group} people must be a finite number`);
  return group < min ? hidden() : shown(mean);
}
