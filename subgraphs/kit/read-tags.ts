import {
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLSchema,
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
} from 'graphql';
import { type CacheTags, entityKeys, tagsOf } from './cache-tags';

/**
 * Read tags without code in the resolvers: the fields that return entities (object
 * types with `@key`) or connections of entities have their resolver wrapped once, when
 * the schema is built. Every other field (scalars, plain objects) keeps its resolver
 * as it is and costs nothing. Entities reached through `_entities` are tagged in
 * resolveByKey (./federation.ts); the fields resolved on them need nothing more. An
 * entity that may come as an interface or a union is tagged by the fields resolved on it.
 */

type Resolver = GraphQLFieldResolver<unknown, unknown>;

/** The entity a Relay connection type lists (`edges { node }`), if it is one. */
function connectionOf(type: GraphQLNamedType, keys: Map<string, string>): string | undefined {
  const edges = isObjectType(type) ? type.getFields().edges : undefined;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  const entity = node && getNamedType(node.type).name;
  return entity && keys.has(entity) ? entity : undefined;
}

const isPromiseLike = (v: unknown): v is PromiseLike<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

/** Tags each entity of a resolved value (a list's items too); a key it cannot read stands as the type. */
function tagValue(tags: CacheTags, type: string, keyField: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) tagValue(tags, type, keyField, item);
  } else if (isPromiseLike(value)) {
    value.then((v) => tagValue(tags, type, keyField, v), () => undefined);
  } else {
    const key = (value as Record<string, unknown>)[keyField];
    if (typeof key === 'string' || typeof key === 'number') tags.read(type, String(key));
    else tags.read(type);
  }
}

function entityField(type: string, keyField: string, list: boolean, atRoot: boolean, resolve: Resolver): Resolver {
  const tag = (tags: CacheTags, value: unknown) => {
    tagValue(tags, type, keyField, value);
    // A root lookup that found nothing may find something after any change of the type.
    if (atRoot && (value === null || value === undefined)) tags.read(type);
  };
  return (source, args, ctx, info) => {
    const result = resolve(source, args, ctx, info);
    const tags = tagsOf(ctx);
    if (!tags) return result;
    // A list may change when any of its type changes.
    if (list) tags.read(type);
    if (!isPromiseLike(result)) {
      tag(tags, result);
      return result;
    }
    return Promise.resolve(result).then((value) => {
      tag(tags, value);
      return value;
    });
  };
}

function connectionField(type: string, resolve: Resolver): Resolver {
  return (source, args, ctx, info) => {
    tagsOf(ctx)?.read(type);
    return resolve(source, args, ctx, info);
  };
}

function parentField(type: string, keyField: string, resolve: Resolver): Resolver {
  return (source, args, ctx, info) => {
    const key = (source as Record<string, unknown> | null)?.[keyField];
    tagsOf(ctx)?.read(type, typeof key === 'string' || typeof key === 'number' ? String(key) : undefined);
    return resolve(source, args, ctx, info);
  };
}

function tagged(field: GraphQLField<unknown, unknown>, atRoot: boolean, keys: Map<string, string>): Resolver | undefined {
  const named = getNamedType(field.type);
  const resolve = field.resolve ?? defaultFieldResolver;
  const keyField = keys.get(named.name);
  if (keyField !== undefined) return entityField(named.name, keyField, isListType(getNullableType(field.type)), atRoot, resolve);
  const listed = connectionOf(named, keys);
  return listed ? connectionField(listed, resolve) : undefined;
}

/** Wraps, in place, the resolvers of the schema's fields that return entities or connections of them. */
export function tagEntityReads(schema: GraphQLSchema): GraphQLSchema {
  const keys = entityKeys(schema);
  const root = schema.getQueryType();
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  // `_entities` (the _Entity union) tags its own; other interfaces and unions leave it to the entity's fields.
  const abstract = new Set<string>();
  for (const t of types) if (isAbstractType(t) && t.name !== '_Entity') for (const m of schema.getPossibleTypes(t)) abstract.add(m.name);
  for (const type of types) {
    if (!isObjectType(type)) continue;
    const keyField = abstract.has(type.name) ? keys.get(type.name) : undefined;
    for (const field of Object.values(type.getFields())) {
      let resolve = tagged(field, type === root, keys);
      if (keyField !== undefined) resolve = parentField(type.name, keyField, resolve ?? field.resolve ?? defaultFieldResolver);
      if (resolve) field.resolve = resolve;
    }
  }
  return schema;
}
