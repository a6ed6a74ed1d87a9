import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { Role } from '../common/auth/roles';
import type { Logger } from '../common/logger';
import type { GatewayContext } from './context';
import { CACHE_CLEAR } from './workers';

export interface ResponseCacheOptions {
  maxBytes: number;
  logger: Logger;
}

/**
 * Whole answers to anonymous operations, kept as long as the subgraphs' cache hints
 * allow (the public catalogue: a minute; anything private: never), in a bounded LRU.
 * Requests with a token are never served from it nor stored: their answers may depend on
 * who asks. A successful mutation through the gateway empties it (in every gateway
 * worker), so a change made here shows at once; a change made on a subgraph instance
 * directly shows within the maxAge.
 */
export function responseCache({ maxBytes, logger }: ResponseCacheOptions): ApolloServerPlugin<GatewayContext>[] {
  const cache = new InMemoryLRUCache<string>({ maxSize: maxBytes, sizeCalculation: InMemoryLRUCache.sizeCalculation });
  // Raised at every emptying: an answer read before a change but finished after it is not kept.
  let generation = 0;
  const startedIn = new WeakMap<GatewayContext, number>();
  const clear = () => {
    generation++;
    cache.clear();
  };
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown })?.type !== CACHE_CLEAR) return;
    clear();
    logger.debug('response cache emptied after a change through another worker');
  });
  const anonymous = async ({ contextValue }: { contextValue: GatewayContext }) => contextValue.viewer.role === Role.ANONYMOUS;
  const keepable = async ({ contextValue }: { contextValue: GatewayContext }) =>
    contextValue.viewer.role === Role.ANONYMOUS && startedIn.get(contextValue) === generation;
  const invalidateOnWrite: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      startedIn.set(contextValue, generation);
      return {
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== 'mutation') return;
          const body = response.body;
          const changed = body.kind === 'single' && body.singleResult.data && Object.values(body.singleResult.data).some((v) => v !== null);
          if (!changed) return;
          clear();
          // The other gateway workers, if any, empty theirs too.
          process.send?.({ type: CACHE_CLEAR });
          logger.debug('response cache emptied after a change');
        },
      };
    },
  };
  return [invalidateOnWrite, responseCachePlugin<GatewayContext>({ cache, shouldReadFromCache: anonymous, shouldWriteToCache: keepable })];
}
