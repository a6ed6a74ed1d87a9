import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLSchema, Kind, isObjectType } from 'graphql';
import type { Logger } from '../../common/logger';

/** Tags by type; a tag's text is made once, when the answer is sent. */
class TagSet {
  private readonly types = new Set<string>();
  private readonly keys = new Map<string, Set<string>>();

  add(type: string, key?: string): void {
    if (key === undefined) {
      this.types.add(type);
      return;
    }
    let keys = this.keys.get(type);
    if (!keys) this.keys.set(type, (keys = new Set()));
    keys.add(key);
  }

  get empty(): boolean {
    return this.types.size === 0 && this.keys.size === 0;
  }

  /** Every type named, with a key or without. */
  typeNames(): Set<string> {
    return new Set([...this.types, ...this.keys.keys()]);
  }

  list(subgraph: string): string[] {
    const tags = [...this.types].map((type) => `${subgraph}:${type}`);
    for (const [type, keys] of this.keys) for (const key of keys) tags.push(`${subgraph}:${type}:${key}`);
    return tags;
  }
}

/**
 * Cache tags (surrogate keys): what an answer was made of and what a change touched, so
 * that the gateway's response cache drops exactly the answers a change may have made
 * stale. A tag is `<subgraph>:<Type>:<key>` (that entity as this subgraph knows it) or
 * `<subgraph>:<Type>` (lists of that type: any change to any of them may change the list).
 * Queries report theirs in `extensions.cacheTags`, mutations in `extensions.invalidates`.
 * One collector per request, on its context.
 */
export class CacheTags {
  private readonly reads = new TagSet();
  private readonly changes = new TagSet();
  /** Changes this subgraph made in another one's data (through a service call), as full tags. */
  private readonly elsewhere = new Set<string>();

  constructor(private readonly subgraph: string) {}

  /** The answer holds this entity (with a key) or a list of this type (without). */
  read(type: string, key?: string): void {
    this.reads.add(type, key);
  }

  changed(type: string, key?: string): void {
    this.changes.add(type, key);
  }

  changedIn(subgraph: string, type: string, key?: string): void {
    this.elsewhere.add(key === undefined ? `${subgraph}:${type}` : `${subgraph}:${type}:${key}`);
  }

  /** `cacheTags` for a query's answer, `invalidates` for a mutation's, when there are any. */
  extensions(mutation: boolean, entities: ReadonlySet<string>, logger: Logger): Record<string, string[]> | undefined {
    if (!mutation) return this.reads.empty ? undefined : { cacheTags: this.reads.list(this.subgraph) };
    if (this.changes.empty) return undefined;
    const unknown = [...this.changes.typeNames()].filter((t) => !entities.has(t));
    if (!unknown.length) return { invalidates: [...this.changes.list(this.subgraph), ...this.elsewhere] };
    logger.error({ types: unknown }, 'a change named types that are not entities; every cached answer goes');
    return undefined;
  }
}

/** A request context that may carry the collector (a subgraph server's always does). */
export interface TaggedContext {
  cacheTags?: CacheTags;
}

export const tagsOf = (ctx: unknown): CacheTags | undefined => (ctx as TaggedContext | null | undefined)?.cacheTags;

/**
 * What a mutation changed: `changed(ctx, 'Offering', id)` for that offering,
 * `changed(ctx, 'Offering')` when lists of offerings may change too (a filter or search
 * over a changed field, an offering added or removed). A mutation that declares nothing
 * makes the gateway empty its whole cache.
 */
export function changed(ctx: TaggedContext, type: string, key?: string): void {
  ctx.cacheTags?.changed(type, key);
}

/** What a mutation changed in another subgraph's data, through a service call to it (seats, a cancellation). */
export function changedIn(ctx: TaggedContext, subgraph: string, type: string, key?: string): void {
  ctx.cacheTags?.changedIn(subgraph, type, key);
}

/** Each entity type's key field, read from its first `@key`. */
export function entityKeys(schema: GraphQLSchema): Map<string, string> {
  const keys = new Map<string, string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const key = [type.astNode, ...type.extensionASTNodes].flatMap((n) => n?.directives ?? []).find((d) => d.name.value === 'key');
    if (!key) continue;
    const fields = key.arguments?.find((a) => a.name.value === 'fields')?.value;
    const field = fields?.kind === Kind.STRING ? fields.value.trim() : '';
    if (!/^\w+$/.test(field)) throw new Error(`${type.name}: cache tags need a key of one field, not "${field}"`);
    keys.set(type.name, field);
  }
  return keys;
}

const entityNames = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** The schema's entity types, which are all that answers are tagged by. */
function entitiesOf(schema: GraphQLSchema): ReadonlySet<string> {
  let names = entityNames.get(schema);
  if (!names) entityNames.set(schema, (names = new Set(entityKeys(schema).keys())));
  return names;
}

/**
 * Writes the request's tags into the response's `extensions` (none when there are none).
 * A change named by a type that is not an entity matches no answer's tags: the mutation
 * then declares nothing, so that the gateway empties its whole cache rather than keep
 * stale answers.
 */
export function cacheTagsPlugin<TContext extends TaggedContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, response, schema }) {
          if (!contextValue.cacheTags || response.body.kind !== 'single') return;
          const tags = contextValue.cacheTags.extensions(operation?.operation === 'mutation', entitiesOf(schema), logger);
          if (tags) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, ...tags };
        },
      };
    },
  };
}
