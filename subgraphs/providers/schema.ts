import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, resolveByKey } from '../kit/federation';
import type { Context } from './loaders';
import { reportRowById } from './reports';
import { RESOLVERS } from './resolvers';

/** The providers subgraph's schema; needs no database to build (the SDL is printed from it). */
export function buildProvidersSchema(): GraphQLSchema {
  return buildFederatedSchema(
    { resolvers: RESOLVERS },
    {
      Municipality: { __resolveReference: resolveByKey('code', (ctx: Context, code) => ctx.loaders.municipality.load(code)) },
      Provider: { __resolveReference: resolveByKey('id', (ctx: Context, id) => ctx.loaders.provider.load(id)) },
      Site: { __resolveReference: resolveByKey('id', (ctx: Context, id) => ctx.loaders.site.load(id)) },
      ReportRow: { __resolveReference: resolveByKey('id', (ctx: Context, id) => reportRowById(ctx, id)) },
    },
  );
}
