import type { SubgraphDefinition } from './kit/definition';
import { applicationsSubgraph } from './applications';
import { offeringsSubgraph } from './offerings';
import { providersSubgraph } from './providers';

/**
 * Every subgraph of the region, in start order: the one list that start, seed, compose,
 * the contract check, the benchmark and the tests read. Adding a subgraph is adding it here.
 */
export const SUBGRAPHS: readonly SubgraphDefinition<unknown>[] = [
  providersSubgraph,
  offeringsSubgraph,
  applicationsSubgraph,
];

export const SUBGRAPH_NAMES: readonly string[] = SUBGRAPHS.map((s) => s.name);

/** The definition of a subgraph by name, or undefined. */
export function subgraphNamed(name: string | undefined): SubgraphDefinition<unknown> | undefined {
  return SUBGRAPHS.find((s) => s.name === name);
}
