import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kit/federation';
import type { Context } from './loaders';
import { RESOLVERS } from './resolvers';

/** The offerings subgraph's schema; needs no database to build (the SDL is printed from it). */
export function buildOfferingsSchema(): GraphQLSchema {
  return buildFederatedSchema(
    { resolvers: RESOLVERS },
    {
      Offering: {
        __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.offering.load(ref.id),
      },
    },
  );
}
