import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from '../../common/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return (0–${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  after?: string | null;
}

/** `first` after checking its range: a request above the cap is refused, never silently cut. */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${n}.`, { argumentName: 'first' });
  }
  return n;
}

/** A sort key value carried in a keyset cursor. */
export type CursorValue = string | number;
/**
 * What each cursor value must be: 'date' is an ISO date string 'YYYY-MM-DD', 'real' a
 * number PostgreSQL's `real` can hold (a rank).
 */
export type CursorShape = readonly ('string' | 'number' | 'date' | 'real')[];

/**
 * Keyset cursors: the order's tag, the sort values and the id, as base64url JSON.
 * They name no row position, so a cursor is valid on every instance holding the data.
 */
export function encodeCursor(tag: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([tag, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, tag: string, shape: CursorShape): CursorValue[] {
  const invalid = () =>
    badUserInput(`"after" is not a valid cursor for this list and order. Use a cursor this list returned.`, {
      argumentName: 'after',
    });
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1 || parsed[0] !== tag) throw invalid();
  const values = parsed.slice(1) as unknown[];
  values.forEach((v, i) => {
    const want = shape[i];
    if (want === 'date') {
      if (typeof v !== 'string' || !isIsoDate(v)) throw invalid();
    } else if (want === 'real') {
      if (typeof v !== 'number' || !isReal(v)) throw invalid();
    } else if (typeof v !== want || (typeof v === 'number' && !Number.isFinite(v))) {
      throw invalid();
    }
    if (typeof v === 'string' && v.length > 1000) throw invalid();
  });
  return values as CursorValue[];
}

function isReal(v: number): boolean {
  const a = Math.abs(v);
  return v === 0 || (a >= 1.2e-38 && a <= 3.4e38);
}

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

/** Splits the `first + 1` rows a keyset query fetched into the page and whether more follow. */
export function toPage<T>(rows: T[], first: number): Page<T> {
  return { items: rows.slice(0, first), hasNextPage: rows.length > first };
}
