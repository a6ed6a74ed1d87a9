import { type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { Counter, Histogram } from 'prom-client';
import { errorCodeLabel } from './labels';
import { REQUEST_SECONDS_BUCKETS, metricGroup } from './metrics';
import { tracer, tracingEnabled } from './tracing';

/**
 * What the gateway records about each call to a subgraph: a client span (the
 * `traceparent` of the request is written in SubgraphClient.willSendRequest, inside it)
 * and the fetch metrics.
 */

/** Where a fetch goes. */
export interface SubgraphTarget {
  subgraph: string;
  url: string;
}

/**
 * The labels of the fetch metrics, made from the target in this one place: when a
 * subgraph is split into shards, `shard` joins here and in SubgraphTarget.
 */
const TARGET_LABELS = ['subgraph'] as const;
const targetLabels = (target: SubgraphTarget) => ({ subgraph: target.subgraph });

const fetchMetrics = metricGroup((register) => ({
  fetches: new Counter({
    name: 'vuxhub_subgraph_fetches_total',
    help: 'Calls of the gateway to a subgraph, answered or not',
    labelNames: TARGET_LABELS,
    registers: [register],
  }),
  duration: new Histogram({
    name: 'vuxhub_subgraph_fetch_duration_seconds',
    help: 'Duration of the gateway’s calls to a subgraph, until its answer is read',
    labelNames: TARGET_LABELS,
    buckets: REQUEST_SECONDS_BUCKETS,
    registers: [register],
  }),
  shared: new Counter({
    name: 'vuxhub_subgraph_fetches_shared_total',
    help: 'Calls to a subgraph not sent because an identical call in flight answered them too',
    labelNames: TARGET_LABELS,
    registers: [register],
  }),
  errors: new Counter({
    name: 'vuxhub_subgraph_fetch_errors_total',
    help: 'Errors of calls to a subgraph: no usable answer (SERVICE_UNAVAILABLE) or errors in its answer, by code',
    labelNames: [...TARGET_LABELS, 'code'] as const,
    registers: [register],
  }),
}));

/** The part of a subgraph's answer the observer reads. */
interface FetchResult {
  errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
  http?: { status?: number };
}

export interface SubgraphFetchObserver {
  <T extends FetchResult>(target: SubgraphTarget, fetch: () => Promise<T>): Promise<T>;
  /** Told of a call not sent because an identical call in flight answers it too. */
  shared?(target: SubgraphTarget): void;
}

/** Runs a fetch as is: neither metrics nor tracing. */
export const unobserved: SubgraphFetchObserver = (_target, fetch) => fetch();

function serverAttributes(url: string): Record<string, string | number> {
  try {
    const u = new URL(url);
    return { 'server.address': u.hostname, 'server.port': Number(u.port || (u.protocol === 'https:' ? 443 : 80)), 'url.full': url };
  } catch {
    return {};
  }
}

/** Observes every fetch with metrics (when `metrics`) and a client span (when tracing is on). */
export function subgraphFetchObserver(opts: { metrics: boolean }): SubgraphFetchObserver {
  const metrics = opts.metrics ? fetchMetrics() : undefined;
  const observe: SubgraphFetchObserver = async (target, fetch) => {
    const traced = tracingEnabled();
    if (!metrics && !traced) return fetch();
    const labels = targetLabels(target);
    const run = async (span?: Span) => {
      const started = performance.now();
      try {
        const result = await fetch();
        if (result.http?.status) span?.setAttribute('http.response.status_code', result.http.status);
        for (const error of result.errors ?? []) metrics?.errors.inc({ ...labels, code: errorCodeLabel(error.extensions?.code) });
        return result;
      } catch (err) {
        const code = errorCodeLabel(err instanceof GraphQLError ? err.extensions.code : undefined);
        metrics?.errors.inc({ ...labels, code });
        span?.setStatus({ code: SpanStatusCode.ERROR, message: code });
        throw err;
      } finally {
        metrics?.fetches.inc(labels);
        metrics?.duration.observe(labels, (performance.now() - started) / 1000);
        span?.end();
      }
    };
    if (!traced) return run();
    const attributes = { 'vuxhub.subgraph': target.subgraph, 'http.request.method': 'POST', ...serverAttributes(target.url) };
    return tracer.startActiveSpan(`subgraph ${target.subgraph}`, { kind: SpanKind.CLIENT, attributes }, run);
  };
  observe.shared = (target) => metrics?.shared.inc(targetLabels(target));
  return observe;
}
