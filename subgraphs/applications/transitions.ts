import { ErrorCode, userError } from '../../common/errors';
import { ApplicationStatus as S } from './domain';

/**
 * The application's status machine: every status and where it may go. Finished
 * applications (withdrawn, rejected, completed, dropped out, cancelled) go nowhere.
 */
export const NEXT: Readonly<Record<S, readonly S[]>> = {
  [S.SUBMITTED]: [S.GRANTED, S.REJECTED, S.WITHDRAWN, S.CANCELLED],
  [S.GRANTED]: [S.ENROLLED, S.WAITLISTED, S.WITHDRAWN, S.CANCELLED],
  [S.WAITLISTED]: [S.ENROLLED, S.WITHDRAWN, S.CANCELLED],
  [S.ENROLLED]: [S.COMPLETED, S.DROPPED_OUT, S.CANCELLED],
  [S.WITHDRAWN]: [],
  [S.REJECTED]: [],
  [S.COMPLETED]: [],
  [S.DROPPED_OUT]: [],
  [S.CANCELLED]: [],
};

/** Applications an offering's cancellation reaches: those not finished yet. */
export const OPEN_STATUSES: readonly S[] = [S.SUBMITTED, S.GRANTED, S.WAITLISTED, S.ENROLLED];

/** Statuses in which the applicant holds a seat of the offering's seat ledger. */
export const HOLDS_SEAT: ReadonlySet<S> = new Set([S.ENROLLED]);

/** Refuses a move the machine does not allow, naming where the application stands. */
export function assertTransition(id: string, from: S, to: S): void {
  if (NEXT[from].includes(to)) return;
  const allowed = NEXT[from];
  throw userError(
    ErrorCode.CONFLICT,
    `Application ${id} is ${from}: it cannot become ${to}` +
      (allowed.length ? ` (from ${from} it can become ${allowed.join(', ')}).` : ` (${from} is final).`),
  );
}
