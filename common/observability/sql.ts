import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Counter, Histogram } from 'prom-client';
import { metricGroup } from './metrics';
import { tracer, tracingEnabled } from './tracing';

/**
 * What a subgraph records about each SQL statement: its kind (SELECT, INSERT, …), never
 * its text or parameters. Metrics by kind; a span per statement inside a traced request.
 */

const KINDS = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH', 'VALUES',
  'BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE',
  'SET', 'SHOW', 'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'COPY', 'LOCK', 'EXPLAIN',
]);

/** The first keyword of a statement (comments and parentheses skipped), OTHER for anything unusual. */
export function statementKind(sql: string): string {
  const text = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  const word = /^[A-Za-z]+/.exec(text)?.[0]?.toUpperCase();
  return word && KINDS.has(word) ? word : 'OTHER';
}

const sqlMetrics = metricGroup((register) => ({
  statements: new Counter({
    name: 'vuxhub_sql_statements_total',
    help: 'SQL statements run, by kind (SELECT, INSERT, …)',
    labelNames: ['kind'] as const,
    registers: [register],
  }),
  duration: new Histogram({
    name: 'vuxhub_sql_statement_duration_seconds',
    help: 'Duration of SQL statements by kind, waiting for a pool connection included',
    labelNames: ['kind'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  }),
  errors: new Counter({
    name: 'vuxhub_sql_statement_errors_total',
    help: 'SQL statements that failed, by kind',
    labelNames: ['kind'] as const,
    registers: [register],
  }),
}));

export type StatementObserver = <T>(sql: string, run: () => Promise<T>) => Promise<T>;

/**
 * Observes statements with metrics (when `metrics`) and spans (when tracing is on and a
 * request is being traced: start-up migrations and health checks make no traces of their
 * own). `database`: the database's name, on each span.
 */
export function statementObserver(opts: { metrics: boolean; database?: string }): StatementObserver {
  const metrics = opts.metrics ? sqlMetrics() : undefined;
  return async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const traced = tracingEnabled() && trace.getActiveSpan()?.isRecording() === true;
    if (!metrics && !traced) return run();
    const kind = statementKind(sql);
    const observed = async (finish?: (failed: unknown) => void): Promise<T> => {
      const started = performance.now();
      let failed: unknown;
      try {
        return await run();
      } catch (err) {
        failed = err;
        metrics?.errors.inc({ kind });
        throw err;
      } finally {
        metrics?.statements.inc({ kind });
        metrics?.duration.observe({ kind }, (performance.now() - started) / 1000);
        finish?.(failed);
      }
    };
    if (!traced) return observed();
    const attributes: Record<string, string> = { 'db.system.name': 'postgresql', 'db.operation.name': kind };
    if (opts.database) attributes['db.namespace'] = opts.database;
    return tracer.startActiveSpan(kind, { kind: SpanKind.CLIENT, attributes }, (span) =>
      observed((failed) => {
        if (failed !== undefined) {
          // PostgreSQL's SQLSTATE only: its message can quote the values a statement was given.
          const sqlState = (failed as { driverError?: { code?: unknown } }).driverError?.code;
          if (typeof sqlState === 'string') span.setAttribute('db.response.status_code', sqlState);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      }),
    );
  };
}
