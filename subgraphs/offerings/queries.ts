import type { DataSource } from 'typeorm';
import { type CursorShape, type CursorValue, decodeCursor, encodeCursor } from '../kit/pagination';
import { SqlParams, columnsOf } from '../kit/sql';
import { OfferingOrder } from './filter';
import { Offering } from './model';

/** An offering row as the page queries return it (with the rank when ordering by relevance). */
export type OfferingRow = Offering & { rank?: number };

const COLLATE = 'COLLATE "sv-SE-x-icu"';

interface OrderSpec {
  tag: string;
  shape: CursorShape;
  /** ORDER BY list; `rank` is the relevance expression. */
  orderBy(rank: string): string;
  /** Rows strictly after the cursor's position. */
  after(params: SqlParams, values: CursorValue[], rank: string): string;
  cursorValues(row: OfferingRow): CursorValue[];
}

export const ORDERS: Record<OfferingOrder, OrderSpec> = {
  START_DATE: {
    tag: 'start',
    shape: ['date', 'string'],
    orderBy: () => 'o.start_date, o.id',
    after: (p, [date, id]) => `(o.start_date, o.id) > (${p.add(date)}::date, ${p.add(id)}::text)`,
    cursorValues: (row) => [row.startDate, row.id],
  },
  TITLE: {
    tag: 'title',
    shape: ['string', 'string'],
    orderBy: () => `o.title ${COLLATE}, o.id`,
    after: (p, [title, id]) => `(o.title ${COLLATE}, o.id) > (${p.add(title)}::text ${COLLATE}, ${p.add(id)}::text)`,
    cursorValues: (row) => [row.title, row.id],
  },
  RELEVANCE: {
    tag: 'relevance',
    shape: ['real', 'string'],
    orderBy: (rank) => `${rank} DESC, o.id`,
    after: (p, [r, id], rank) => {
      const value = `${p.add(r)}::real`;
      return `(${rank} < ${value} OR (${rank} = ${value} AND o.id > ${p.add(id)}::text))`;
    },
    cursorValues: (row) => [row.rank ?? 0, row.id],
  },
};

export function cursorOf(order: OfferingOrder, row: OfferingRow): string {
  const spec = ORDERS[order];
  return encodeCursor(spec.tag, spec.cursorValues(row));
}

export interface PageQuery {
  conditions: string[];
  params: SqlParams;
  order: OfferingOrder;
  /** The parameter placeholder of the search text, for the relevance expression. */
  textParam?: string;
  after?: string | null;
  limit: number;
}

/** One keyset page of the catalogue: `limit` rows after the cursor in the given order. */
export async function queryPage(ds: DataSource, q: PageQuery): Promise<OfferingRow[]> {
  const spec = ORDERS[q.order];
  const rank = q.textParam ? `ts_rank(o.search_vector, websearch_to_tsquery('swedish', ${q.textParam}))` : '0';
  const conditions = [...q.conditions];
  if (q.after) conditions.push(spec.after(q.params, decodeCursor(q.after, spec.tag, spec.shape), rank));
  const sql = `SELECT ${columnsOf(ds, Offering, 'o')}${q.textParam ? `, ${rank} AS rank` : ''}
    FROM offerings o ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    ORDER BY ${spec.orderBy(rank)} LIMIT ${q.params.add(q.limit)}`;
  return ds.query(sql, q.params.values);
}

/** The columns a nested offerings list can hang from, with their SQL array type. */
export const PARENT_COLUMNS = { provider_id: 'text', municipality_code: 'bpchar' } as const;
export type ParentColumn = keyof typeof PARENT_COLUMNS;

/** For each parent key, its first `limit` offerings (by start date) after the cursor: one query for all parents. */
export async function queryPagesByParent(
  ds: DataSource,
  column: ParentColumn,
  keys: readonly string[],
  after: string | null | undefined,
  limit: number,
): Promise<Map<string, OfferingRow[]>> {
  const params = new SqlParams();
  const keysParam = params.add(keys);
  const spec = ORDERS.START_DATE;
  const keyset = after ? `AND ${spec.after(params, decodeCursor(after, spec.tag, spec.shape), '0')}` : '';
  const sql = `SELECT k.key AS "parentKey", page.* FROM unnest(${keysParam}::${PARENT_COLUMNS[column]}[]) AS k(key)
    CROSS JOIN LATERAL (
      SELECT ${columnsOf(ds, Offering, 'o')} FROM offerings o
      WHERE o.${column} = k.key ${keyset}
      ORDER BY o.start_date, o.id LIMIT ${params.add(limit)}
    ) page`;
  const rows: (OfferingRow & { parentKey: string })[] = await ds.query(sql, params.values);
  const byParent = new Map<string, OfferingRow[]>(keys.map((k) => [k, []]));
  for (const { parentKey, ...row } of rows) byParent.get(parentKey)?.push(row as OfferingRow);
  return byParent;
}

export interface FacetCounts {
  schoolForms: Map<string, number>;
  municipalities: Map<string, number>;
  studyModes: Map<string, number>;
}

const emptyFacets = (): FacetCounts => ({ schoolForms: new Map(), municipalities: new Map(), studyModes: new Map() });

interface FacetRow {
  parent: string | null;
  school_form: string | null;
  municipality_code: string | null;
  study_mode: string | null;
  n: number;
}

/**
 * Facet counts (per school form, municipality and study mode) in one query with
 * GROUPING SETS; grouped further by `parent` when given, for nested lists.
 */
export async function queryFacets(
  ds: DataSource,
  conditions: string[],
  params: SqlParams,
  parent?: ParentColumn,
): Promise<Map<string | null, FacetCounts>> {
  const p = parent ? `o.${parent}, ` : '';
  const sql = `SELECT ${parent ? `o.${parent}` : 'NULL'} AS parent, o.school_form, o.municipality_code, o.study_mode,
      count(*)::int AS n
    FROM offerings o ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    GROUP BY GROUPING SETS ((${p}o.school_form), (${p}o.municipality_code), (${p}o.study_mode))`;
  const rows: FacetRow[] = await ds.query(sql, params.values);
  const out = new Map<string | null, FacetCounts>();
  for (const row of rows) {
    let f = out.get(row.parent);
    if (!f) out.set(row.parent, (f = emptyFacets()));
    if (row.school_form !== null) f.schoolForms.set(row.school_form, row.n);
    else if (row.municipality_code !== null) f.municipalities.set(row.municipality_code, row.n);
    else if (row.study_mode !== null) f.studyModes.set(row.study_mode, row.n);
  }
  return out;
}

export function facetsOrEmpty(map: Map<string | null, FacetCounts>, key: string | null): FacetCounts {
  return map.get(key) ?? emptyFacets();
}

export async function queryCount(ds: DataSource, conditions: string[], params: SqlParams): Promise<number> {
  const sql = `SELECT count(*)::int AS n FROM offerings o ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
  const rows: { n: number }[] = await ds.query(sql, params.values);
  return rows[0]?.n ?? 0;
}

export async function queryCountsByParent(
  ds: DataSource,
  column: ParentColumn,
  keys: readonly string[],
): Promise<Map<string, number>> {
  const rows: { parent: string; n: number }[] = await ds.query(
    `SELECT o.${column} AS parent, count(*)::int AS n FROM offerings o
     WHERE o.${column} = ANY($1::${PARENT_COLUMNS[column]}[]) GROUP BY o.${column}`,
    [keys],
  );
  return new Map(rows.map((r) => [r.parent, r.n]));
}
