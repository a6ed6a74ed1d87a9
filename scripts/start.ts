import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { SUBGRAPH_NAMES, type SubgraphName, authConfig, devSigningKeyPath, systemConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { ensureDevKeys } from './dev-keys';
import { lazyRegion, openSystemDatabases, prepareSubgraphDatabase } from './databases';
import { spawnService, stopProcess, waitHealthy } from './processes';
import { SUBGRAPHS } from './subgraphs';

/**
 * `npm start`: the whole system on one machine. PostgreSQL (embedded unless
 * DATABASE_URL is set), one migrated and seeded database per subgraph, each
 * subgraph and the gateway as its own process. Ctrl-C stops all of it.
 */
const logger = createLogger('start');
const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

const START_TIMEOUT_MS = 60_000;

function startService(name: string, script: string, env: Record<string, string>): ChildProcess {
  const proc = spawnService(script, env);
  children.push({ name, proc });
  proc.on('exit', (code, signal) => {
    if (stopping) {
      logger.info({ process: name, code, signal }, `${name} stopped`);
    } else {
      logger.error({ process: name, code, signal }, `${name} stopped unexpectedly; shutting down`);
      void shutdown(1);
    }
  });
  return proc;
}

let stopDatabase: () => Promise<void> = async () => {};

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('stopping');
  // The gateway first, so that requests in flight still reach their subgraphs; then the subgraphs.
  const gateway = children.filter((c) => c.name === 'gateway');
  await Promise.all(gateway.map(({ proc }) => stopProcess(proc)));
  await Promise.all(children.filter((c) => c.name !== 'gateway').map(({ proc }) => stopProcess(proc)));
  await stopDatabase().catch((err: unknown) => logger.error({ err }, 'stopping PostgreSQL failed'));
  logger.info('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  const config = systemConfig();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const started = Date.now();
  await ensureDevKeys(authConfig(), devSigningKeyPath(), logger);
  const dbs = await openSystemDatabases(config, logger);
  stopDatabase = dbs.stop;
  const region = lazyRegion(config.seedScale, logger);
  for (const def of SUBGRAPHS) {
    await prepareSubgraphDatabase(def, dbs.urls[def.name], logger, { region });
  }

  const subgraphUrls: Record<string, string> = {};
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name: SubgraphName) => {
      const port = config.subgraphPorts[name];
      const proc = startService(name, `subgraphs/${name}/main.js`, {
        PORT: String(port),
        // Only the gateway calls them on this machine.
        HOST: 'localhost',
        DATABASE_URL: dbs.urls[name],
      });
      subgraphUrls[`SUBGRAPH_URL_${name.toUpperCase()}`] = `http://localhost:${port}/graphql`;
      await waitHealthy(`http://localhost:${port}/health`, START_TIMEOUT_MS, proc);
    }),
  );
  const gateway = startService('gateway', 'gateway/main.js', { PORT: String(config.gatewayPort), ...subgraphUrls });
  await waitHealthy(`http://localhost:${config.gatewayPort}/health`, START_TIMEOUT_MS, gateway);

  const url = `http://localhost:${config.gatewayPort}/graphql`;
  logger.info({ url, ms: Date.now() - started }, 'vuxhub is running');
  process.stdout.write(`\nvuxhub is running: ${url}  (Ctrl-C stops it)\n\n`);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'start failed');
  void shutdown(1);
});
