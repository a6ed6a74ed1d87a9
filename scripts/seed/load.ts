import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Course, Offering } from '../../subgraphs/offerings/model';
import { Contract, Municipality, Provider, Site } from '../../subgraphs/providers/model';
import type { SubgraphName } from '../../common/config';
import type { RegionData } from './types';

const CHUNK = 1000;

type Progress = (done: number, total: number) => void;

/** Multi-row INSERTs of CHUNK rows each, inside the caller's transaction. */
async function insertAll<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  onProgress?: Progress,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + CHUNK)).execute();
    onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
  }
}

async function isEmpty(ds: DataSource, table: string): Promise<boolean> {
  const rows: unknown[] = await ds.query(`SELECT 1 FROM ${table} LIMIT 1`);
  return rows.length === 0;
}

export interface SeedOptions {
  /** Only this municipality's rows, for a sharded subgraph's own instance. */
  municipality?: string;
  /** Replace what is there (in the same transaction). */
  reset?: boolean;
  onProgress?: Progress;
}

/** Writes one subgraph's part of the region in one transaction; what it wrote, or false when it held data already. */
export type Seeder = (ds: DataSource, region: () => RegionData, opts: SeedOptions) => Promise<string | false>;

/** The providers subgraph's part: municipalities, providers, sites, contracts. */
const seedProviders: Seeder = async (ds, region, { reset }) => {
  if (!reset && !(await isEmpty(ds, 'municipalities'))) return false;
  const data = region();
  await ds.transaction(async (tx) => {
    if (reset) await tx.query('TRUNCATE contracts, sites, providers, municipalities');
    await insertAll(tx, Municipality, data.municipalities.map((r) => ({ ...r }) as Municipality));
    await insertAll(tx, Provider, data.providers.map((r) => ({ ...r }) as Provider));
    await insertAll(tx, Site, data.sites.map((r) => ({ ...r }) as Site));
    await insertAll(tx, Contract, data.contracts.map((r) => ({ ...r }) as Contract));
  });
  return `${data.municipalities.length} municipalities, ${data.providers.length} providers, ${data.sites.length} sites, ${data.contracts.length} contracts`;
};

/**
 * The offerings subgraph's part: the course catalogue and the offerings, only those
 * organised by `municipality` when the instance serves one.
 */
const seedOfferings: Seeder = async (ds, region, opts) => {
  if (!opts.reset && !(await isEmpty(ds, 'courses'))) return false;
  const data = region();
  const courses = new Map(data.courses.map((c) => [c.code, c]));
  const offerings = data.offerings
    .filter((o) => !opts.municipality || o.municipalityCode === opts.municipality)
    .map((o) => {
      const course = courses.get(o.courseCode);
      if (!course) throw new Error(`offering ${o.id} names unknown course ${o.courseCode}`);
      return { ...o, courseName: course.name, schoolForm: course.schoolForm } as Offering;
    });
  await ds.transaction(async (tx) => {
    if (opts.reset) await tx.query('TRUNCATE offerings, courses');
    await insertAll(tx, Course, data.courses.map((c) => ({ ...c }) as Course));
    await insertAll(tx, Offering, offerings, opts.onProgress);
  });
  return `${data.courses.length} courses, ${offerings.length} offerings`;
};

export const SEEDERS: Record<SubgraphName, Seeder> = { providers: seedProviders, offerings: seedOfferings };
