import { badUserInput } from '../../common/errors';

/**
 * Terms (terminer) as the API names them: `HT2026` (autumn, from August) and `VT2027`
 * (spring, January to June). An offering belongs to the term it starts in.
 */
const TERM = /^(HT|VT)(\d{4})$/;

/** The term a 'YYYY-MM-DD' start date falls in. */
export function termOf(startDate: string): string {
  const year = startDate.slice(0, 4);
  return Number(startDate.slice(5, 7)) >= 7 ? `HT${year}` : `VT${year}`;
}

/** The term before `term` (VT2027 → HT2026 → VT2026). */
export function previousTerm(term: string): string {
  const m = TERM.exec(term);
  if (!m) throw new Error(`not a term: ${term}`);
  return m[1] === 'HT' ? `VT${m[2]}` : `HT${Number(m[2]) - 1}`;
}

/** Refuses anything but `HT<year>` or `VT<year>`. */
export function checkTerm(term: string | null | undefined, argumentName: string): void {
  if (term === null || term === undefined) return;
  const m = TERM.exec(term);
  if (!m || Number(m[2]) < 2000 || Number(m[2]) > 2100) {
    throw badUserInput(`${argumentName} must be a term such as "HT2026" (autumn) or "VT2027" (spring).`, { argumentName });
  }
}
