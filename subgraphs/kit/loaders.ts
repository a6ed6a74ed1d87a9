import DataLoader from 'dataloader';
import { inSpan } from '../../common/observability/tracing';

/**
 * A per-request DataLoader whose batches are named: in a traced request each batch is a
 * span (`loader <name>`, with its size), the parent of its SQL statement.
 */
export function batchLoader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>) {
  return new DataLoader<K, V>((keys) => inSpan(`loader ${name}`, { 'vuxhub.batch.size': keys.length }, () => batch(keys)));
}

/**
 * A per-request loader of rows by a unique key: one SQL query per batch, answers in
 * key order, null where no row exists.
 */
export function keyedLoader<K, T>(name: string, fetch: (keys: readonly K[]) => Promise<T[]>, keyOf: (row: T) => K) {
  return batchLoader<K, T | null>(name, async (keys) => {
    const byKey = new Map<K, T>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** A per-request loader of the rows that belong to each key (one-to-many), one SQL query per batch. */
export function groupedLoader<K, T>(name: string, fetch: (keys: readonly K[]) => Promise<T[]>, keyOf: (row: T) => K) {
  return batchLoader<K, T[]>(name, async (keys) => {
    const groups = new Map<K, T[]>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** A row a foreign key guarantees; a miss is a bug and surfaces as an internal error. */
export function mustExist<T>(row: T | null, what: string, key: string): T {
  if (row === null) throw new Error(`${what} ${key} is missing`);
  return row;
}
