import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Database } from '../kit/database';
import { batchLoader, keyedLoader } from '../kit/loaders';
import type { SubgraphContext } from '../kit/server';
import { Course, Offering } from './model';
import { type OfferingScope, offeringCounts } from './reports';
import {
  type FacetCounts,
  type OfferingRow,
  type ParentColumn,
  queryCountsByParent,
  queryFacetsByParent,
  queryPagesByParent,
} from './queries';

/** The value `map` holds for `key`, made by `make` on first use. */
function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** Loaders of nested offering lists: each batches all parents of one column into one query. */
function parentLoaders({ dataSource: ds }: Database) {
  const pages = new Map<string, DataLoader<string, OfferingRow[]>>();
  const counts = new Map<ParentColumn, DataLoader<string, number>>();
  const facets = new Map<ParentColumn, DataLoader<string, FacetCounts>>();
  return {
    /** `limit` offerings of each parent after the cursor. */
    page: (column: ParentColumn, after: string | null | undefined, limit: number) =>
      memo(pages, JSON.stringify([column, after ?? null, limit]), () =>
        batchLoader(`offerings page by ${column}`, async (keys: readonly string[]) => {
          const byParent = await queryPagesByParent(ds, column, keys, after, limit);
          return keys.map((k) => byParent.get(k) ?? []);
        }),
      ),
    count: (column: ParentColumn) =>
      memo(counts, column, () =>
        batchLoader(`offerings count by ${column}`, async (keys: readonly string[]) => {
          const byParent = await queryCountsByParent(ds, column, keys);
          return keys.map((k) => byParent.get(k) ?? 0);
        }),
      ),
    facets: (column: ParentColumn) =>
      memo(facets, column, () =>
        batchLoader(`offerings facets by ${column}`, async (keys: readonly string[]) => {
          const byParent = await queryFacetsByParent(ds, column, keys);
          return keys.map((k) => byParent.get(k) as FacetCounts);
        }),
      ),
  };
}

export function createLoaders(db: Database) {
  const ds = db.dataSource;
  return {
    course: keyedLoader('course', 
      (codes: readonly string[]) => ds.getRepository(Course).findBy({ code: In([...codes]) }),
      (c) => c.code,
    ),
    offering: keyedLoader('offering', 
      (ids: readonly string[]) => ds.getRepository(Offering).findBy({ id: In([...ids]) }),
      (o) => o.id,
    ),
    byParent: parentLoaders(db),
    /** The report rows of a request, counted in one statement. */
    reportOfferings: batchLoader('report offerings', (rows: readonly OfferingScope[]) => offeringCounts(ds, rows)),
  };
}

export type OfferingLoaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<OfferingLoaders>;
