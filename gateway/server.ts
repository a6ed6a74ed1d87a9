import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { gatewayConfig } from '../common/config';
import { errorFormatter } from '../common/format-error';
import { type RunningServer, serveHttp } from '../common/http';
import type { Logger } from '../common/logger';
import { requestLogPlugin } from '../common/request-log';
import { type GatewayContext, gatewayContext } from './context';
import { healthRoute } from './health';
import { requestErrors } from './request-errors';
import { SubgraphClient } from './subgraph-client';
import { readSupergraph, subgraphEndpoints } from './supergraph';

export type GatewayConfig = ReturnType<typeof gatewayConfig>;

/** The region-wide query layer: a federation gateway over the composed supergraph. */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningServer> {
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const endpoints = subgraphEndpoints(supergraphSdl, config.subgraphUrls);
  const urls = new Map(endpoints.map((e) => [e.name, e.url]));
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name, url }) => new SubgraphClient(name, urls.get(name) ?? url ?? '', config.subgraphTimeoutMs),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: errorFormatter(logger, requestErrors),
    includeStacktraceInErrorResponses: false,
    // The process stops on signals itself: HTTP first, then Apollo, then the database.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), requestLogPlugin<GatewayContext>(logger)],
  });
  await apollo.start();
  logger.info({ subgraphs: endpoints }, 'gateway loaded the supergraph');
  return serveHttp({
    apollo,
    logger,
    port: config.port,
    host: config.host,
    maxBodyBytes: config.maxBodyBytes,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    context: gatewayContext,
    corsOrigins: config.corsOrigins,
    routes: { '/health': healthRoute(endpoints) },
  });
}
