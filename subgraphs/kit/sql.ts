import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Swedish alphabetical order (ICU): Å, Ä, Ö after Z, case and accents as a person expects. */
export const SWEDISH = 'COLLATE "sv-SE-x-icu"';

/** Collects positional parameters for a hand-written SQL statement: `params.add(v)` gives `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const selectLists = new WeakMap<object, Map<string, string>>();

/**
 * `alias.column AS "property", …` for every column of an entity, so that a hand-written
 * query returns rows shaped like the entity. Cached per entity and alias.
 */
export function columnsOf(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const key = entity as object;
  let perAlias = selectLists.get(key);
  if (!perAlias) selectLists.set(key, (perAlias = new Map()));
  let list = perAlias.get(alias);
  if (!list) {
    list = ds
      .getMetadata(entity)
      .columns.map((c) => `${alias}.${c.databaseName} AS "${c.propertyName}"`)
      .join(', ');
    perAlias.set(alias, list);
  }
  return list;
}
