import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchemaSync, createResolversMap } from 'type-graphql';

const FEDERATION_LINK = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external"])
`;

type ResolverMap = Record<string, Record<string, unknown>>;

function mergeResolvers(base: ResolverMap, extra: ResolverMap): ResolverMap {
  const out: ResolverMap = { ...base };
  for (const [type, fields] of Object.entries(extra)) out[type] = { ...(out[type] ?? {}), ...fields };
  return out;
}

/**
 * Builds a federation 2 subgraph schema from type-graphql classes: the classes are
 * printed with their directives (@key, @shareable …) and handed to @apollo/subgraph,
 * which adds `_entities` and `_service`. `references` holds each entity's
 * `__resolveReference`.
 */
export function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  references: ResolverMap = {},
): GraphQLSchema {
  const schema = buildSchemaSync({ ...options, skipCheck: true });
  const typeDefs = parse(FEDERATION_LINK + printSchemaWithDirectives(schema));
  const resolvers = mergeResolvers(createResolversMap(schema) as ResolverMap, references);
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
