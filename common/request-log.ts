import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger';
import { currentTraceId } from './observability/tracing';

/**
 * One log line per GraphQL request: request id, operation name, duration and error
 * codes (and the trace id when the request is traced). Never the query's variables or
 * answer: they can hold personal data.
 */
export function requestLogPlugin<TContext extends BaseContext & { requestId: string; viewer?: { role: string } }>(
  logger: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const traceId = currentTraceId();
      return {
        async willSendResponse({ operationName, response }) {
          // The errors as the client got them, after masking.
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          logger.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              role: contextValue.viewer?.role,
              ms: Math.round((performance.now() - started) * 10) / 10,
              errors: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              traceId,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
