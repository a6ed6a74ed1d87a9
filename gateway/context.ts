import type { IncomingMessage } from 'node:http';
import { Role, type Viewer } from '../common/auth/roles';
import { type TokenVerifier, unauthenticated } from '../common/auth/tokens';
import type { ShardSnapshot } from './shards/store';
import { SubgraphTags } from './subgraph-tags';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  /** Who the request speaks for, from its verified token (anonymous without one). */
  viewer: Viewer;
  /** The caller's Authorization header, passed on to subgraphs, which verify it again. */
  authorization?: string;
  /** The shard map as it was when the request began: a reload does not change it mid-request. */
  shards?: ShardSnapshot;
  /** The cache tags the subgraphs' answers reported, for the response cache. */
  subgraphTags: SubgraphTags;
}

/**
 * Verifies the bearer token first: a refused token ends the request with 401 before it
 * runs. Service tokens are for calls between the region's services, never from a client.
 */
export function gatewayContext(tokens: TokenVerifier, shards?: () => ShardSnapshot) {
  return async (req: IncomingMessage, requestId: string): Promise<GatewayContext> => {
    const viewer = await tokens.viewerOf(req);
    if (viewer.role === Role.SERVICE) throw unauthenticated('a service token is for calls between the region’s services, not for clients');
    return { requestId, viewer, authorization: req.headers.authorization, shards: shards?.(), subgraphTags: new SubgraphTags() };
  };
}
