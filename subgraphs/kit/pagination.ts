import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { PUBLIC_CATALOGUE } from './cache-control';
import { badUserInput } from '../../common/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@Directive(PUBLIC_CATALOGUE)
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
export type CursorValue = string;
/**
 * What each cursor value must be: 'string' any text without NUL characters, 'date' an
 * ISO date 'YYYY-MM-DD' in years 1–9999, 'decimal' a plain decimal number (a rank).
 * Values that PostgreSQL could not take are refused here, as bad input.
 */
export type CursorShape = readonly ('string' | 'date' | 'decimal')[];

const VALID: Record<CursorShape[number], (v: string) => boolean> = {
  string: (v) => v.length <= 1000 && !v.includes('\u0000'),
  date: isIsoDate,
  decimal: (v) => /^-?\d{1,10}(\.\d{1,12})?$/.test(v),
};

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
    const want = shape[i] ?? 'string';
    if (typeof v !== 'string' || !VALID[want](v)) throw invalid();
  });
  return values as CursorValue[];
}

/** 'YYYY-MM-DD', a real day, in the years PostgreSQL's date type and ISO 8601 share (1–9999). */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || v.startsWith('0000')) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** One page of a list: its edges and page info (see ./connection for the GraphQL types). */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/**
 * The page of the `first + 1` rows a keyset query fetched: the extra row
 * only tells that more follow.
 */
export function pageOf<T>(
  rows: T[],
  first: number,
  after: string | null | undefined,
  cursorOf: (row: T) => string,
): Page<T> {
  const edges = rows.slice(0, first).map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
