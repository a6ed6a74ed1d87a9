import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type SubgraphName, systemConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { projectRoot } from '../common/paths';
import { lazyRegion, openSystemDatabases, prepareSubgraphDatabase } from './databases';
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

function spawnProcess(name: string, script: string, env: Record<string, string>): ChildProcess {
  const proc = spawn(process.execPath, ['--enable-source-maps', join(projectRoot, 'dist', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push({ name, proc });
  proc.on('exit', (code, signal) => {
    if (!stopping) {
      logger.error({ process: name, code, signal }, `${name} stopped unexpectedly; shutting down`);
      void shutdown(1);
    }
  });
  return proc;
}

async function waitHealthy(name: string, url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopped');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${START_TIMEOUT_MS / 1000} s`);
}

let stopDatabase: () => Promise<void> = async () => {};

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('stopping');
  await Promise.all(
    children.map(
      ({ proc }) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          proc.once('exit', () => resolve());
          proc.kill('SIGTERM');
        }),
    ),
  );
  await stopDatabase().catch((err: unknown) => logger.error({ err }, 'stopping PostgreSQL failed'));
  logger.info('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  const config = systemConfig();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const started = Date.now();
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
      spawnProcess(name, `subgraphs/${name}/main.js`, { PORT: String(port), DATABASE_URL: dbs.urls[name] });
      subgraphUrls[`SUBGRAPH_URL_${name.toUpperCase()}`] = `http://localhost:${port}/graphql`;
      await waitHealthy(name, `http://localhost:${port}/health`);
    }),
  );
  spawnProcess('gateway', 'gateway/main.js', { PORT: String(config.gatewayPort), ...subgraphUrls });
  await waitHealthy('gateway', `http://localhost:${config.gatewayPort}/health`);

  const url = `http://localhost:${config.gatewayPort}/graphql`;
  logger.info({ url, ms: Date.now() - started }, 'vuxhub is running');
  process.stdout.write(`\nvuxhub is running: ${url}  (Ctrl-C stops it)\n\n`);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'start failed');
  void shutdown(1);
});
