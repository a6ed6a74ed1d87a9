import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { authConfig, devSigningKeyPath, personalDataConfig, systemConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { projectRoot } from '../../common/paths';
import { ensureDevKeys, ensureDevPersonalDataKey } from '../../scripts/dev-keys';
import { lazyRegion, openSystemDatabases, prepareSubgraphDatabase } from '../../scripts/databases';
import { isRunning } from '../../scripts/postgres';
import { spawnService, stopProcess, waitHealthy } from '../../scripts/processes';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../../subgraphs/registry';
import { freePort, freePorts } from './ports';

/**
 * Once per test run: a fresh embedded PostgreSQL with one seeded database per
 * subgraph, and the real subgraph and gateway processes (from dist/) on free ports.
 * Their URLs reach the tests through the environment.
 */
export default async function globalSetup(): Promise<void> {
  // One directory per run, so that two runs in one checkout never share a database.
  const testRoot = join(projectRoot, '.data', 'test');
  pruneFinishedRuns(testRoot);
  const dataDir = join(testRoot, `run-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  process.env.TEST_DATA_DIR = dataDir;
  // Every process the run starts keeps its state here (and never reads a developer's .data).
  process.env.VUXHUB_DATA_DIR = dataDir;
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  process.env.LOG_LEVEL ??= 'warn';
  const logger = createLogger('test-setup');
  // A key pair of the test run's own; every process started from here verifies with it.
  process.env.AUTH_JWKS_PATH = join(dataDir, 'auth', 'jwks.json');
  process.env.AUTH_DEV_SIGNING_KEY_PATH = join(dataDir, 'auth', 'signing-key.json');
  await ensureDevKeys(authConfig(), devSigningKeyPath());
  // And a personal data key of its own.
  process.env.PERSONAL_DATA_KEY_PATH = join(dataDir, 'keys', 'personal-data.key');
  ensureDevPersonalDataKey(personalDataConfig());
  const config = systemConfig(
    {
      VUXHUB_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
    },
    SUBGRAPHS,
  );
  const dbs = await openSystemDatabases(config, logger);
  const children: ChildProcess[] = [];
  (globalThis as Record<string, unknown>).__vuxhubTest = { children, stopDatabase: dbs.stop };
  try {
    // The day the data is generated for, so that a test can generate the same again.
    const seedDay = new Date();
    process.env.TEST_SEED_DAY = seedDay.toISOString();
    const region = lazyRegion(1, logger, seedDay);
    for (const def of SUBGRAPHS) await prepareSubgraphDatabase(def, dbs.urls[def.name]!, logger, { region });
    await startServices(dbs.urls, dataDir, children);
  } catch (err) {
    // jest runs no teardown after a failed setup: stop what did start.
    await Promise.all(children.map((c) => stopProcess(c)));
    await dbs.stop();
    throw err;
  }
}

/** Removes the directories of earlier runs whose process has ended (a run's own stays for its logs). */
function pruneFinishedRuns(root: string): void {
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    const pid = /^run-(\d+)$/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(root, name), { recursive: true, force: true });
    else if (!pid) rmSync(join(root, name), { recursive: true, force: true });
  }
}

async function startServices(urls: Record<string, string>, dataDir: string, children: ChildProcess[]): Promise<void> {
  const start = async (name: string, script: string, env: Record<string, string>, port: number) => {
    const proc = spawnService(script, { ...env, PORT: String(port), LOG_LEVEL: 'info' }, 'pipe');
    const log = createWriteStream(join(dataDir, 'logs', `${name}.log`));
    proc.stdout?.pipe(log);
    proc.stderr?.pipe(log);
    children.push(proc);
    await waitHealthy(`http://localhost:${port}/health`, 30_000, proc);
    return `http://localhost:${port}`;
  };
  // Every subgraph is told where the others answer (applications asks offerings for facts).
  const overrides: Record<string, string> = {};
  const free = await freePorts(SUBGRAPH_NAMES.length + 1);
  const ports: Record<string, number> = {};
  for (const [i, name] of SUBGRAPH_NAMES.entries()) {
    ports[name] = free[i]!;
    overrides[`SUBGRAPH_URL_${name.toUpperCase()}`] = `http://localhost:${ports[name]}/graphql`;
    process.env[`TEST_${name.toUpperCase()}_URL`] = `http://localhost:${ports[name]}`;
    process.env[`TEST_DATABASE_URL_${name.toUpperCase()}`] = urls[name];
  }
  // The tests' own in-process subgraphs reach their peers the same way.
  Object.assign(process.env, overrides);
  for (const name of SUBGRAPH_NAMES) {
    await start(name, `subgraphs/${name}/main.js`, { ...overrides, DATABASE_URL: urls[name]! }, ports[name]!);
  }
  process.env.TEST_GATEWAY_URL = await start('gateway', 'gateway/main.js', overrides, free.at(-1)!);
}
