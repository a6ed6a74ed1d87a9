import { loadPublicKeys } from '../../common/auth/keys';
import { tokenVerifier } from '../../common/auth/tokens';
import { subgraphConfig } from '../../common/config';
import { closeOnSignals, exitOnFailure, surviveUnhandledRejections } from '../../common/lifecycle';
import { createLogger } from '../../common/logger';
import { startTracing } from '../../common/observability/tracing';
import { openDatabase } from './database';
import { applyInstanceScope } from './instance-scope';
import type { SubgraphDefinition } from './definition';
import { startSubgraph } from './server';

/**
 * The `main` of a subgraph process: tracing (when OTEL_* asks), config from the
 * environment, migrate, serve, stop on signals.
 */
export function runSubgraph<TLoaders>(def: SubgraphDefinition<TLoaders>): void {
  const logger = createLogger(def.name);
  surviveUnhandledRejections(logger);
  (async () => {
    // First, before the database and the server are made.
    const tracing = startTracing(def.name, logger);
    const config = subgraphConfig(def);
    const tokens = tokenVerifier({ ...config.auth, jwks: loadPublicKeys(config.auth) });
    const db = await openDatabase({
      url: config.databaseUrl,
      logger,
      poolSize: config.poolSize,
      slowQueryMs: config.slowQueryMs,
      statementTimeoutMs: config.statementTimeoutMs,
      entities: def.entities,
      migrations: def.migrations,
      metrics: config.metrics,
    });
    if (def.sharded && def.scopedTables) await applyInstanceScope(db.dataSource, def.scopedTables, config.scope);
    const running = await startSubgraph({
      name: def.name,
      schema: def.buildSchema(),
      db,
      logger,
      port: config.port,
      host: config.host,
      maxBodyBytes: config.maxBodyBytes,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      createLoaders: def.createLoaders,
      tokens,
      limits: config.limits,
      metrics: config.metrics,
    });
    logger.info({ url: running.url, scope: config.scope }, `${def.name} subgraph ready`);
    // Requests in flight finish first (SHUTDOWN_TIMEOUT_MS at most), then the pool closes, then the last spans go.
    const closeDatabase = async () => {
      await db.dataSource.destroy();
      logger.info('database pool closed');
    };
    closeOnSignals(logger, [running.close, closeDatabase, tracing.shutdown]);
  })().catch(exitOnFailure(logger, `${def.name} subgraph`));
}
