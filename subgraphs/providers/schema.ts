import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kit/federation';
import type { Context } from './loaders';
import { RESOLVERS } from './resolvers';

/** The providers subgraph's schema; needs no database to build (the SDL is printed from it). */
export function buildProvidersSchema(): GraphQLSchema {
  return buildFederatedSchema(
    { resolvers: RESOLVERS },
    {
      Municipality: {
        __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.municipality.load(ref.code),
      },
      Provider: {
        __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.provider.load(ref.id),
      },
      Site: {
        __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.site.load(ref.id),
      },
    },
  );
}
