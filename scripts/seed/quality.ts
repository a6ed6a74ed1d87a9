/**
 * How well each provider does: the share of its students who pass and who drop out. Drawn
 * once per provider, in three tiers, so that follow-up per provider finds real differences.
 */

import { pickWeighted, type Rng } from './random';
import type { ProviderRow, SchoolForm } from '../../subgraphs/kit/region-data';

export interface ProviderQuality {
  /** Of those who finish, the share who pass. */
  passRate: number;
  /** Of those enrolled, the share who leave before the end. */
  dropoutRate: number;
}

const TIERS: readonly (ProviderQuality & { weight: number })[] = [
  { passRate: 0.93, dropoutRate: 0.05, weight: 2 }, // strong
  { passRate: 0.84, dropoutRate: 0.11, weight: 5 }, // typical
  { passRate: 0.68, dropoutRate: 0.24, weight: 2 }, // weak
];

/** Sfi and basic courses see more students leave (work, moves); särskild utbildning fewer. */
const DROPOUT_FACTOR: Record<SchoolForm, number> = {
  SFI: 1.4,
  BASIC: 1.2,
  UPPER_SECONDARY: 1,
  VOCATIONAL: 0.8,
  SPECIAL: 0.5,
};

export function providerQualities(rng: Rng, providers: readonly ProviderRow[]): Map<string, ProviderQuality> {
  const out = new Map<string, ProviderQuality>();
  for (const p of providers) {
    const tier = pickWeighted(rng, TIERS, TIERS.map((t) => t.weight));
    const jitter = (rng() - 0.5) * 0.06;
    out.set(p.id, {
      passRate: Math.min(0.98, tier.passRate + jitter),
      dropoutRate: Math.max(0.02, tier.dropoutRate - jitter),
    });
  }
  return out;
}

export function dropoutRate(q: ProviderQuality, form: SchoolForm): number {
  return Math.min(0.6, q.dropoutRate * DROPOUT_FACTOR[form]);
}
