import { type Pool, types } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from '../../common/logger';
import { trackPool } from '../../common/observability/metrics';
import { statementObserver } from '../../common/observability/sql';
import { tracingEnabled } from '../../common/observability/tracing';
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
  /** SQL statement metrics and the pool gauges (METRICS). */
  metrics?: boolean;
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
  observeStatements(dataSource, opts);
  await dataSource.initialize();
  // The pg Pool behind TypeORM, read on each scrape (undefined once closed).
  if (opts.metrics) trackPool(() => (dataSource.driver as unknown as { master?: Pool }).master);
  await dataSource.runMigrations();
  return { dataSource, sql };
}

function databaseName(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || undefined;
  } catch {
    return undefined;
  }
}

type RunQuery = (query: string, parameters?: unknown, useStructuredResult?: boolean) => Promise<unknown>;

/**
 * Every statement of every query runner (repositories, `dataSource.query`, transactions)
 * through the statement observer: metrics by kind, and a span when a request is traced.
 */
function observeStatements(dataSource: DataSource, opts: DatabaseOptions): void {
  if (!opts.metrics && !tracingEnabled()) return;
  const observe = statementObserver({ metrics: opts.metrics ?? false, database: databaseName(opts.url) });
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner) as RunQuery;
    const observed: RunQuery = (text, parameters, useStructuredResult) =>
      observe(text, () => query(text, parameters, useStructuredResult));
    runner.query = observed as typeof runner.query;
    return runner;
  };
}
