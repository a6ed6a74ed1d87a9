import { GraphQLError } from 'graphql';
import type { ErrorClassifier } from '../common/format-error';

/**
 * Mistakes in a request that the gateway's query planner or Apollo Server report without
 * a client code (several operations and no name, an unknown operation name, a mutation
 * where the schema has none, an APQ hash that does not match): the client's, not ours.
 */
export const requestErrors: ErrorClassifier = (error) => {
  if (!(error instanceof GraphQLError)) return undefined;
  if (error.extensions.code === 'INVALID_GRAPHQL') {
    return { code: 'GRAPHQL_VALIDATION_FAILED', message: error.message };
  }
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { code: 'BAD_REQUEST', message: error.message };
  }
  return undefined;
};
