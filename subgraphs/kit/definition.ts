import type { GraphQLSchema } from 'graphql';
import type { EntitySchema, MixedList } from 'typeorm';
import type { Viewer } from '../../common/auth/roles';
import type { SubgraphName } from '../../common/config';
import type { Database } from './database';

/** Everything the kit needs to run, test or print one subgraph. */
export interface SubgraphDefinition<TLoaders> {
  name: SubgraphName;
  /**
   * Whether its rows belong to one municipality each (ids start with the code), so that
   * a municipality can run its own instance; a regional subgraph has one instance.
   */
  sharded: boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** Builds the schema; needs no database (the SDL in schema/ is printed from it). */
  buildSchema(): GraphQLSchema;
  /** Per-request loaders; row scoping by the viewer happens in their SQL. */
  createLoaders(db: Database, viewer: Viewer): TLoaders;
}
