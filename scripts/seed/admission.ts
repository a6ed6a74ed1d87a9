/**
 * What happened to the applications for one offering by today, step by step as the API
 * would have written it: the home municipality's officer decides (mostly as recommended),
 * the provider places the granted in priority order on the seats and the rest on the
 * waiting list, or cancels an offering too few were granted; students drop out (a
 * waitlisted one takes a seat freed early on) or finish with a grade.
 */

import {
  CANCELLATION_REASON,
  DROPOUT_REASONS,
  FROM_WAITLIST_REASON,
  GRANT_NOTES,
  REJECT_NOTES,
  WAITLIST_REASON,
  WITHDRAWAL_REASONS,
} from './application-words';
import type { OpenOffering } from './choices';
import { dropoutRate, type ProviderQuality } from './quality';
import { chance, pick, pickWeighted, randInt, type Rng } from './random';
import { isoMinute } from './terms';
import type {
  ApplicationEventRow,
  ApplicationRow,
  ApplicationStatus,
  Grade,
  OfferingCancellationRow,
  SeatReservationRow,
} from '../../subgraphs/kit/region-data';

const DAY_MINUTES = 1440;
const WITHDRAWN_SHARE = 0.04;
const FOLLOWS_RECOMMENDATION = 0.95;
/** Share of applications to an offering still open for application that are decided already. */
const DECIDED_EARLY = 0.3;
/** An offering with fewer granted applicants than this is cancelled. */
const MIN_GRANTED = 3;
/** A seat freed this many days into the course goes to the first on the waiting list. */
const LATE_ENTRY_DAYS = 14;
const PASSING: readonly Grade[] = ['A', 'B', 'C', 'D', 'E'];
const PASSING_WEIGHTS: readonly number[] = [10, 15, 30, 22, 23];

/** An application being written: its row, its history so far and the minute of its last step. */
export interface Pending {
  row: ApplicationRow;
  events: ApplicationEventRow[];
  /** Minutes since 1970 of the last step. */
  last: number;
  submitDay: number;
  decidedDay?: number;
  enrolledAt?: number;
}

export interface AdmissionContext {
  rng: Rng;
  today: number;
  quality: ProviderQuality;
  /** The subject of an officer of the municipality. */
  officer(home: string): string;
}

export interface AdmissionResult {
  cancellation?: OfferingCancellationRow;
  reservations: SeatReservationRow[];
}

/** A minute during office hours on `day`. */
function officeMinute(rng: Rng, day: number): number {
  return day * DAY_MINUTES + randInt(rng, 8 * 60, 16 * 60 + 30);
}

/** A step of the application's history at `minute`, or just after its last step; never today or later. */
function record(
  ctx: AdmissionContext,
  p: Pending,
  minute: number,
  to: ApplicationStatus,
  role: ApplicationEventRow['actorRole'],
  actor: string,
  reason: string | null,
): number {
  const at = Math.min(Math.max(minute, p.last + 1), ctx.today * DAY_MINUTES - 1);
  p.events.push({ applicationId: p.row.id, at: isoMinute(at), from: p.row.status, to, actorRole: role, actor, reason });
  p.row.status = to;
  p.row.updatedAt = isoMinute(at);
  p.last = at;
  return at;
}

function decide(ctx: AdmissionContext, p: Pending, day: number): void {
  const { rng } = ctx;
  const r = p.row;
  let outcome = r.recommendationOutcome;
  let basis = r.recommendationBasis;
  let note: string | null = null;
  if (!chance(rng, FOLLOWS_RECOMMENDATION)) {
    if (outcome === 'GRANTED') {
      outcome = 'REJECTED';
      basis = r.recommendationPriority === 1 ? 'OTHER' : 'LOWER_PRIORITY';
      note = pick(rng, REJECT_NOTES);
    } else {
      outcome = 'GRANTED';
      basis = r.recommendationBasis === 'NO_SWEDISH_NEED' ? 'RIGHT_SFI' : 'OTHER';
      note = GRANT_NOTES[r.recommendationBasis] ?? 'Särskilda skäl enligt handläggarens bedömning.';
    }
  }
  const officer = ctx.officer(r.homeMunicipalityCode);
  const at = record(ctx, p, officeMinute(rng, day), outcome, 'officer', officer, note ?? basis);
  r.decisionOutcome = outcome;
  r.decisionBasis = basis;
  r.decisionNote = note;
  r.decidedBy = officer;
  r.decidedAt = isoMinute(at);
  p.decidedDay = day;
}

