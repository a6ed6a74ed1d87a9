import type { SubgraphDefinition } from '../kit/definition';
import { createLoaders, type ProviderLoaders } from './loaders';
import { Initial1763900000000 } from './migrations/1763900000000-initial';
import { ENTITIES } from './model';
import { buildProvidersSchema } from './schema';

export const providersSubgraph: SubgraphDefinition<ProviderLoaders> = {
  name: 'providers',
  sharded: false,
  entities: ENTITIES,
  migrations: [Initial1763900000000],
  buildSchema: buildProvidersSchema,
  createLoaders,
};
