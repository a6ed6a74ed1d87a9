import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { loadPublicKeys } from '../common/auth/keys';
import { tokenVerifier } from '../common/auth/tokens';
import type { gatewayConfig } from '../common/config';
import { errorFormatter } from '../common/format-error';
import { type RunningServer, serveHttp } from '../common/http';
import type { Logger } from '../common/logger';
import { reportInFlight } from '../common/observability/in-flight';
import { countRefusal, metricsPlugin, metricsRoutes } from '../common/observability/metrics';
import { subgraphFetchObserver } from '../common/observability/subgraph-fetch';
import { traceGraphQLRequests, tracingEnabled, tracingPlugin } from '../common/observability/tracing';
import { queryPolicy } from '../common/query-policy';
import { requestLogPlugin } from '../common/request-log';
import { catalogueRoutes } from './catalogue/routes';
import { type GatewayContext, gatewayContext } from './context';
import { graphiqlRoutes } from './graphiql';
import { healthRoutes } from './health';
import { startShardRouting } from './shards/routing';
import { requestErrors } from './request-errors';
import { responseCache } from './response-cache';
import { loadSafelist, safelistPlugin, safelistQueryCache } from './safelist';
import { SubgraphClient } from './subgraph-client';
import { readSupergraph, subgraphEndpoints } from './supergraph';

export type GatewayConfig = ReturnType<typeof gatewayConfig>;

/** The region-wide query layer: a federation gateway over the composed supergraph. */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningServer> {
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const endpoints = subgraphEndpoints(supergraphSdl, config.subgraphUrls);
  const urls = new Map(endpoints.map((e) => [e.name, e.url]));
  const tokens = tokenVerifier({ ...config.auth, jwks: loadPublicKeys(config.auth) });
  const plugins: ApolloServerPlugin<GatewayContext>[] = [ApolloServerPluginLandingPageDisabled()];
  const safelist = config.safelistPath ? loadSafelist(config.safelistPath, config.limits) : undefined;
  if (safelist) {
    // Before the request log, so that the log has the refusal's code.
    plugins.push(safelistPlugin<GatewayContext>(safelist));
    logger.info({ operations: safelist.size }, 'only safelisted operations run');
  }
  const policy = queryPolicy<GatewayContext>(config.limits);
  plugins.push(...policy.plugins, requestLogPlugin<GatewayContext>(logger));
  if (config.responseCacheMaxBytes > 0) plugins.push(responseCache({ maxBytes: config.responseCacheMaxBytes, logger, metrics: config.metrics }));
  if (config.metrics) plugins.push(metricsPlugin<GatewayContext>());
  if (tracingEnabled()) plugins.push(tracingPlugin<GatewayContext>());
  const observeFetch = subgraphFetchObserver({ metrics: config.metrics });
  const client = (name: string, url: string) =>
    new SubgraphClient(name, url, config.subgraphTimeoutMs, observeFetch, config.shareIdenticalRequests);
  const shards = await startShardRouting(config, endpoints, logger, client);
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name, url }) => shards.router(name) ?? client(name, urls.get(name) ?? url ?? ''),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...policy.options,
    // With a safelist, a hash names a listed operation and nothing else can be registered.
    ...(safelist ? { persistedQueries: { cache: safelistQueryCache(safelist) } } : {}),
    formatError: errorFormatter(logger, requestErrors),
    includeStacktraceInErrorResponses: false,
    // The process stops on signals itself: HTTP first, then Apollo, then the database.
    stopOnTerminationSignals: false,
    plugins,
  });
  // A client's traceparent is not trusted: each request starts a trace of its own, linked to the client's.
  traceGraphQLRequests(apollo, { continueIncomingTrace: false });
  await apollo.start();
  logger.info({ subgraphs: endpoints }, 'gateway loaded the supergraph');
  // Apollo's own landing page stays disabled; GraphiQL comes from the installed packages.
  const graphiql = config.graphiql ? graphiqlRoutes() : undefined;
  const running = await serveHttp({
    apollo,
    logger,
    port: config.port,
    host: config.host,
    maxBodyBytes: config.maxBodyBytes,
    maxQueryLength: config.limits.maxQueryLength,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    context: gatewayContext(tokens, () => shards.store.current()),
    corsOrigins: config.corsOrigins,
    onRefused: config.metrics ? countRefusal : undefined,
    routes: { ...healthRoutes(endpoints, shards.store), ...catalogueRoutes(), ...graphiql?.assets, ...metricsRoutes(config.metrics) },
    browserPage: graphiql?.page,
  });
  return config.metrics ? reportInFlight(running) : running;
}
