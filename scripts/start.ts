import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { authConfig, devSigningKeyPath, personalDataConfig, systemConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { MUNICIPALITY_CODES } from '../common/region';
import type { ShardMapFile } from '../common/shard-map';
import type { InstanceScope } from '../subgraphs/kit/instance-scope';
import { ensureDevKeys, ensureDevPersonalDataKey } from './dev-keys';
import { lazyRegion, openSystemDatabases, prepareSubgraphDatabase } from './databases';
import { spawnService, stopProcess, waitHealthy } from './processes';
import { SUBGRAPHS } from '../subgraphs/registry';

/**
 * `npm start`: the whole system on one machine. PostgreSQL (embedded unless
 * DATABASE_URL is set), one migrated and seeded database per subgraph, each
 * subgraph and the gateway as its own process. Ctrl-C stops all of it.
 * `npm start -- --own 0182,0114`: those municipalities run their own instances of the
 * sharded subgraphs (each its own process and database) and the default instances hold
 * the rest, with the gateway routing by the shard map it writes to the data directory.
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

/** Every process of the region on this machine: each sharded subgraph's default instance and municipalities' own. */
interface Planned {
  /** The process's name in the logs: the subgraph, or the subgraph and the municipality. */
  label: string;
  def: (typeof SUBGRAPHS)[number];
  port: number;
  databaseUrl: string;
  scope: InstanceScope;
  env: Record<string, string>;
}

function parseOwn(argv: string[]): string[] {
  const { values } = parseArgs({ args: argv, options: { own: { type: 'string' } } });
  if (values.own === undefined) return [];
  const codes = [...new Set(values.own.split(',').map((c) => c.trim()).filter(Boolean))];
  for (const code of codes) {
    if (!MUNICIPALITY_CODES.has(code)) throw new Error(`--own ${code}: not a Stockholm county municipality code (e.g. 0182 for Nacka)`);
  }
  return codes.sort();
}

async function main(): Promise<void> {
  const config = systemConfig(process.env, SUBGRAPHS);
  const own = parseOwn(process.argv.slice(2));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const started = Date.now();
  await ensureDevKeys(authConfig(), devSigningKeyPath(), logger);
  ensureDevPersonalDataKey(personalDataConfig(), logger);
  const dbs = await openSystemDatabases(config, logger);
  stopDatabase = dbs.stop;
  const region = lazyRegion(config.seedScale, logger);

  // The same seed gives the same region whichever municipalities run their own instances;
  // when that changes, the sharded subgraphs' data is laid out anew.
  const layoutPath = join(config.dataDir, 'layout.json');
  const layout = JSON.stringify({ own });
  const relayout = existsSync(layoutPath) && readFileSync(layoutPath, 'utf8') !== layout;
  if (relayout) logger.warn({ own }, 'the municipalities on their own instances changed: seeding the sharded subgraphs anew');

  const planned: Planned[] = [];
  for (const def of SUBGRAPHS) {
    planned.push({
      label: def.name,
      def,
      port: config.subgraphPorts[def.name]!,
      databaseUrl: dbs.urls[def.name]!,
      scope: { except: def.sharded ? own : [] },
      env: def.sharded && own.length ? { EXCLUDE_MUNICIPALITIES: own.join(',') } : {},
    });
    if (!def.sharded) continue;
    for (const code of own) {
      planned.push({
        label: `${def.name}-${code}`,
        def,
        port: config.ownInstancePortBase + planned.filter((p) => p.label.includes('-')).length,
        databaseUrl: await dbs.another(`${def.name}_${code}`),
        scope: { only: code },
        env: { MUNICIPALITY: code },
      });
    }
  }
  for (const p of planned) {
    await prepareSubgraphDatabase(p.def, p.databaseUrl, logger, { region, scope: p.scope, reset: relayout && p.def.sharded });
  }
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(layoutPath, layout);

  // Where each instance answers: every subgraph and the gateway read the shard map.
  const url = (p: Planned) => `http://localhost:${p.port}/graphql`;
  const map: ShardMapFile = {};
  for (const p of planned.filter((x) => x.def.sharded)) {
    const entry = (map[p.def.name] ??= { default: url(p) });
    if (p.scope.only) entry.municipalities = { ...entry.municipalities, [p.scope.only]: url(p) };
  }
  const shardMapPath = join(config.dataDir, 'shards.json');
  writeFileSync(shardMapPath, JSON.stringify(map, null, 2));
  const subgraphUrls: Record<string, string> = { SHARD_MAP: shardMapPath };
  for (const p of planned) if (!p.scope.only) subgraphUrls[`SUBGRAPH_URL_${p.def.name.toUpperCase()}`] = url(p);

  await Promise.all(
    planned.map(async (p) => {
      const proc = startService(p.label, `subgraphs/${p.def.name}/main.js`, {
        ...subgraphUrls,
        ...p.env,
        PORT: String(p.port),
        // Only the gateway and the other subgraphs call them on this machine.
        HOST: 'localhost',
        DATABASE_URL: p.databaseUrl,
      });
      await waitHealthy(`http://localhost:${p.port}/health`, START_TIMEOUT_MS, proc);
    }),
  );
  const gateway = startService('gateway', 'gateway/main.js', { PORT: String(config.gatewayPort), ...subgraphUrls });
  await waitHealthy(`http://localhost:${config.gatewayPort}/health`, START_TIMEOUT_MS, gateway);

  const gatewayUrl = `http://localhost:${config.gatewayPort}/graphql`;
  logger.info({ url: gatewayUrl, ms: Date.now() - started, own }, 'vuxhub is running');
  const instances = own.length ? ` (own instances: ${own.join(', ')})` : '';
  process.stdout.write(`\nvuxhub is running: ${gatewayUrl}${instances}  (Ctrl-C stops it)\n\n`);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'start failed');
  void shutdown(1);
});
