import 'reflect-metadata';
import { type ExecutionResult, graphql } from 'graphql';
import pino from 'pino';
import { ANONYMOUS, type Viewer } from '../../common/auth/roles';
import { type Database, openDatabase } from '../../subgraphs/kit/database';
import { CacheTags } from '../../subgraphs/kit/cache-tags';
import type { SubgraphDefinition } from '../../subgraphs/kit/definition';

export interface InProcessSubgraph {
  db: Database;
  /** Runs an operation with a fresh context (fresh DataLoaders), as one HTTP request would. */
  run(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<ExecutionResult<any>>;
  /** Runs an operation and returns how many SQL statements it ran. */
  countQueries(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer,
  ): Promise<{ result: ExecutionResult<any>; queries: number }>;
  close(): Promise<void>;
}

/** A subgraph's schema and loaders on its test database, in this process, to count SQL. */
export async function openSubgraph(def: SubgraphDefinition<unknown>): Promise<InProcessSubgraph> {
  const url = process.env[`TEST_DATABASE_URL_${def.name.toUpperCase()}`];
  if (!url) throw new Error('test database URL not set');
  const logger = pino({ level: 'warn' });
  const db = await openDatabase({ url, logger, entities: def.entities, migrations: def.migrations });
  const schema = def.buildSchema();
  const run = (source: string, variableValues?: Record<string, unknown>, viewer: Viewer = ANONYMOUS) =>
    graphql({
      schema,
      source,
      variableValues,
      contextValue: { requestId: 'test', viewer, logger, db, loaders: def.createLoaders(db, viewer), rawAggregates: false, cacheTags: new CacheTags(def.name) },
    }) as Promise<ExecutionResult<any>>;
  return {
    db,
    run,
    async countQueries(query, variables, viewer) {
      const before = db.sql.queryCount;
      const result = await run(query, variables, viewer);
      return { result, queries: db.sql.queryCount - before };
    },
    close: () => db.dataSource.destroy(),
  };
}
