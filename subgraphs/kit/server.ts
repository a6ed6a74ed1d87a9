import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { Role, type Viewer } from '../../common/auth/roles';
import type { TokenVerifier } from '../../common/auth/tokens';
import type { queryLimitsConfig } from '../../common/config';
import { errorFormatter } from '../../common/format-error';
import { queryPolicy } from '../../common/query-policy';
import { type RunningServer, sendJson, serveHttp } from '../../common/http';
import type { Logger } from '../../common/logger';
import { reportInFlight } from '../../common/observability/in-flight';
import { countRefusal, metricsPlugin, metricsRoutes } from '../../common/observability/metrics';
import { traceGraphQLRequests, tracingEnabled, tracingPlugin } from '../../common/observability/tracing';
import { requestLogPlugin } from '../../common/request-log';
import { CacheTags, cacheTagsPlugin } from './cache-tags';
import type { Database } from './database';
import { databaseErrors } from './database-errors';

export interface SubgraphContext<TLoaders> {
  requestId: string;
  /** Who the request speaks for, from the bearer token this subgraph verified itself. */
  viewer: Viewer;
  logger: Logger;
  db: Database;
  /** DataLoaders, made anew for every request. */
  loaders: TLoaders;
  /**
   * The gateway asks for raw figures over people (it proved it with its service token in
   * `x-vuxhub-gateway`): it merges several instances' figures and suppresses after.
   */
  rawAggregates: boolean;
  /** What the answer read and what a mutation changed, for the gateway's response cache. */
  cacheTags: CacheTags;
}

/** The header the gateway proves itself with when it asks for raw figures. */
export const GATEWAY_CREDENTIAL_HEADER = 'x-vuxhub-gateway';

export interface StartSubgraphOptions<TLoaders> {
  name: string;
  schema: GraphQLSchema;
  db: Database;
  logger: Logger;
  port: number;
  host?: string;
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  createLoaders: (db: Database, viewer: Viewer) => TLoaders;
  tokens: TokenVerifier;
  limits: ReturnType<typeof queryLimitsConfig>;
  /** GraphQL metrics and GET /metrics (METRICS). */
  metrics?: boolean;
}

export function createSubgraphApollo<TLoaders>(
  schema: GraphQLSchema,
  logger: Logger,
  limits: ReturnType<typeof queryLimitsConfig>,
  metrics = false,
) {
  const policy = queryPolicy<SubgraphContext<TLoaders>>(limits);
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    ...policy.options,
    formatError: errorFormatter(logger, databaseErrors),
    includeStacktraceInErrorResponses: false,
    // The process stops on signals itself: HTTP first, then Apollo, then the database.
    stopOnTerminationSignals: false,
    plugins: [
      ...policy.plugins,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      requestLogPlugin<SubgraphContext<TLoaders>>(logger),
      cacheTagsPlugin<SubgraphContext<TLoaders>>(logger),
      ...(metrics ? [metricsPlugin<SubgraphContext<TLoaders>>()] : []),
      ...(tracingEnabled() ? [tracingPlugin<SubgraphContext<TLoaders>>()] : []),
    ],
  });
  // Continues the gateway's trace (its `traceparent`): the request's SQL spans are children of this one.
  traceGraphQLRequests(apollo, { continueIncomingTrace: true });
  return apollo;
}

/** Whether the request carries the gateway's service credential; a credential that does not verify is refused (401). */
async function isGateway(tokens: TokenVerifier, req: IncomingMessage): Promise<boolean> {
  const header = req.headers[GATEWAY_CREDENTIAL_HEADER];
  if (typeof header !== 'string') return false;
  const viewer = await tokens.verify(header.replace(/^Bearer\s+/i, ''));
  return viewer.role === Role.SERVICE && viewer.subject === 'gateway';
}

/** Runs one subgraph: GraphQL at /graphql and a database-backed /health. */
export async function startSubgraph<TLoaders>(opts: StartSubgraphOptions<TLoaders>): Promise<RunningServer> {
  const metrics = opts.metrics ?? false;
  const apollo = createSubgraphApollo<TLoaders>(opts.schema, opts.logger, opts.limits, metrics);
  await apollo.start();
  const health = async (_req: IncomingMessage, res: ServerResponse) => {
    try {
      await opts.db.dataSource.query('SELECT 1');
      sendJson(res, 200, { status: 'ok', subgraph: opts.name });
    } catch {
      sendJson(res, 503, { status: 'database unavailable', subgraph: opts.name });
    }
  };
  const running = await serveHttp({
    apollo,
    logger: opts.logger,
    port: opts.port,
    host: opts.host,
    maxBodyBytes: opts.maxBodyBytes,
    maxQueryLength: opts.limits.maxQueryLength,
    shutdownTimeoutMs: opts.shutdownTimeoutMs,
    routes: { '/health': health, ...metricsRoutes(metrics) },
    onRefused: metrics ? countRefusal : undefined,
    // The token is verified here again: an instance trusts nobody by network position.
    context: async (req, requestId) => {
      const viewer = await opts.tokens.viewerOf(req);
      return {
        requestId,
        viewer,
        logger: opts.logger.child({ requestId }),
        db: opts.db,
        loaders: opts.createLoaders(opts.db, viewer),
        rawAggregates: await isGateway(opts.tokens, req),
        cacheTags: new CacheTags(opts.name),
      };
    },
  });
  return metrics ? reportInFlight(running) : running;
}

