import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, resolveByKey } from '../kit/federation';
import { DecisionResolver } from './decisions';
import { ApplicantFieldsResolver, ApplicationFieldsResolver } from './fields';
import type { Context } from './loaders';
import { ApplicationQueryResolver } from './queries';
import { canSee } from './scope';
import { MunicipalityStatsResolver, OfferingStatsResolver, ProviderStatsResolver } from './stats';
import { CompensationResolver, ReportRow, ReportRowApplicationsResolver } from './reports';
import { SubmissionResolver } from './submit';

export const RESOLVERS = [
  ApplicationQueryResolver,
  ApplicationFieldsResolver,
  ApplicantFieldsResolver,
  SubmissionResolver,
  DecisionResolver,
  OfferingStatsResolver,
  MunicipalityStatsResolver,
  ProviderStatsResolver,
  ReportRowApplicationsResolver,
  CompensationResolver,
] as const;

/** The applications subgraph's schema; needs no database to build (the SDL is printed from it). */
export function buildApplicationsSchema(): GraphQLSchema {
  return buildFederatedSchema(
    // The report row is only extended here, never returned: listed so that it is in the schema.
    { resolvers: RESOLVERS, orphanedTypes: [ReportRow] },
    {
      Application: {
        __resolveReference: resolveByKey('id', async (ctx: Context, id) => {
          const app = await ctx.loaders.application.load(id);
          return app && canSee(ctx.viewer, app) ? app : null;
        }),
      },
      // Stubs of other subgraphs' entities: the key (and what a field requires) is all this subgraph needs.
      Offering: { __resolveReference: resolveByKey('id', async (_ctx: Context, id, ref) => ({ id, seatsLeft: ref.seatsLeft })) },
      Municipality: { __resolveReference: resolveByKey('code', async (_ctx: Context, code) => ({ code })) },
      Provider: { __resolveReference: resolveByKey('id', async (_ctx: Context, id) => ({ id })) },
      // The providers subgraph's report row, with the scope this subgraph's figures require.
      ReportRow: { __resolveReference: resolveByKey('id', async (_ctx: Context, id, ref) => ({ ...ref, id })) },
    },
  );
}
