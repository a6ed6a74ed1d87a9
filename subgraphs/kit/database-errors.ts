import { QueryFailedError } from 'typeorm';
import { ErrorCode } from '../../common/errors';
import type { ErrorClassifier } from '../../common/format-error';

/** SQLSTATE of a statement PostgreSQL cancelled at statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a value out of range, an invalid
 * byte) come from values in the request that validation let through: bad input, not
 * a fault of the server. Resolvers validate first; this is the safety net. A statement
 * stopped at the statement timeout is reported as such.
 */
export const databaseErrors: ErrorClassifier = (error) => {
  if (!(error instanceof QueryFailedError)) return undefined;
  const sqlState = (error.driverError as { code?: unknown } | undefined)?.code;
  if (typeof sqlState === 'string' && sqlState.startsWith('22')) {
    return {
      code: ErrorCode.BAD_USER_INPUT,
      message: 'A value in the request cannot be used (out of range or with characters that cannot be stored).',
    };
  }
  if (sqlState === QUERY_CANCELED) {
    return {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'The query took too long and was stopped; narrow the filter or try again shortly.',
    };
  }
  return undefined;
};
