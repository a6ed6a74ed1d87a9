import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Route } from '../http';
import { errorCodeLabel, operationLabel } from './labels';

/**
 * Prometheus metrics: one registry per process, served at GET /metrics. Every metric
 * of ours is named `vuxhub_…`; Node's default metrics (`process_…`, `nodejs_…`) keep
 * their standard names so that ready-made dashboards and alerts work.
 *
 * Metrics are registered when first used, so a process has only those of its role:
 * the gateway's subgraph fetches, a subgraph's SQL and pool.
 */

let registry: Registry | undefined;

/** The process's registry, with Node's default metrics. */
export function metricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

/** Registers a group of metrics on the process's registry on first use, once. */
export function metricGroup<T>(make: (register: Registry) => T): () => T {
  let group: T | undefined;
  return () => (group ??= make(metricsRegistry()));
}

/** Latency buckets in seconds, for a request (a GraphQL operation, a subgraph fetch). */
export const REQUEST_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** GraphQL requests, in the gateway and in every subgraph alike. */
export const graphqlMetrics = metricGroup((register) => ({
  requests: new Counter({
    name: 'vuxhub_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name (anonymous without one; other past the cardinality limit)',
    labelNames: ['operation'] as const,
    registers: [register],
  }),
  duration: new Histogram({
    name: 'vuxhub_graphql_request_duration_seconds',
    help: 'Time from the start of a GraphQL request to its response, by operation name',
    labelNames: ['operation'] as const,
    buckets: REQUEST_SECONDS_BUCKETS,
    registers: [register],
  }),
  errors: new Counter({
    name: 'vuxhub_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code as the client sees it (after masking)',
    labelNames: ['code'] as const,
    registers: [register],
  }),
}));

/**
 * Counts every GraphQL request: by operation name, its duration, and each error of
 * its response by code. List it after plugins that replace a response's errors (the
 * safelist), like the request log.
 */
export function metricsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  const metrics = graphqlMetrics();
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response }) {
          const operation = operationLabel(operationName);
          metrics.requests.inc({ operation });
          metrics.duration.observe({ operation }, (performance.now() - started) / 1000);
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          for (const error of errors ?? []) metrics.errors.inc({ code: errorCodeLabel(error.extensions?.code) });
        },
      };
    },
  };
}

/** The gateway's response cache: how often it answers, and what changes drop from it. */
export const responseCacheMetrics = metricGroup((register) => {
  const requests = new Counter({
    name: 'vuxhub_response_cache_requests_total',
    help: 'GraphQL operations at the response cache: hit (answered from it), miss (looked up, not there), skip (not looked up: a token, or not a query)',
    labelNames: ['result'] as const,
    registers: [register],
  });
  const evictions = new Counter({
    name: 'vuxhub_response_cache_evictions_total',
    help: 'Answers dropped from the response cache by a change: by the tags it declared, or all of them (a change that declared none)',
    labelNames: ['cause'] as const,
    registers: [register],
  });
  // Every series from the start, so that a hit rate reads 0 rather than nothing.
  for (const result of ['hit', 'miss', 'skip']) requests.inc({ result }, 0);
  for (const cause of ['tags', 'all']) evictions.inc({ cause }, 0);
  return { requests, evictions };
});

/** GET /metrics: the registry in Prometheus' text format. No token needed; METRICS=false removes it. */
export function metricsRoute(register: Registry = metricsRegistry()) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('allow', 'GET, HEAD');
      res.end();
      return;
    }
    const text = await register.metrics();
    res.statusCode = 200;
    res.setHeader('content-type', register.contentType);
    res.setHeader('cache-control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : text);
  };
}

/** The routes of a server's metrics: `/metrics`, or none when METRICS is off. */
/** Counts refusals made before GraphQL ran (401, 406, 413, 415 …) among the errors by code. */
export function countRefusal(code: string): void {
  graphqlMetrics().errors.inc({ code: errorCodeLabel(code) });
}

export function metricsRoutes(enabled: boolean): Record<string, Route> {
  return enabled ? { '/metrics': metricsRoute() } : {};
}

/** What a connection pool tells about itself (node-postgres' Pool). */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

const pools = new Set<() => PoolStats | undefined>();
const sum = (stat: (p: PoolStats) => number | undefined) => {
  let total = 0;
  for (const pool of pools) {
    const stats = pool();
    total += (stats && stat(stats)) ?? 0;
  }
  return total;
};

const poolMetrics = metricGroup((register) => {
  const gauge = (name: string, help: string, stat: (p: PoolStats) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers: [register],
      collect() {
        this.set(sum(stat));
      },
    });
  return [
    gauge('vuxhub_db_pool_connections', 'Open connections of the database pool', (p) => p.totalCount),
    gauge('vuxhub_db_pool_idle_connections', 'Open connections of the database pool not in use', (p) => p.idleCount),
    gauge('vuxhub_db_pool_waiting_clients', 'Queries waiting for a connection of the database pool', (p) => p.waitingCount),
    gauge('vuxhub_db_pool_max_connections', 'The most connections the database pool opens (DB_POOL_SIZE)', (p) => p.options?.max),
  ];
});

/**
 * Reports a database pool in the pool gauges, read when Prometheus scrapes. `pool`
 * gives the pool or, once it is closed, undefined.
 */
export function trackPool(pool: () => PoolStats | undefined): void {
  poolMetrics();
  pools.add(pool);
}
