import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Database } from '../kit/database';
import { keyedLoader } from '../kit/loaders';
import type { SubgraphContext } from '../kit/server';
import { Course, Offering } from './model';
import {
  type FacetCounts,
  type OfferingRow,
  type ParentColumn,
  queryCountsByParent,
  queryFacetsByParent,
  queryPagesByParent,
} from './queries';

/** Loaders of nested offering lists, one per parent column and page arguments. */
function parentLoaders(db: Database) {
  const pages = new Map<string, DataLoader<string, OfferingRow[]>>();
  const counts = new Map<ParentColumn, DataLoader<string, number>>();
  const facets = new Map<ParentColumn, DataLoader<string, FacetCounts>>();
  const ds = db.dataSource;
  return {
    /** `limit` offerings of each parent after the cursor. */
    page(column: ParentColumn, after: string | null | undefined, limit: number) {
      const key = JSON.stringify([column, after ?? null, limit]);
      let loader = pages.get(key);
      if (!loader) {
        loader = new DataLoader(async (keys: readonly string[]) => {
          const byParent = await queryPagesByParent(ds, column, keys, after, limit);
          return keys.map((k) => byParent.get(k) ?? []);
        });
        pages.set(key, loader);
      }
      return loader;
    },
    count(column: ParentColumn) {
      let loader = counts.get(column);
      if (!loader) {
        loader = new DataLoader(async (keys: readonly string[]) => {
          const byParent = await queryCountsByParent(ds, column, keys);
          return keys.map((k) => byParent.get(k) ?? 0);
        });
        counts.set(column, loader);
      }
      return loader;
    },
    facets(column: ParentColumn) {
      let loader = facets.get(column);
      if (!loader) {
        loader = new DataLoader(async (keys: readonly string[]) => {
          const byParent = await queryFacetsByParent(ds, column, keys);
          return keys.map((k) => byParent.get(k) as FacetCounts);
        });
        facets.set(column, loader);
      }
      return loader;
    },
  };
}

export function createLoaders(db: Database) {
  const ds = db.dataSource;
  return {
    course: keyedLoader(
      (codes: readonly string[]) => ds.getRepository(Course).findBy({ code: In([...codes]) }),
      (c) => c.code,
    ),
    offering: keyedLoader(
      (ids: readonly string[]) => ds.getRepository(Offering).findBy({ id: In([...ids]) }),
      (o) => o.id,
    ),
    byParent: parentLoaders(db),
  };
}

export type OfferingLoaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<OfferingLoaders>;
