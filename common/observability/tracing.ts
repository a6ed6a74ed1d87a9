import type { ApolloServer, ApolloServerPlugin, BaseContext, HeaderMap } from '@apollo/server';
import {
  DiagLogLevel,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  context,
  diag,
  isSpanContextValid,
  propagation,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { tracingConfig } from '../config';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { errorCodeLabel, operationLabel } from './labels';

/**
 * OpenTelemetry tracing, off unless the OTEL_* variables turn it on (see tracingConfig).
 * Spans: a server span per GraphQL request (named after the operation), a client span
 * per subgraph fetch at the gateway, a span per SQL statement in the subgraphs, and
 * @apollo/gateway's own spans (plan, execute, fetch) in between. Trace context crosses
 * each HTTP hop in the W3C `traceparent` header.
 *
 * There is no automatic instrumentation (nothing patches http or pg); the spans are
 * made where the code knows what happens, and carry no variables, SQL parameters or
 * tokens.
 */

export const tracer = trace.getTracer('vuxhub');

export interface Tracing {
  enabled: boolean;
  /** Sends the spans still buffered; at most SHUTDOWN_FLUSH_MS. */
  shutdown(): Promise<void>;
}

const SHUTDOWN_FLUSH_MS = 5000;

let provider: NodeTracerProvider | undefined;

/**
 * Runs `work` in a span of its own when the request around it is traced (say, one
 * DataLoader batch); otherwise just runs it.
 */
export function inSpan<T>(name: string, attributes: Record<string, string | number>, work: () => Promise<T>): Promise<T> {
  if (!tracingEnabled() || trace.getActiveSpan()?.isRecording() !== true) return work();
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** True once startTracing has set up a tracer provider in this process. */
export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/** OpenTelemetry's own complaints (an export that failed, say) go to the process's log. */
function diagnostics(logger: Logger) {
  const log = (level: 'warn' | 'error') => (message: string, ...args: unknown[]) =>
    logger[level]({ details: args.length ? args.map(String) : undefined }, `opentelemetry: ${message}`);
  const ignore = () => {};
  return { error: log('error'), warn: log('warn'), info: ignore, debug: ignore, verbose: ignore };
}

/**
 * Sets up tracing for this process when the environment asks for it; the first thing a
 * process's main does. `name` is the service name unless OTEL_SERVICE_NAME says otherwise.
 */
export function startTracing(name: string, logger: Logger, env: Record<string, string | undefined> = process.env): Tracing {
  const config = tracingConfig(env);
  if (!config.enabled || provider) return { enabled: provider !== undefined, shutdown: async () => {} };
  diag.setLogger(diagnostics(logger), DiagLogLevel.WARN);
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the environment detector) win over the process's name.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': name }))
    .merge(detectResources({ detectors: [envDetector] }));
  const spanProcessors = config.exporters.map(
    (exporter) => new BatchSpanProcessor(exporter === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter()),
  );
  const started = new NodeTracerProvider({ resource, spanProcessors });
  // W3C trace context only: no baggage from callers into our processes.
  started.register({ propagator: new W3CTraceContextPropagator() });
  provider = started;
  logger.info({ service: config.serviceName ?? name, exporters: config.exporters, endpoint: config.endpoint }, 'tracing on');
  return {
    enabled: true,
    async shutdown() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          logger.warn({ ms: SHUTDOWN_FLUSH_MS }, 'tracing: spans not sent before shutdown');
          resolve();
        }, SHUTDOWN_FLUSH_MS);
      });
      await Promise.race([started.shutdown().catch((err: unknown) => logger.warn({ err }, 'tracing shutdown failed')), timeout]);
      clearTimeout(timer);
    },
  };
}

const headerMapGetter: TextMapGetter<HeaderMap> = {
  get: (headers, key) => headers.get(key),
  keys: (headers) => [...headers.keys()],
};

/**
 * A server span around every GraphQL request an Apollo Server executes, active while it
 * runs, so that everything the request does (gateway fetches, SQL) is its child.
 * `continueIncomingTrace`: a subgraph continues the trace of the `traceparent` it is
 * sent; the gateway, facing clients, starts its own trace and only links to theirs.
 * Nothing happens when tracing is off.
 */
export function traceGraphQLRequests<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  opts: { continueIncomingTrace: boolean },
): void {
  if (!provider) return;
  const execute = apollo.executeHTTPGraphQLRequest.bind(apollo);
  apollo.executeHTTPGraphQLRequest = (request) => {
    const { method, headers } = request.httpGraphQLRequest;
    const incoming = propagation.extract(ROOT_CONTEXT, headers, headerMapGetter);
    const caller = trace.getSpanContext(incoming);
    const links =
      !opts.continueIncomingTrace && caller && isSpanContextValid(caller) ? [{ context: caller }] : [];
    const attributes = { 'http.request.method': method, 'http.route': '/graphql', 'url.path': '/graphql' };
    return tracer.startActiveSpan(
      `${method} /graphql`,
      { kind: SpanKind.SERVER, links, attributes },
      opts.continueIncomingTrace ? incoming : ROOT_CONTEXT,
      async (span) => {
        try {
          const response = await execute(request);
          const status = response.status ?? 200;
          span.setAttribute('http.response.status_code', status);
          if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          return response;
        } catch (err) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw err;
        } finally {
          span.end();
        }
      },
    );
  };
}

/** Codes that mean the server, not the client, failed: the span's status is ERROR. */
const SERVER_FAILURES = new Set<string>([ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SHARD_UNAVAILABLE]);

/**
 * Names the request's server span after its operation (`query CatalogueSearch`) and
 * adds the request id, the operation and the error codes the client got.
 */
export function tracingPlugin<TContext extends BaseContext & { requestId?: string }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return;
      if (contextValue.requestId) span.setAttribute('vuxhub.request_id', contextValue.requestId);
      return {
        async didResolveOperation({ operationName, operation }) {
          const type = operation?.operation ?? 'query';
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
          span.updateName(`${type} ${operationLabel(operationName)}`);
        },
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          if (!errors?.length) return;
          const codes = [...new Set(errors.map((e) => errorCodeLabel(e.extensions?.code)))];
          span.setAttribute('graphql.error.codes', codes);
          const failure = codes.find((c) => SERVER_FAILURES.has(c));
          if (failure) span.setStatus({ code: SpanStatusCode.ERROR, message: failure });
        },
      };
    },
  };
}

/** Writes the active trace context (`traceparent`) into an outgoing request's headers. */
export function injectTraceContext(headers: { set(name: string, value: string): unknown }): void {
  if (!provider) return;
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}

/** The trace id of the span in progress, for log lines; undefined when nothing is traced. */
export function currentTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}
