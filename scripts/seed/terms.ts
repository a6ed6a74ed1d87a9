/**
 * Dates as whole UTC days since 1970-01-01, and the school terms (HT/VT) the
 * offerings are spread over.
 */

export const DAY_MS = 86_400_000;

const isoCache = new Map<number, string>();

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function iso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

export function parts(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function mondayOnOrAfter(day: number): number {
  return day + ((7 - weekday(day)) % 7);
}

/** The last day (a Friday) of a course starting on a Monday, with breaks at Christmas and in summer. */
export function endDay(start: number, weeks: number): number {
  let end = start + weeks * 7 - 3;
  const { year } = parts(start);
  const christmas = [dayOf(year, 12, 24), dayOf(year + 1, 12, 24)];
  for (const c of christmas) if (start <= c && c <= end) end += 14;
  const summer = [dayOf(year, 7, 1), dayOf(year + 1, 7, 1)];
  for (const s of summer) if (start <= s && s <= end) end += 63;
  return end;
}

export interface Term {
  kind: 'HT' | 'VT';
  year: number;
  start: number;
  end: number;
  /** Mondays on which courses start (rolling intake). */
  startDays: number[];
  startWeights: number[];
}

function makeTerm(kind: 'HT' | 'VT', year: number): Term {
  const start = kind === 'HT' ? mondayOnOrAfter(dayOf(year, 8, 15)) : mondayOnOrAfter(dayOf(year, 1, 15));
  const end = kind === 'HT' ? dayOf(year + 1, 1, 15) : dayOf(year, 6, 7);
  const christmasFrom = dayOf(year, 12, 10);
  const christmasTo = dayOf(year + 1, 1, 7);
  const startDays: number[] = [];
  // The last intake of the spring term closes when the autumn admission period opens.
  const lastStart = end - (kind === 'VT' ? 14 : 21);
  for (let d = start; d <= lastStart; d += 7) {
    if (kind === 'HT' && d >= christmasFrom && d < christmasTo) continue;
    startDays.push(d);
  }
  // A big intake at the start of term, a smaller one around mid-term.
  const middle = startDays[Math.floor(startDays.length / 2)];
  const startWeights = startDays.map((d, i) => (i === 0 ? 5 : d === middle ? 2 : 1));
  return { kind, year, start, end, startDays, startWeights };
}

/** The term `today` falls in; the summer break counts towards the coming autumn term. */
export function currentTerm(today: number): Term {
  const { year } = parts(today);
  if (today < dayOf(year, 1, 15)) return makeTerm('HT', year - 1);
  if (today <= dayOf(year, 6, 7)) return makeTerm('VT', year);
  return makeTerm('HT', year);
}

export function nextTerm(term: Term): Term {
  return term.kind === 'HT' ? makeTerm('VT', term.year + 1) : makeTerm('HT', term.year);
}

export function previousTerm(term: Term): Term {
  return term.kind === 'HT' ? makeTerm('VT', term.year) : makeTerm('HT', term.year - 1);
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A whole minute (minutes since 1970-01-01 UTC) as an ISO timestamp: `2026-03-04T09:15:00.000Z`. */
export function isoMinute(minute: number): string {
  const day = Math.floor(minute / 1440);
  const m = minute - day * 1440;
  return `${iso(day)}T${two(Math.floor(m / 60))}:${two(m % 60)}:00.000Z`;
}
