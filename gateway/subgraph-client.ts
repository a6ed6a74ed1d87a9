import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import { ErrorCode, isPublicCode, userError } from '../common/errors';
import { type SubgraphFetchObserver, unobserved } from '../common/observability/subgraph-fetch';
import { injectTraceContext } from '../common/observability/tracing';
import type { GatewayContext } from './context';
import { isMutation } from './request-dedup';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/** A subgraph's answer as it came: status, cache header and body text (parsed by each reader). */
interface Raw {
  status: number;
  cacheControl: string | undefined;
  text: string;
}

/** The response's headers are read here (cache-control) and by nobody after. */
const NO_HEADERS = new Headers();

class Unreachable extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? 'timed out' : 'unreachable');
  }
}

/** The first error with a public code in a subgraph's refusal, re-made without anything else. */
function clientErrorIn(body: unknown): GraphQLError | undefined {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return undefined;
  for (const e of errors as { message?: unknown; extensions?: { code?: unknown } }[]) {
    const code = e.extensions?.code;
    if (typeof e.message === 'string' && isPublicCode(code)) return new GraphQLError(e.message, { extensions: { code } });
  }
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A cache-control header as a hint for the request's overall cache policy, as Apollo's data source reads it. */
function hintOf(header: string | undefined): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(header ?? '')?.[1];
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: maxAge ? Number(maxAge) : 0 };
  if (/(?:^|,)\s*private\b/.test(header ?? '')) hint.scope = 'PRIVATE';
  else if (/(?:^|,)\s*public\b/.test(header ?? '')) hint.scope = 'PUBLIC';
  return hint;
}

/**
 * How the gateway calls one subgraph (or one instance of it): a keep-alive undici pool
 * with its own timeouts, the caller's request id, bearer token and trace context passed
 * on, identical requests in flight sent once (each sharer parses its own copy of the
 * answer's text), a clear error when the subgraph cannot be reached, each call observed
 * (metrics, a client span), the subgraph's cache hint applied to the request's policy and
 * the cache tags of each answer collected for the response cache.
 */
export class SubgraphClient implements GraphQLDataSource<GatewayContext> {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly inFlight = new Map<string, Promise<Raw>>();

  constructor(
    private readonly name: string,
    readonly url: string,
    private readonly timeoutMs: number,
    private readonly observe: SubgraphFetchObserver = unobserved,
    private readonly shareIdentical = true,
  ) {
    const u = new URL(url);
    this.path = `${u.pathname}${u.search}`;
    this.pool = new Pool(u.origin, { connections: 128, keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  process(options: Options): Promise<GatewayGraphQLResponse> {
    return this.observe({ subgraph: this.name, url: this.url }, () => this.send(options));
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(options: Options): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? (options.context as GatewayContext) : undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    for (const [key, value] of (request.http?.headers as Iterable<[string, string]> | undefined) ?? []) headers[key.toLowerCase()] = value;
    // `traceparent` of the fetch's client span (process() runs inside it).
    injectTraceContext({ set: (k: string, v: string) => (headers[k] = v) });
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    if (context?.authorization) headers.authorization = context.authorization;
    const query = request.query ?? '';
    const body = JSON.stringify({ query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });

    let raw: Raw;
    try {
      raw = this.shareIdentical && !isMutation(query) ? await this.shared(headers, body) : await this.fetch(headers, body);
    } catch (err) {
      throw this.unavailable(err instanceof Unreachable && err.timedOut ? `did not answer within ${this.timeoutMs} ms` : 'is unavailable right now');
    }
    const parsed = parse(raw.text) as GatewayGraphQLResponse | undefined;
    if (raw.status < 200 || raw.status >= 300 || !parsed || typeof parsed !== 'object') {
      // A 4xx whose GraphQL errors carry a public code is the client's mistake and passes on as such.
      const refused = raw.status >= 400 && raw.status < 500 ? clientErrorIn(parsed) : undefined;
      if (refused) throw refused;
      throw this.unavailable(raw.status >= 400 ? `answered with HTTP ${raw.status}` : 'gave no usable answer');
    }
    const policy = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (policy && 'restrict' in policy) policy.restrict(hintOf(raw.cacheControl));
    context?.subgraphTags?.add(query, parsed.extensions);
    parsed.http = { status: raw.status, headers: NO_HEADERS };
    return parsed;
  }

  /** The one request of the identical ones in flight (same body and token); mutations never get here. */
  private shared(headers: Record<string, string>, body: string): Promise<Raw> {
    const key = `${headers.authorization ?? ''}\n${headers['x-vuxhub-gateway'] ?? ''}\n${body}`;
    let shared = this.inFlight.get(key);
    if (shared) {
      this.observe.shared?.({ subgraph: this.name, url: this.url });
      return shared;
    }
    shared = this.fetch(headers, body);
    this.inFlight.set(key, shared);
    const forget = () => this.inFlight.delete(key);
    shared.then(forget, forget);
    return shared;
  }

  private async fetch(headers: Record<string, string>, body: string): Promise<Raw> {
    try {
      const res = await this.pool.request({ path: this.path, method: 'POST', headers, body });
      const text = await res.body.text();
      const cache = res.headers['cache-control'];
      return { status: res.statusCode, cacheControl: Array.isArray(cache) ? cache.join(', ') : cache, text };
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new Unreachable(code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT');
    }
  }

  /** No usable answer: say which service, never its address or what it answered. */
  private unavailable(reason: string): GraphQLError {
    return userError(ErrorCode.SERVICE_UNAVAILABLE, `The ${this.name} service ${reason}; try again shortly.`, { serviceName: this.name });
  }
}
