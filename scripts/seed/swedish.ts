/** Small helpers for writing Swedish text: case, genitive and dates. */

import { must } from './must';
import { parts } from './terms';
import { SWEDISH_MONTHS } from './words';

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export function genitive(name: string): string {
  if (/[A-ZÅÄÖ]{2,}$/.test(name)) return `${name}:s`;
  if (/[sxz]$/i.test(name)) return name;
  return `${name}s`;
}

export function swedishDate(day: number, withYear: boolean): string {
  const p = parts(day);
  const month = must(SWEDISH_MONTHS[p.month - 1], 'month name');
  return withYear ? `${p.date} ${month} ${p.year}` : `${p.date} ${month}`;
}
