import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { queryLimitsConfig } from './config';
import { costLimitPlugin, queryLimitRules } from './query-limits';

/**
 * What every server (gateway and subgraphs) refuses before running an operation: too
 * many tokens (the parser stops there; serveHttp refuses a too long document before),
 * too deep, too many aliases, too costly; introspection and "did you mean" suggestions
 * in production; batched (array) requests unless enabled.
 */
export function queryPolicy<TContext extends BaseContext>(limits: ReturnType<typeof queryLimitsConfig>) {
  return {
    options: {
      parseOptions: { maxTokens: limits.maxQueryTokens },
      validationRules: queryLimitRules(limits),
      introspection: limits.introspection,
      hideSchemaDetailsFromClientErrors: limits.hideSchemaDetails,
      allowBatchedHttpRequests: limits.allowBatchedRequests,
    },
    plugins: [costLimitPlugin<TContext>(limits)] as ApolloServerPlugin<TContext>[],
  };
}
