import type { GraphQLResolveInfo } from 'graphql';

/**
 * Cache hints the subgraphs give (Apollo's `@cacheControl`): the public catalogue may be
 * kept for a minute by the gateway's response cache and by HTTP caches; anything scoped
 * to a person or a role is private and kept nowhere. The gateway combines the hints of
 * every subgraph answer (the shortest maxAge, private if any part is).
 */
export const CATALOGUE_MAX_AGE_S = 60;
export const PUBLIC_CATALOGUE = `@cacheControl(maxAge: ${CATALOGUE_MAX_AGE_S})`;
export const PRIVATE = '@cacheControl(maxAge: 0, scope: PRIVATE)';

/** The directive's definition, part of every subgraph's SDL. */
export const CACHE_CONTROL_SDL = `
enum CacheControlScope { PUBLIC PRIVATE }
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;

interface CacheControlInfo {
  cacheControl?: {
    cacheHint: { restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
    cacheHintFromType(type: unknown): { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE'; inheritMaxAge?: boolean } | undefined;
  };
}

/**
 * `_entities` returns a union, which carries no hint of its own: each representation
 * resolved restricts the call's policy by its type's hint (no hint: not cacheable).
 */
export function hintEntity(info: GraphQLResolveInfo | undefined, typename: unknown): void {
  const control = (info as (GraphQLResolveInfo & CacheControlInfo) | undefined)?.cacheControl;
  if (!control || !info || typeof typename !== 'string') return;
  const hint = control.cacheHintFromType(info.schema.getType(typename));
  // A type without a hint of its own is not cacheable (Apollo answers `{}` for it).
  control.cacheHint.restrict(hint?.maxAge === undefined ? { maxAge: 0 } : hint);
}
