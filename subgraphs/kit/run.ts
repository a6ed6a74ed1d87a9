import { loadPublicKeys } from '../../common/auth/keys';
import { tokenVerifier } from '../../common/auth/tokens';
import { subgraphConfig } from '../../common/config';
import { closeOnSignals, exitOnFailure, surviveUnhandledRejections } from '../../common/lifecycle';
import { createLogger } from '../../common/logger';
import { openDatabase } from './database';
import type { SubgraphDefinition } from './definition';
import { startSubgraph } from './server';

/** The `main` of a subgraph process: config from the environment, migrate, serve, stop on signals. */
export function runSubgraph<TLoaders>(def: SubgraphDefinition<TLoaders>): void {
  const logger = createLogger(def.name);
  surviveUnhandledRejections(logger);
  (async () => {
    const config = subgraphConfig(def.name);
    const tokens = tokenVerifier({ ...config.auth, jwks: loadPublicKeys(config.auth) });
    const db = await openDatabase({
      url: config.databaseUrl,
      logger,
      poolSize: config.poolSize,
      slowQueryMs: config.slowQueryMs,
      statementTimeoutMs: config.statementTimeoutMs,
      entities: def.entities,
      migrations: def.migrations,
    });
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
    });
    logger.info({ url: running.url, municipality: config.municipality }, `${def.name} subgraph ready`);
    closeOnSignals(logger, [running.close, () => db.dataSource.destroy()]);
  })().catch(exitOnFailure(logger, `${def.name} subgraph`));
}
