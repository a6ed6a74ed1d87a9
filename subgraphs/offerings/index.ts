import type { SubgraphDefinition } from '../kit/definition';
import { createLoaders, type OfferingLoaders } from './loaders';
import { Initial1763900000000 } from './migrations/1763900000000-initial';
import { Seats1764600000000 } from './migrations/1764600000000-seats';
import { TitleKey1764700000000 } from './migrations/1764700000000-title-key';
import { ENTITIES } from './model';
import { buildOfferingsSchema } from './schema';
import { seedOfferings } from './seed';

export const offeringsSubgraph: SubgraphDefinition<OfferingLoaders> = {
  name: 'offerings',
  port: 4002,
  sharded: true,
  scopedTables: [{ table: 'offerings', column: 'municipality_code' }],
  entities: ENTITIES,
  migrations: [Initial1763900000000, Seats1764600000000, TitleKey1764700000000],
  buildSchema: buildOfferingsSchema,
  createLoaders,
  seed: seedOfferings,
};
