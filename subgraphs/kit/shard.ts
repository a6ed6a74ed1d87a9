/**
 * How the gateway routes a sharded subgraph's data over its instances (the default one
 * and the municipalities running their own), declared next to each field with `@shard`
 * and gathered per subgraph into schema/shard-rules.json by `npm run compose`, which the
 * gateway reads (a supergraph cannot say which subgraph declared a directive).
 *
 * On an entity type of a sharded subgraph:
 *   `@shard(key: "id")`     representations go to the instance owning the id's municipality prefix;
 *   `@shard(key: "code")`   … owning that municipality code.
 *   An entity type without it goes to every instance, its answers merged per representation.
 * On a root field (Query, Mutation):
 *   `route: "arg:<path>"`   the instance owning the argument (an id with a municipality prefix, or a code);
 *   `route: "viewer"`       the instance of the caller's municipality (an applicant's home);
 *   `route: "regional"`     the default instance only (regional reference data, such as the courses);
 *   `route: "all"`          every instance, or `"all:<path>"` only those holding the municipalities
 *                           an argument lists; their answers merged by `merge`.
 * On any field, how answers from several instances combine (`merge`):
 *   `connection`  keyset merge by the cursors' sort values, `first` kept, totalCount and facets summed;
 *   `list`        concatenated in instance order;
 *   `sorted:<a>,<b>` concatenated and sorted by those fields in turn (code unit order), as one instance sorts;
 *   `sum`         numbers added field by field (suppressed figures re-suppressed after the sum);
 *   `group:<field>` list items with the same `<field>` merged (their numbers summed), sorted by it;
 *   `same`        every instance answers alike: the first answer.
 */
export const SHARD_SDL = `
directive @shard(route: String, merge: String, key: String) on FIELD_DEFINITION | OBJECT
`;

const arg = (name: string, value: string | undefined) => (value === undefined ? [] : [`${name}: ${JSON.stringify(value)}`]);

/** The `@shard(...)` directive text, for type-graphql's `@Directive`. */
export function shard(rule: {
  route?: string;
  merge?: 'connection' | 'list' | 'sum' | 'same' | `group:${string}` | `sorted:${string}`;
  key?: string;
}): string {
  return `@shard(${[...arg('route', rule.route), ...arg('merge', rule.merge), ...arg('key', rule.key)].join(', ')})`;
}
