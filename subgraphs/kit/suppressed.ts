import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { suppressionConfig } from '../../common/config';
import { suppressCount, suppressMean, suppressRate } from '../../common/suppression';

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

/** Raw figures' parts, for the gateway merging instances only: never in the region's API. */
const RAW = '@inaccessible';

@Directive(INHERIT)
@Directive('@shareable')
@ObjectType({ description: 'A number of people; null and suppressed when so few that someone could be identified.' })
export class SuppressedCount {
  @Field(() => Int, { nullable: true })
  value!: number | null;

  @Field({ description: 'True when the value is hidden because the group is too small.' })
  suppressed!: boolean;
}

@Directive(INHERIT)
@Directive('@shareable')
@ObjectType({ description: 'A share of a group of people (0–1); null and suppressed when the group is too small.' })
export class SuppressedRate {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field({ description: 'True when the value is hidden because the group is too small.' })
  suppressed!: boolean;

  @Directive(RAW)
  @Field(() => Int, { nullable: true, description: 'The people counted (raw figures only).' })
  part?: number;

  @Directive(RAW)
  @Field(() => Int, { nullable: true, description: 'The group’s size (raw figures only).' })
  group?: number;
}

@Directive(INHERIT)
@Directive('@shareable')
@ObjectType({ description: 'A mean over a group of people; null and suppressed when the group is too small.' })
export class SuppressedMean {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field({ description: 'True when the value is hidden because the group is too small.' })
  suppressed!: boolean;

  @Directive(RAW)
  @Field(() => Float, { nullable: true, description: 'The sum of the values (raw figures only).' })
  sum?: number;

  @Directive(RAW)
  @Field(() => Int, { nullable: true, description: 'The group’s size (raw figures only).' })
  group?: number;
}

const minGroupSize = () => suppressionConfig().minGroupSize;

/** A count of people: hidden when 0 < count < min; a count of 0 is shown, as it identifies nobody. */
export function suppressedCount(count: number, min = minGroupSize()): SuppressedCount {
  return suppressCount(count, min);
}

/** `part` of `group` people as a share 0–1: hidden when the group is below min. */
export function suppressedRate(part: number, group: number, min = minGroupSize()): SuppressedRate {
  return suppressRate(part, group, min);
}

/** A mean over `group` people: hidden when the group is below min (null over nobody). */
export function suppressedMean(mean: number | null, group: number, min = minGroupSize()): SuppressedMean {
  if (group > 0 && (mean === null || !Number.isFinite(mean))) throw new Error(`A mean over ${group} people must be a finite number`);
  return suppressMean((mean ?? 0) * group, group, min);
}

/**
 * The figures of one request. For the gateway (raw: it proved so with its service
 * token) they are the raw numbers with what a merge needs (a rate's part and group, a
 * mean's sum and group), and the gateway suppresses after merging the instances'
 * figures; for every other caller they are suppressed here.
 */
export function figures(raw: boolean, min = minGroupSize()) {
  return {
    count: (n: number): SuppressedCount => (raw ? { value: n, suppressed: false } : suppressCount(n, min)),
    rate: (part: number, group: number): SuppressedRate =>
      raw ? { value: group ? part / group : null, suppressed: false, part, group } : suppressRate(part, group, min),
    mean: (sum: number, group: number): SuppressedMean =>
      raw ? { value: group ? sum / group : null, suppressed: false, sum, group } : suppressMean(sum, group, min),
  };
}
