import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../common/http';
import type { ShardStore } from './shards/store';
import type { SubgraphEndpoint } from './supergraph';

const CHECK_TIMEOUT_MS = 2000;

/**
 * Whether an instance answers GraphQL (`{ __typename }`): a municipality's instance may be
 * written in any stack, so nothing but GraphQL is asked of it.
 */
async function answers(url: string): Promise<string> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => undefined)) as { data?: { __typename?: unknown } } | undefined;
    return res.ok && body?.data?.__typename ? 'ok' : `unhealthy (HTTP ${res.status})`;
  } catch {
    return 'unreachable';
  }
}

interface InstanceHealth {
  municipalities: string[] | 'all not listed';
  status: string;
  reason?: string;
}

/**
 * GET /health (readiness): 200 when every subgraph, and every instance of a sharded one,
 * answers and is routed to; 503 otherwise, saying which and why. GET /health/live
 * (liveness): 200 while the gateway itself runs, whatever its subgraphs do.
 */
export function healthRoutes(endpoints: SubgraphEndpoint[], shards: ShardStore) {
  const ready = async (_req: IncomingMessage, res: ServerResponse) => {
    const snapshot = shards.current();
    const subgraphs: Record<string, string | { status: string; instances: InstanceHealth[] }> = {};
    await Promise.all(
      endpoints.map(async (e) => {
        const instances = snapshot.instances(e.name);
        if (instances.length === 0) return void (subgraphs[e.name] = await answers(e.url));
        const checked = await Promise.all(
          instances.map(async (i): Promise<InstanceHealth> => {
            const state = snapshot.state(e.name, i.url);
            const status = await answers(i.url);
            return {
              municipalities: i.municipalities ?? 'all not listed',
              status: state.status === 'ok' ? status : state.status === 'refused' ? 'refused' : status === 'ok' ? 'not checked yet' : status,
              ...(state.status !== 'ok' ? { reason: state.reason } : {}),
            };
          }),
        );
        const ok = checked.every((c) => c.status === 'ok');
        // One instance: its status, as for a regional subgraph; several: each instance's.
        subgraphs[e.name] = instances.length === 1 ? checked[0]!.status : { status: ok ? 'ok' : 'degraded', instances: checked };
      }),
    );
    const ok = Object.values(subgraphs).every((s) => s === 'ok' || (typeof s === 'object' && s.status === 'ok'));
    const ordered = Object.fromEntries(endpoints.map((e) => [e.name, subgraphs[e.name]]));
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', subgraphs: ordered });
  };
  const live = (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, { status: 'ok' });
  return { '/health': ready, '/health/live': live };
}
