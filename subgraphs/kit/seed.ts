import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { InstanceScope } from './instance-scope';
import type { RegionData } from './region-data';

const CHUNK = 1000;

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

export async function isEmpty(ds: DataSource, table: string): Promise<boolean> {
  const rows: unknown[] = await ds.query(`SELECT 1 FROM ${table} LIMIT 1`);
  return rows.length === 0;
}
