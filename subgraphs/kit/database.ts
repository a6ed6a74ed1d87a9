import { types } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from '../../common/logger';
import { SqlLogger } from './sql-logger';

// DATE columns as 'YYYY-MM-DD' strings, never as Date objects shifted by the local time zone.
types.setTypeParser(types.builtins.DATE, (v) => v);

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  logger: Logger;
  poolSize?: number;
  slowQueryMs?: number;
  /** PostgreSQL cancels a statement running longer than this; 0 = no limit. */
  statementTimeoutMs?: number;
}

export interface Database {
  dataSource: DataSource;
  sql: SqlLogger;
}

/** Connects to the subgraph's own PostgreSQL database and brings its schema up to date. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const sql = new SqlLogger(opts.logger);
  const dataSource = new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: sql,
    maxQueryExecutionTime: opts.slowQueryMs ?? 200,
    poolSize: opts.poolSize ?? 10,
    extra: { statement_timeout: opts.statementTimeoutMs ?? 0 },
    applicationName: 'vuxhub',
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return { dataSource, sql };
}
