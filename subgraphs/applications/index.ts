import type { SubgraphDefinition } from '../kit/definition';
import { type ApplicationLoaders, createLoaders } from './loaders';
import { Initial1764600000000 } from './migrations/1764600000000-initial';
import { Volume1764800000000 } from './migrations/1764800000000-volume';
import { ENTITIES } from './model';
import { buildApplicationsSchema } from './schema';
import { seedApplications } from './seed';

export const applicationsSubgraph: SubgraphDefinition<ApplicationLoaders> = {
  name: 'applications',
  port: 4003,
  sharded: true,
  scopedTables: [
    { table: 'applicants', column: 'home_municipality' },
    { table: 'applications', column: 'home_municipality' },
  ],
  entities: ENTITIES,
  migrations: [Initial1764600000000, Volume1764800000000],
  buildSchema: buildApplicationsSchema,
  createLoaders,
  seed: seedApplications,
};
