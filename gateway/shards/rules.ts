import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type ConstDirectiveNode, type GraphQLSchema, Kind, isObjectType, parse } from 'graphql';

/**
 * What a sharded subgraph declares about routing and merging (its `@shard` directives,
 * see subgraphs/kit/shard.ts), read from the subgraph's committed SDL (schema/<name>.graphql),
 * with the subgraph's own schema to read its operations by.
 */
export interface FieldRule {
  route?: string;
  merge?: string;
}

export interface ShardRules {
  subgraph: string;
  schema: GraphQLSchema;
  /** Entity type → the key field naming its owner ("id" with a municipality prefix, or "code"). */
  keys: Map<string, string>;
  /** "Type.field" → its rule. */
  fields: Map<string, FieldRule>;
}

function shardArgs(directives: readonly ConstDirectiveNode[] | undefined): Record<string, string> | undefined {
  const d = directives?.find((x) => x.name.value === 'shard');
  if (!d) return undefined;
  const out: Record<string, string> = {};
  for (const arg of d.arguments ?? []) if (arg.value.kind === Kind.STRING) out[arg.name.value] = arg.value.value;
  return out;
}

export function shardRulesOf(subgraph: string, sdl: string): ShardRules {
  const schema = buildSubgraphSchema(parse(sdl));
  const keys = new Map<string, string>();
  const fields = new Map<string, FieldRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
    for (const node of nodes) {
      const key = shardArgs(node?.directives)?.key;
      if (key) keys.set(type.name, key);
    }
    for (const field of Object.values(type.getFields())) {
      const rule = shardArgs(field.astNode?.directives);
      if (rule) fields.set(`${type.name}.${field.name}`, { route: rule.route, merge: rule.merge });
    }
  }
  return { subgraph, schema, keys, fields };
}

/** The rules of each named subgraph from `<dir>/<name>.graphql`. */
export function readShardRules(dir: string, subgraphs: readonly string[]): Map<string, ShardRules> {
  return new Map(subgraphs.map((name) => [name, shardRulesOf(name, readFileSync(join(dir, `${name}.graphql`), 'utf8'))]));
}
