import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../common/http';
import type { SubgraphEndpoint } from './supergraph';

const CHECK_TIMEOUT_MS = 2000;

/** A subgraph's /health sits beside its GraphQL path (`…/graphql` → `…/health`). */
async function subgraphStatus(endpoint: SubgraphEndpoint): Promise<string> {
  try {
    const res = await fetch(new URL('health', endpoint.url.replace(/\/+$/, '')), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    return res.ok ? 'ok' : `unhealthy (HTTP ${res.status})`;
  } catch {
    return 'unreachable';
  }
}

/** GET /health: 200 with each subgraph's status when every subgraph is up, else 503. */
export function healthRoute(endpoints: SubgraphEndpoint[]) {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    const statuses = await Promise.all(endpoints.map(subgraphStatus));
    const subgraphs = Object.fromEntries(endpoints.map((e, i) => [e.name, statuses[i]]));
    const ok = statuses.every((s) => s === 'ok');
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', subgraphs });
  };
}
