import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, resolveByKey } from '../kit/federation';
import type { Context } from './loaders';
import { ReportRow } from './reports';
import { RESOLVERS } from './resolvers';

/** The offerings subgraph's schema; needs no database to build (the SDL is printed from it). */
export function buildOfferingsSchema(): GraphQLSchema {
  return buildFederatedSchema(
    // The report row is only extended here, never returned: listed so that it is in the schema.
    { resolvers: RESOLVERS, orphanedTypes: [ReportRow] },
    {
      Offering: { __resolveReference: resolveByKey('id', (ctx: Context, id) => ctx.loaders.offering.load(id)) },
      // Stubs of the providers subgraph's entities: the key is all this subgraph needs.
      Municipality: { __resolveReference: resolveByKey('code', async (_ctx: Context, code) => ({ code })) },
      Provider: { __resolveReference: resolveByKey('id', async (_ctx: Context, id) => ({ id })) },
      ReportRow: { __resolveReference: resolveByKey('id', async (_ctx: Context, id, ref) => ({ ...ref, id })) },
    },
  );
}
