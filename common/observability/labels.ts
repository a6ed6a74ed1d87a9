import { ErrorCode, isPublicCode } from '../errors';

/** Operation names longer than this are reported as `other`. */
export const MAX_OPERATION_NAME_LENGTH = 100;
/** Distinct operation names a process reports; names first seen after that are `other`. */
export const MAX_OPERATION_NAMES = 200;

const seen = new Set<string>();

/**
 * The `operation` label (and span name) of a GraphQL request: its operation name,
 * `anonymous` without one, and `other` once the name is too long or the process has
 * already seen MAX_OPERATION_NAMES distinct names, so that clients cannot make the
 * number of time series grow without bound.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (name.length > MAX_OPERATION_NAME_LENGTH) return 'other';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(name);
  return name;
}

/**
 * The `code` label of an error as the client sees it: a public code, or
 * INTERNAL_SERVER_ERROR (also for an error without a code), anything else `other`.
 */
export function errorCodeLabel(code: unknown): string {
  if (code === undefined || code === null) return ErrorCode.INTERNAL_SERVER_ERROR;
  if (code === ErrorCode.INTERNAL_SERVER_ERROR || isPublicCode(code)) return code as string;
  return 'other';
}
