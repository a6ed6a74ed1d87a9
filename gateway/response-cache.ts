import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Role } from '../common/auth/roles';
import type { Logger } from '../common/logger';
import { responseCacheMetrics } from '../common/observability/metrics';
import type { GatewayContext } from './context';
import { TaggedCache } from './tagged-cache';
import { CACHE_EVICT, type CacheEvict, isCacheEvict } from './workers';

export interface ResponseCacheOptions {
  maxBytes: number;
  logger: Logger;
  /** Count hits, misses and evictions in the Prometheus metrics. */
  metrics: boolean;
}

interface Answer {
  /** The answer's `data`, as JSON. */
  data: string;
  maxAge: number;
  storedAt: number;
  /** The subgraphs' cache tags: what the answer was made of. */
  tags: string[];
}

/** Roughly the bytes an answer holds: its text, its tags (twice, with the index) and a little more. */
const sizeOf = (a: Answer) => a.data.length + 2 * a.tags.reduce((n, tag) => n + tag.length, 0) + 100;

const keyOf = (source: string, operationName: string | null, variables: Record<string, unknown> | undefined) =>
  createHash('sha256')
    .update(JSON.stringify([source, operationName, variables ?? {}]))
    .digest('base64url');

/**
 * Whole answers to anonymous queries, kept as long as the subgraphs' cache hints allow
 * (the public catalogue: a minute; anything private: never), keyed by operation text,
 * name and variables, in an LRU bounded by RESPONSE_CACHE_MB. Requests with a token are
 * never served from it nor stored: their answers may depend on who asks.
 *
 * Each answer carries the cache tags the subgraphs reported for it. A successful
 * mutation drops the answers holding any tag it declared (in every gateway worker), so
 * that a change shows at once and answers about other things stay; a mutation whose
 * subgraph declared nothing empties the whole cache. A change made on a subgraph
 * instance directly shows within the maxAge.
 */
export function responseCache({ maxBytes, logger, metrics }: ResponseCacheOptions): ApolloServerPlugin<GatewayContext> {
  const cache = new TaggedCache<Answer>(maxBytes, sizeOf);
  const counts = metrics ? responseCacheMetrics() : undefined;
  const evict = (tags: string[] | undefined) => {
    const dropped = tags ? cache.evict(tags) : cache.clear();
    counts?.evictions.inc({ cause: tags ? 'tags' : 'all' }, dropped);
    return dropped;
  };
  // What another worker changed (passed on by the primary).
  process.on('message', (message: unknown) => {
    if (isCacheEvict(message)) evict(message.tags);
  });

  return {
    async requestDidStart({ contextValue }) {
      const since = cache.change;
      let key: string | undefined;
      let hit: Answer | undefined;
      return {
        async responseForOperation({ operation, source, operationName, request, overallCachePolicy }) {
          // No operation (several and no name given): Apollo answers with the client's mistake.
          if (operation?.operation !== 'query' || contextValue.viewer.role !== Role.ANONYMOUS) {
            counts?.requests.inc({ result: 'skip' });
            return null;
          }
          key = keyOf(source, operationName, request.variables);
          hit = await cache.get(key);
          counts?.requests.inc({ result: hit ? 'hit' : 'miss' });
          if (!hit) return null;
          // The cache-control header says what it said the first time.
          overallCachePolicy.replace({ maxAge: hit.maxAge, scope: 'PUBLIC' });
          return { body: { kind: 'single', singleResult: { data: JSON.parse(hit.data) } }, http: { status: undefined, headers: new HeaderMap() } };
        },

        async willSendResponse({ operation, response, overallCachePolicy }) {
          const body = response.body;
          if (body.kind !== 'single') return;
          if (hit) {
            response.http.headers.set('age', String(Math.max(0, Math.round((Date.now() - hit.storedAt) / 1000))));
            return;
          }
          const { data, errors } = body.singleResult;
          if (operation?.operation === 'mutation') {
            // Nothing changed when every field of the mutation failed.
            if (!data || !Object.values(data).some((v) => v !== null)) return;
            const { changes, undeclaredChange } = contextValue.subgraphTags;
            const tags = undeclaredChange ? undefined : [...changes];
            // Every subgraph it ran on said that it changed nothing.
            if (tags?.length === 0) return;
            const dropped = evict(tags);
            process.send?.({ type: CACHE_EVICT, tags } satisfies CacheEvict);
            logger.debug({ tags, dropped }, tags ? 'response cache: answers with changed data dropped' : 'response cache emptied after a change');
            return;
          }
          const policy = overallCachePolicy.policyIfCacheable();
          if (!key || errors || !data || !policy || policy.scope === 'PRIVATE') return;
          const answer: Answer = { data: JSON.stringify(data), maxAge: policy.maxAge, storedAt: Date.now(), tags: [...contextValue.subgraphTags.reads] };
          cache.set(key, answer, policy.maxAge, since);
        },
      };
    },
  };
}
