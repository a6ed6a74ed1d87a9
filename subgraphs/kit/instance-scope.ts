import type { DataSource } from 'typeorm';

/**
 * Which municipalities' rows an instance of a sharded subgraph holds: one municipality
 * (its own instance), or every one but those running their own (the default instance).
 */
export interface InstanceScope {
  only?: string;
  except?: readonly string[];
}

/** A table of a sharded subgraph and the column naming each row's owner. */
export interface ScopedTable {
  table: string;
  column: string;
}

export function holds(scope: InstanceScope, code: string): boolean {
  if (scope.only) return code === scope.only;
  return !(scope.except ?? []).includes(code);
}

const CODE = /^\d{4}$/;

/**
 * The scope as a constraint on every scoped table (`<table>_instance_scope`), so that an
 * instance cannot hold another municipality's row whatever writes to it: made again at
 * each start (the shard map may have changed), refused when rows already break it.
 */
export async function applyInstanceScope(ds: DataSource, tables: readonly ScopedTable[], scope: InstanceScope): Promise<void> {
  const codes = scope.only ? [scope.only] : [...(scope.except ?? [])];
  if (!codes.every((c) => CODE.test(c))) throw new Error(`not municipality codes: ${codes.join(', ')}`);
  const list = codes.map((c) => `'${c}'`).join(', ');
  await ds.transaction(async (tx) => {
    for (const { table, column } of tables) {
      const name = `${table}_instance_scope`;
      await tx.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name}`);
      const check = scope.only ? `${column} = ${list}` : codes.length ? `${column} NOT IN (${list})` : undefined;
      if (!check) continue;
      try {
        await tx.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${check})`);
      } catch {
        throw new Error(
          `${table} holds rows of municipalities this instance does not hold (${scope.only ? `only ${scope.only}` : `all but ${list}`}); ` +
            'move them to their own instance first',
        );
      }
    }
  });
}
