import type { SubgraphDefinition } from '../subgraphs/kit/definition';
import { offeringsSubgraph } from '../subgraphs/offerings';
import { providersSubgraph } from '../subgraphs/providers';

/** Every subgraph of the region, in start order. */
export const SUBGRAPHS: SubgraphDefinition<unknown>[] = [providersSubgraph, offeringsSubgraph];
