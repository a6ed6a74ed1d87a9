import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ErrorCode, isPublicCode, userError } from '../common/errors';
import { type SubgraphFetchObserver, unobserved } from '../common/observability/subgraph-fetch';
import { injectTraceContext } from '../common/observability/tracing';
import type { GatewayContext } from './context';
import { sharedInFlight } from './request-dedup';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];
type Received = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

/** The first error with a public code in a subgraph's refusal body, re-made without anything else. */
function clientErrorIn(error: Error): GraphQLError | undefined {
  const body = error instanceof GraphQLError ? (error.extensions.response as { body?: unknown })?.body : undefined;
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return undefined;
  for (const e of errors as { message?: unknown; extensions?: { code?: unknown } }[]) {
    const code = e.extensions?.code;
    if (typeof e.message === 'string' && isPublicCode(code)) {
      return new GraphQLError(e.message, { extensions: { code } });
    }
  }
  return undefined;
}

/**
 * How the gateway calls a subgraph: Node's own fetch (keep-alive), a hard timeout,
 * the caller's request id, bearer token and trace context passed on, identical requests
 * in flight sent once, a clear error when the subgraph cannot be reached, each call
 * observed (metrics, a client span), and the cache tags of each answer collected for the
 * response cache.
 */
export class SubgraphClient extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly observe: SubgraphFetchObserver = unobserved,
    shareIdentical = true,
  ) {
    const send = (input: string, init: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const counted = () => observe.shared?.({ subgraph: name, url });
    const fetcher = (shareIdentical ? sharedInFlight(send, counted) : send) as unknown as Fetcher;
    super({ url, fetcher });
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    return this.observe({ subgraph: this.name, url: this.url }, () => super.process(options));
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // `traceparent` of the fetch's client span (process() runs inside it).
    injectTraceContext(headers);
    if (!context?.requestId) return;
    headers.set('x-request-id', context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
  }

  /** Each sharer of an identical request in flight reads its own copy of the answer, tags included. */
  override didReceiveResponse({ request, response, context }: Received): Received['response'] {
    context.subgraphTags?.add(request.query, response.extensions);
    return response;
  }

  /**
   * No usable answer (refused, reset, timed out, an HTTP error status): say which
   * service, never its address or what it answered. A 4xx whose GraphQL errors carry a
   * public code (the subgraph refused a value the gateway could not check, such as an
   * invalid Date) is the client's mistake and passes on as such.
   */
  override didEncounterError(error: Error, _request: unknown, response?: { status?: number }): void {
    const refused = response?.status && response.status < 500 ? clientErrorIn(error) : undefined;
    if (refused) throw refused;
    const reason =
      error.name === 'TimeoutError'
        ? `did not answer within ${this.timeoutMs} ms`
        : response?.status && response.status >= 400
          ? `answered with HTTP ${response.status}`
          : 'is unavailable right now';
    throw userError(ErrorCode.SERVICE_UNAVAILABLE, `The ${this.name} service ${reason}; try again shortly.`, {
      serviceName: this.name,
    });
  }
}
