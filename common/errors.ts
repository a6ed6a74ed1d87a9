import { GraphQLError } from 'graphql';

/** The one list of error codes clients see in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  SHARD_UNAVAILABLE: 'SHARD_UNAVAILABLE',
  /** A whole (unsharded) subgraph did not answer. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Masked: the message is always the generic one, details stay in the log. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes that GraphQL servers themselves produce for a request the client got wrong. */
const protocolCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_IN_LIST',
  'OPERATION_RESOLUTION_FAILURE',
]);

const publicCodes = new Set<string>(
  [...Object.values(ErrorCode), ...protocolCodes].filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
);

export function userError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badUserInput = (message: string, extensions?: Record<string, unknown>) =>
  userError(ErrorCode.BAD_USER_INPUT, message, extensions);

/** True when an error's code is one a client may see with its own message. */
export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && publicCodes.has(code);
}

/**
 * Bad input whose value is personal data (a personnummer): its message says what is
 * wrong and never quotes the value. The error formatter also keeps the value out of the
 * messages graphql-js wraps around it (see ./redact-input.ts).
 */
export class PersonalDataInputError extends Error {
  override readonly name = 'PersonalDataInputError';
  readonly extensions = { code: ErrorCode.BAD_USER_INPUT };
  /** `subject`: what was expected ("personal identity number"); `reason`: what is wrong, without the value. */
  constructor(
    readonly subject: string,
    readonly reason: string,
  ) {
    super(`Invalid ${subject}: ${reason}.`);
  }
}
