import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, resolveByKey } from '../kit/federation';
import type { Context } from './loaders';
import { RESOLVERS } from './resolvers';

/** The offerings subgraph's schema; needs no database to build (the SDL is printed from it). */
export function buildOfferingsSchema(): GraphQLSchema {
  return buildFederatedSchema(
    { resolvers: RESOLVERS },
    {
      Offering: { __resolveReference: resolveByKey('id', (ctx: Context, id) => ctx.loaders.offering.load(id)) },
      // Stubs of the providers subgraph's entities: the key is all this subgraph needs.
      Municipality: { __resolveReference: resolveByKey('code', async (_ctx: Context, code) => ({ code })) },
      Provider: { __resolveReference: resolveByKey('id', async (_ctx: Context, id) => ({ id })) },
    },
  );
}
