import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { InstanceScope } from './instance-scope';
import type { RegionData } from './region-data';

const CHUNK = 1000;
const BULK_CHUNK = 5000;

/** The array type `bulkInsert` sends a column of each entity column type as. */
const ARRAY_TYPES: Record<string, string> = {
  text: 'text',
  char: 'bpchar',
  bytea: 'bytea',
  date: 'date',
  timestamptz: 'timestamptz',
  smallint: 'smallint',
  integer: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
};

export type SeedProgress = (done: number, total: number) => void;

export interface SeedOptions {
  /** For a sharded subgraph: only the rows of the municipalities this instance holds. */
  scope?: InstanceScope;
  /** Replace what is there (in the same transaction). */
  reset?: boolean;
  onProgress?: SeedProgress;
}

/**
 * Writes one subgraph's part of the region's seed data in one transaction: a line saying
 * what it wrote, or false when the database held data already (and nothing was written).
 */
export type Seeder = (ds: DataSource, region: () => RegionData, opts: SeedOptions) => Promise<string | false>;

/** Multi-row INSERTs of CHUNK rows each, inside the caller's transaction. */
export async function insertAll<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  onProgress?: SeedProgress,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + CHUNK)).execute();
    onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
  }
}

/** One value as an element of a PostgreSQL array literal: quoted, NULL, bytea as hex. */
function arrayElement(v: unknown): string {
  if (v === null) return 'NULL';
  const text = Buffer.isBuffer(v) ? `\\x${v.toString('hex')}` : v instanceof Date ? v.toISOString() : String(v);
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * Large tables: one `INSERT … SELECT * FROM unnest($1::text[], …)` per BULK_CHUNK rows, each
 * column one array parameter, inside the caller's transaction; many times faster than
 * `insertAll` for many rows. The next chunk is encoded while the database writes the last.
 * A row gives every column but a generated one by the entity's property name (null for
 * NULL; a timestamp may be an ISO string); array columns are not supported.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly { readonly [K in keyof T]?: unknown }[],
  onProgress?: SeedProgress,
): Promise<void> {
  const meta = tx.connection.getMetadata(entity);
  const columns = meta.columns
    .filter((c) => !c.isGenerated)
    .map((c) => {
      const type = typeof c.type === 'string' ? ARRAY_TYPES[c.type] : undefined;
      if (!type || c.isArray) throw new Error(`bulkInsert cannot write ${meta.tableName}.${c.databaseName}`);
      return { name: c.databaseName, property: c.propertyName as keyof T, type };
    });
  const sql =
    `INSERT INTO ${meta.tableName} (${columns.map((c) => `"${c.name}"`).join(', ')}) ` +
    `SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`;
  const encode = (chunk: readonly { readonly [K in keyof T]?: unknown }[]) =>
    columns.map((c) => {
      const parts = chunk.map((r) => {
        const v = r[c.property];
        if (v === undefined) throw new Error(`bulkInsert: a row for ${meta.tableName} has no ${String(c.property)}`);
        return arrayElement(v);
      });
      return `{${parts.join(',')}}`;
    });
  let writing: Promise<unknown> | undefined;
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const values = encode(rows.slice(i, i + BULK_CHUNK));
    if (writing) await writing;
    writing = tx.query(sql, values);
    // Awaited on the next round or below; until then a failure must not count as unhandled.
    writing.catch(() => undefined);
    if (i > 0) onProgress?.(i, rows.length);
  }
  if (writing) await writing;
  onProgress?.(rows.length, rows.length);
}

export async function isEmpty(ds: DataSource, table: string): Promise<boolean> {
  const rows: unknown[] = await ds.query(`SELECT 1 FROM ${table} LIMIT 1`);
  return rows.length === 0;
}
