import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { errorFormatter } from '../../common/format-error';
import { type RunningServer, sendJson, serveHttp } from '../../common/http';
import type { Logger } from '../../common/logger';
import { requestLogPlugin } from '../../common/request-log';
import type { Database } from './database';
import { databaseErrors } from './database-errors';

export interface SubgraphContext<TLoaders> {
  requestId: string;
  logger: Logger;
  db: Database;
  /** DataLoaders, made anew for every request. */
  loaders: TLoaders;
}

export interface StartSubgraphOptions<TLoaders> {
  name: string;
  schema: GraphQLSchema;
  db: Database;
  logger: Logger;
  port: number;
  host?: string;
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  createLoaders: (db: Database) => TLoaders;
}

export function createSubgraphApollo<TLoaders>(schema: GraphQLSchema, logger: Logger) {
  return new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    formatError: errorFormatter(logger, databaseErrors),
    includeStacktraceInErrorResponses: false,
    // The process stops on signals itself: HTTP first, then Apollo, then the database.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      requestLogPlugin<SubgraphContext<TLoaders>>(logger),
    ],
  });
}

/** Runs one subgraph: GraphQL at /graphql and a database-backed /health. */
export async function startSubgraph<TLoaders>(opts: StartSubgraphOptions<TLoaders>): Promise<RunningServer> {
  const apollo = createSubgraphApollo<TLoaders>(opts.schema, opts.logger);
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
    shutdownTimeoutMs: opts.shutdownTimeoutMs,
    routes: { '/health': health },
    context: async (_req, requestId) => ({
      requestId,
      logger: opts.logger.child({ requestId }),
      db: opts.db,
      loaders: opts.createLoaders(opts.db),
    }),
  });
  return running;
}