/** Placement order: rights first, then the municipality's priority, then who applied first. */
function byPriority(a: Pending, b: Pending): number {
  const x = a.row;
  const y = b.row;
  if (x.recommendationPriority !== y.recommendationPriority) return x.recommendationPriority - y.recommendationPriority;
  if (x.submittedAt !== y.submittedAt) return x.submittedAt < y.submittedAt ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

function gradeFor(rng: Rng, q: ProviderQuality, special: boolean): Grade {
  const passed = chance(rng, q.passRate);
  if (special) return passed ? 'PASS' : 'FAIL';
  return passed ? pickWeighted(rng, PASSING, PASSING_WEIGHTS) : 'F';
}

/** Moves each application for offering `o` as far as today allows. */
export function admitOffering(ctx: AdmissionContext, o: OpenOffering, apps: readonly Pending[]): AdmissionResult {
  const { rng, today } = ctx;
  const lastDay = today - 1;
  const provider = `provider:${o.row.providerId}`;
  const windowOpen = o.closes > lastDay;

  for (const p of apps) {
    if (chance(rng, WITHDRAWN_SHARE)) {
      const day = Math.min(p.submitDay + randInt(rng, 0, 14), lastDay, o.start - 1);
      record(ctx, p, day * DAY_MINUTES + randInt(rng, 7 * 60, 22 * 60), 'WITHDRAWN', 'applicant', p.row.applicantId, pick(rng, WITHDRAWAL_REASONS));
      continue;
    }
    if (windowOpen) {
      const day = p.submitDay + randInt(rng, 2, 21);
      if (chance(rng, DECIDED_EARLY) && day <= lastDay) decide(ctx, p, day);
      continue;
    }
    const latest = Math.min(o.closes + 10, o.start - 2, lastDay);
    decide(ctx, p, Math.max(p.submitDay, Math.min(p.submitDay + randInt(rng, 1, 21), latest)));
  }
  if (windowOpen) return { reservations: [] };

  const decidedDays = apps.flatMap((p) => (p.decidedDay === undefined ? [] : [p.decidedDay]));
  // The provider places (or cancels) once the window has closed and the decisions are in.
  const afterDecisions = Math.max(o.closes, ...decidedDays);
  const placementDay = Math.min(afterDecisions + randInt(rng, 1, 4), o.start - 1, lastDay);
  const granted = apps.filter((p) => p.row.status === 'GRANTED').sort(byPriority);
  // The provider's step comes after every step so far of the applications it moves.
  const base = Math.max(officeMinute(rng, placementDay), ...apps.map((p) => p.last + 1));

  if (granted.length < MIN_GRANTED) {
    for (const p of granted) record(ctx, p, base, 'CANCELLED', 'provider', provider, CANCELLATION_REASON);
    return {
      cancellation: { offeringId: o.row.id, cancelledAt: isoMinute(Math.min(base, today * DAY_MINUTES - 1)), reason: CANCELLATION_REASON },
      reservations: [],
    };
  }

  const waiting: Pending[] = [];
  granted.forEach((p, i) => {
    if (i < o.row.seats) p.enrolledAt = record(ctx, p, base + i, 'ENROLLED', 'provider', provider, null);
    else {
      record(ctx, p, base + i, 'WAITLISTED', 'provider', provider, WAITLIST_REASON);
      waiting.push(p);
    }
  });
  if (o.start <= lastDay) followCourse(ctx, o, granted.slice(0, o.row.seats), waiting, provider);

  const reservations = apps
    .filter((p) => (p.row.status === 'ENROLLED' || p.row.status === 'COMPLETED') && p.enrolledAt !== undefined)
    .map((p) => ({ applicationId: p.row.id, offeringId: o.row.id, reservedAt: isoMinute(p.enrolledAt!) }));
  return { reservations };
}

/**
 * From the start of the course to today: who drops out (and when), who finishes with a
 * grade. A seat freed in the first weeks goes to the first on the waiting list.
 */
function followCourse(ctx: AdmissionContext, o: OpenOffering, enrolled: Pending[], waiting: Pending[], provider: string): void {
  const { rng, today } = ctx;
  const lastDay = today - 1;
  const rate = dropoutRate(ctx.quality, o.form);
  const dropouts: { p: Pending; day: number }[] = [];

  const fate = (p: Pending, from: number) => {
    const lo = Math.max(o.start, from);
    const hi = o.end - 1;
    const leaves = chance(rng, rate) && lo <= hi;
    if (leaves) {
      const day = randInt(rng, lo, hi);
      if (day <= lastDay) {
        const at = dropouts.findIndex((d) => d.day > day);
        dropouts.splice(at < 0 ? dropouts.length : at, 0, { p, day });
      }
      return;
    }
    if (o.end <= lastDay) {
      const grade = gradeFor(rng, ctx.quality, o.form === 'SPECIAL');
      const day = randInt(rng, o.end, Math.min(o.end + 14, lastDay));
      record(ctx, p, officeMinute(rng, day), 'COMPLETED', 'provider', provider, `grade ${grade}`);
      p.row.grade = grade;
    }
  };

  for (const p of enrolled) fate(p, o.start);
  for (let i = 0; i < dropouts.length; i++) {
    const { p, day } = dropouts[i]!;
    const left = record(ctx, p, officeMinute(rng, day), 'DROPPED_OUT', 'provider', provider, pick(rng, DROPOUT_REASONS));
    const next = day <= o.start + LATE_ENTRY_DAYS ? waiting.shift() : undefined;
    if (!next) continue;
    next.enrolledAt = record(ctx, next, left + randInt(rng, 5, 120), 'ENROLLED', 'provider', provider, FROM_WAITLIST_REASON);
    fate(next, day);
  }
}
