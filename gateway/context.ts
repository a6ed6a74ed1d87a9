import type { IncomingMessage } from 'node:http';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  /** The caller's Authorization header, passed on to subgraphs unchanged. */
  authorization?: string;
}

export async function gatewayContext(req: IncomingMessage, requestId: string): Promise<GatewayContext> {
  return { requestId, authorization: req.headers.authorization };
}
