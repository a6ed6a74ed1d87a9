import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../common/auth/roles';
import type { TokenVerifier } from '../common/auth/tokens';
import { SubgraphTags } from './subgraph-tags';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  /** Who the request speaks for, from its verified token (anonymous without one). */
  viewer: Viewer;
  /** The caller's Authorization header, passed on to subgraphs, which verify it again. */
  authorization?: string;
  /** The cache tags the subgraphs' answers reported, for the response cache. */
  subgraphTags: SubgraphTags;
}

/** Verifies the bearer token first: a refused token ends the request with 401 before it runs. */
export function gatewayContext(tokens: TokenVerifier) {
  return async (req: IncomingMessage, requestId: string): Promise<GatewayContext> => ({
    requestId,
    viewer: await tokens.viewerOf(req),
    authorization: req.headers.authorization,
    subgraphTags: new SubgraphTags(),
  });
}
