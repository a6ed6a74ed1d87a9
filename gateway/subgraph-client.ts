import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode, userError } from '../common/errors';
import type { GatewayContext } from './context';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * How the gateway calls a subgraph: Node's own fetch (keep-alive), a hard timeout,
 * the caller's request id and bearer token passed on, and a clear error when the
 * subgraph cannot be reached.
 */
export class SubgraphClient extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    private readonly timeoutMs: number,
  ) {
    const fetcher = ((input: string, init: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !context?.requestId) return;
    headers.set('x-request-id', context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
  }

  /** No response at all (refused, reset, timed out): say which service, never the address. */
  override didEncounterError(error: Error, _request: unknown, response?: unknown): void {
    if (response) throw error;
    const timedOut = error.name === 'TimeoutError';
    throw userError(
      ErrorCode.SERVICE_UNAVAILABLE,
      timedOut
        ? `The ${this.name} service did not answer within ${this.timeoutMs} ms; try again shortly.`
        : `The ${this.name} service is unavailable right now; try again shortly.`,
      { service: this.name },
    );
  }
}
