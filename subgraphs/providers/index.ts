import type { SubgraphDefinition } from '../kit/definition';
import { createLoaders, type ProviderLoaders } from './loaders';
import { Initial1763900000000 } from './migrations/1763900000000-initial';
import { ENTITIES } from './model';
import { buildProvidersSchema } from './schema';
import { seedProviders } from './seed';

export const providersSubgraph: SubgraphDefinition<ProviderLoaders> = {
  name: 'providers',
  port: 4001,
  sharded: false,
  entities: ENTITIES,
  migrations: [Initial1763900000000],
  buildSchema: buildProvidersSchema,
  createLoaders,
  seed: seedProviders,
};
