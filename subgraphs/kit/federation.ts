import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  isUnionType,
  parse,
} from 'graphql';
import { type BuildSchemaOptions, buildSchemaSync, createResolversMap } from 'type-graphql';
import { badUserInput } from '../../common/errors';
import { authChecker } from './auth';
import { CACHE_CONTROL_SDL, hintEntity } from './cache-control';
import { SHARD_SDL } from './shard';
import { tagsOf } from './cache-tags';
import { tagEntityReads } from './read-tags';

const FEDERATION_LINK = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])
${SHARD_SDL}
${CACHE_CONTROL_SDL}`;

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * An entity's `__resolveReference` by one string key field: a representation without a
 * usable key is refused as bad input (as a rejected promise: the other representations
 * of the batch go on), never sent to the database. The entity's cache tag is recorded
 * whether it is found or not (a change may create it).
 */
export function resolveByKey<TContext, T>(
  field: string,
  load: (ctx: TContext, key: string, ref: Record<string, unknown>) => Promise<T>,
) {
  return (ref: Record<string, unknown>, ctx: TContext, info?: GraphQLResolveInfo): Promise<T> => {
    hintEntity(info, ref.__typename);
    const key = ref[field];
    if (typeof key !== 'string' || key.length === 0 || key.length > 200 || key.includes('\u0000')) {
      return Promise.reject(badUserInput(`A representation needs a valid "${field}".`, { argumentName: 'representations' }));
    }
    tagsOf(ctx)?.read(String(ref.__typename), key);
    return load(ctx, key, ref);
  };
}

function mergeResolvers(base: ResolverMap, extra: ResolverMap): ResolverMap {
  const out: ResolverMap = { ...base };
  for (const [type, fields] of Object.entries(extra)) out[type] = { ...(out[type] ?? {}), ...fields };
  return out;
}

/**
 * Builds a federation 2 subgraph schema from type-graphql classes: the classes are
 * printed with their directives (@key, @shareable …) and handed to @apollo/subgraph,
 * which adds `_entities` and `_service`. `references` holds each entity's
 * `__resolveReference`. Every subgraph has the same auth checker (see ./auth) and tags
 * the entities it reads (see ./read-tags).
 */
export function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'authChecker'>,
  references: ResolverMap = {},
): GraphQLSchema {
  const schema = buildSchemaSync({ ...options, authChecker, skipCheck: true });
  const typeDefs = parse(FEDERATION_LINK + printSchemaWithDirectives(schema));
  const resolvers = mergeResolvers(createResolversMap(schema) as ResolverMap, references);
  const federated = tagEntityReads(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }));
  refuseUnknownEntityTypes(federated);
  return federated;
}

/**
 * `_entities` with a representation whose `__typename` names no type here is the caller's
 * mistake: refused as bad input naming the type, where @apollo/subgraph would throw a
 * plain Error (an internal error to the client).
 */
function refuseUnknownEntityTypes(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) return;
  const union = schema.getType('_Entity');
  const entityTypes = isUnionType(union) ? union.getTypes().map((t) => t.name).sort().join(', ') : '';
  const refuse = (message: string) => badUserInput(message, { argumentName: 'representations' });
  const checked: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
    for (const representation of (args as { representations: unknown[] }).representations) {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (typeof typename !== 'string') {
        throw refuse(`Each representation needs a "__typename": one of this subgraph's entity types (${entityTypes}).`);
      }
      const type = schema.getType(typename);
      if (!isObjectType(type) && !isInterfaceType(type)) {
        throw refuse(`A representation's __typename "${typename}" is not a type of this subgraph (its entity types: ${entityTypes}).`);
      }
    }
    return resolve(source, args, context, info);
  };
  field.resolve = checked;
}
