import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isPublicCode } from './errors';
import type { Logger } from './logger';
import { redactInputValues } from './redact-input';

/** The only extensions a client sees; anything else (a subgraph's HTTP response, a stack) is dropped. */
const PUBLIC_EXTENSIONS = ['code', 'argumentName', 'serviceName', 'municipalities'];

/** Turns a known kind of unexpected error (say, a database's data error) into one a client can act on. */
export type ErrorClassifier = (error: unknown) => { code: string; message: string } | undefined;

function publicExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of PUBLIC_EXTENSIONS) if (extensions?.[key] !== undefined) out[key] = extensions[key];
  return out;
}

/**
 * Error masking for every server: errors with a public code keep their message and
 * the public extensions; anything else (a bug, a database error) is logged and reaches
 * the client as a plain INTERNAL_SERVER_ERROR, with no stack, SQL text or host names.
 * No message quotes a bad input value (see ./redact-input).
 */
export function errorFormatter(logger: Logger, classify?: ErrorClassifier) {
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = redactInputValues(raw, error);
    const { message, locations, path, extensions } = formatted;
    if (isPublicCode(extensions?.code)) {
      return { message, locations, path, extensions: publicExtensions(extensions) };
    }
    const original = unwrapResolverError(error);
    const known = classify?.(original);
    if (known) {
      logger.warn({ err: original, path, code: known.code }, 'request refused');
      return { message: known.message, locations, path, extensions: { code: known.code } };
    }
    // A subgraph already logged (and masked) its own failures.
    if (extensions?.serviceName) logger.debug({ path, serviceName: extensions.serviceName }, 'subgraph error');
    else logger.error({ err: original, path }, 'unexpected error');
    return { message: 'Internal server error', locations, path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
