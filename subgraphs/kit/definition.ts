import type { GraphQLSchema } from 'graphql';
import type { EntitySchema, MixedList } from 'typeorm';
import type { Viewer } from '../../common/auth/roles';
import type { Database } from './database';
import type { ScopedTable } from './instance-scope';
import type { Seeder } from './seed';

/**
 * Everything about one subgraph in one place: what runs, tests, seeds, composes or
 * prints it reads this (registered in subgraphs/registry.ts).
 */
export interface SubgraphDefinition<TLoaders> {
  /** Lower-case name: the folder under subgraphs/, the supergraph's name, `<NAME>_PORT`. */
  name: string;
  /** Port when the whole system runs on one machine. */
  port: number;
  /**
   * Whether its rows belong to one municipality each (ids start with the code), so that
   * a municipality can run its own instance; a regional subgraph has one instance.
   */
  sharded: boolean;
  /** For a sharded subgraph: the tables whose rows belong to one municipality each, guarded per instance. */
  scopedTables?: readonly ScopedTable[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** Builds the schema; needs no database (the SDL in schema/ is printed from it). */
  buildSchema(): GraphQLSchema;
  /** Per-request loaders; row scoping by the viewer happens in their SQL. */
  createLoaders(db: Database, viewer: Viewer): TLoaders;
  /** Writes this subgraph's part of the region's seed data into its own database. */
  seed: Seeder;
}
