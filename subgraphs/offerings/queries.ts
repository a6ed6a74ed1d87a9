import type { DataSource } from 'typeorm';
import { type CursorShape, type CursorValue, decodeCursor, encodeCursor } from '../kit/pagination';
import { SqlParams, columnsOf } from '../kit/sql';
import { OfferingOrder } from './filter';
import { Offering } from './model';

/** An offering row as the page queries return it (with its rank when ordering by relevance). */
export type OfferingRow = Offering & { rank?: string };

/**
 * Relevance, rounded to a decimal so that the cursor carries it exactly: a float's
 * text form depends on server settings (extra_float_digits), a numeric's does not.
 */
const rankOf = (textParam: string) =>
  `round(ts_rank(o.search_vector, websearch_to_tsquery('swedish', ${textParam}))::numeric, 6)`;

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
    orderBy: () => 'o.title_key, o.id',
    after: (p, [key, id]) => `(o.title_key, o.id) > (${p.add(key)}::text COLLATE "C", ${p.add(id)}::text)`,
    cursorValues: (row) => [row.titleKey, row.id],
  },
  RELEVANCE: {
    tag: 'relevance',
    shape: ['decimal', 'string'],
    orderBy: (rank) => `${rank} DESC, o.id`,
    after: (p, [r, id], rank) => {
      const value = `${p.add(r)}::numeric`;
      return `(${rank} < ${value} OR (${rank} = ${value} AND o.id > ${p.add(id)}::text))`;
    },
    cursorValues: (row) => [row.rank ?? '0', row.id],
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
  const rank = q.order === OfferingOrder.RELEVANCE && q.textParam ? rankOf(q.textParam) : undefined;
  const conditions = [...q.conditions];
  if (q.after) conditions.push(spec.after(q.params, decodeCursor(q.after, spec.tag, spec.shape), rank ?? '0'));
  const sql = `SELECT ${columnsOf(ds, Offering, 'o')}${rank ? `, ${rank}::text AS rank` : ''}
    FROM offerings o ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    ORDER BY ${spec.orderBy(rank ?? '0')} LIMIT ${q.params.add(q.limit)}`;
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
  /** GROUPING() bits: set for the facet columns a row is not grouped by. */
  g: number;
  n: number;
}

const FACET_COLUMNS = `o.school_form, o.municipality_code, o.study_mode,
  GROUPING(o.school_form, o.municipality_code, o.study_mode) AS g, count(*)::int AS n`;
const facetSets = (parent: string) =>
  `GROUPING SETS ((${parent}o.school_form), (${parent}o.municipality_code), (${parent}o.study_mode))`;

function collectFacets(rows: FacetRow[]): Map<string | null, FacetCounts> {
  const out = new Map<string | null, FacetCounts>();
  for (const row of rows) {
    let f = out.get(row.parent);
    if (!f) out.set(row.parent, (f = emptyFacets()));
    if (row.g === 0b011) f.schoolForms.set(row.school_form ?? '', row.n);
    else if (row.g === 0b101) f.municipalities.set(row.municipality_code ?? '', row.n);
    else if (row.g === 0b110) f.studyModes.set(row.study_mode ?? '', row.n);
  }
  return out;
}

/** Facet counts (per school form, municipality and study mode) of a filtered set, in one query. */
export async function queryFacets(ds: DataSource, conditions: string[], params: SqlParams): Promise<FacetCounts> {
  const sql = `SELECT NULL AS parent, ${FACET_COLUMNS}
    FROM offerings o ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    GROUP BY ${facetSets('')}`;
  return collectFacets(await ds.query(sql, params.values)).get(null) ?? emptyFacets();
}

/** Facet counts of each parent's offerings, for nested lists: one query for all parents. */
export async function queryFacetsByParent(
  ds: DataSource,
  column: ParentColumn,
  keys: readonly string[],
): Promise<Map<string, FacetCounts>> {
  const sql = `SELECT k.key AS parent, ${FACET_COLUMNS}
    FROM unnest($1::${PARENT_COLUMNS[column]}[]) AS k(key) JOIN offerings o ON o.${column} = k.key
    GROUP BY ${facetSets('k.key, ')}`;
  const byParent = collectFacets(await ds.query(sql, [keys]));
  return new Map(keys.map((k) => [k, byParent.get(k) ?? emptyFacets()]));
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
