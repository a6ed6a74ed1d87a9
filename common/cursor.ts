import { badUserInput } from './errors';

/**
 * Keyset cursors: the order's tag, the sort values and the id, as base64url JSON. They
 * name no row position, so a cursor is valid on every instance holding the data, and the
 * gateway reads the sort values to merge pages from several instances (CURSOR_ORDERS).
 */

/** A sort key value carried in a keyset cursor. */
export type CursorValue = string;

export type CursorValueType = 'string' | 'date' | 'decimal' | 'integer' | 'timestamp';

/**
 * What each cursor value must be: 'string' any text without NUL characters, 'date' an
 * ISO date 'YYYY-MM-DD' in years 1–9999, 'decimal' a plain decimal number (a rank),
 * 'integer' a small whole number, 'timestamp' an ISO instant with milliseconds in UTC.
 * Values that PostgreSQL could not take are refused here, as bad input.
 */
export type CursorShape = readonly CursorValueType[];

/** 'YYYY-MM-DD', a real day, in the years PostgreSQL's date type and ISO 8601 share (1–9999). */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || v.startsWith('0000')) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

const VALID: Record<CursorValueType, (v: string) => boolean> = {
  string: (v) => v.length <= 1000 && !v.includes('\u0000'),
  date: isIsoDate,
  decimal: (v) => /^-?\d{1,10}(\.\d{1,12})?$/.test(v),
  integer: (v) => /^-?\d{1,9}$/.test(v),
  timestamp: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v)),
};

export function encodeCursor(tag: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([tag, ...values]), 'utf8').toString('base64url');
}

/** The tag and values of a cursor, or undefined when it is not one (no validation of the values). */
export function readCursor(cursor: string): { tag: string; values: CursorValue[] } | undefined {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || !parsed.slice(1).every((v) => typeof v === 'string')) return undefined;
    return { tag: parsed[0], values: parsed.slice(1) as string[] };
  } catch {
    return undefined;
  }
}

/** The values of a cursor of the list and order `tag`, checked against `shape`; BAD_USER_INPUT otherwise. */
export function decodeCursor(cursor: string, tag: string, shape: CursorShape): CursorValue[] {
  const read = readCursor(cursor);
  if (!read || read.tag !== tag || read.values.length !== shape.length || read.values.some((v, i) => !VALID[shape[i] ?? 'string'](v))) {
    throw badUserInput(`"after" is not a valid cursor for this list and order. Use a cursor this list returned.`, {
      argumentName: 'after',
    });
  }
  return read.values;
}

/** How the values of one order's cursors compare: each key's type and direction, the last being the id. */
export interface CursorOrder {
  keys: readonly { type: CursorValueType; descending?: boolean }[];
}

const ascending = (...types: CursorValueType[]): CursorOrder => ({ keys: types.map((type) => ({ type })) });

/**
 * Every keyset order of a sharded list, by its cursor tag: what the gateway needs to merge
 * pages from several instances into the order one instance would give. Strings (ids, dates,
 * timestamps, title sort keys) compare code unit by code unit, as PostgreSQL's "C"
 * collation compares their ASCII bytes.
 */
export const CURSOR_ORDERS: Readonly<Record<string, CursorOrder>> = {
  start: ascending('date', 'string'),
  title: ascending('string', 'string'),
  relevance: { keys: [{ type: 'decimal', descending: true }, { type: 'string' }] },
  'application-submitted': ascending('timestamp', 'string'),
  'application-priority': ascending('integer', 'timestamp', 'string'),
};

function compareValue(type: CursorValueType, a: string, b: string): number {
  if (type === 'decimal' || type === 'integer') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of two cursors of one list (negative: `a` first), or undefined for an unknown order. */
export function compareCursors(a: string, b: string): number | undefined {
  const x = readCursor(a);
  const y = readCursor(b);
  const order = x && CURSOR_ORDERS[x.tag];
  if (!x || !y || !order || x.tag !== y.tag) return undefined;
  for (const [i, key] of order.keys.entries()) {
    const c = compareValue(key.type, x.values[i] ?? '', y.values[i] ?? '');
    if (c !== 0) return key.descending ? -c : c;
  }
  return 0;
}
