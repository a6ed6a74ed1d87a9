import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { ShardMapFile } from '../../common/shard-map';
import { prepareSubgraphDatabase } from '../../scripts/databases';
import { databaseUrl, ensureDatabase } from '../../scripts/pg-admin';
import { spawnService, stopProcess, waitHealthy } from '../../scripts/processes';
import type { RegionData } from '../../subgraphs/kit/region-data';
import { subgraphNamed } from '../../subgraphs/registry';
import { freePorts } from './ports';

/**
 * A deployment of a test's own: the sharded subgraphs (offerings, applications) with a
 * default instance and the given municipalities on instances of their own, each its own
 * process with its own database seeded from `region`, and a gateway routing over them by
 * a shard map file. With no municipality of its own it is the one-instance region. The
 * providers subgraph (regional) is the test run's.
 */
export interface Deployment {
  /** The gateway's base URL. */
  gateway: string;
  shardMapPath: string;
  /** By subgraph, then `default` or the municipality code. */
  instances: Map<string, Map<string, Instance>>;
  instance(subgraph: string, which: string): Instance;
  /** Kills an instance (SIGKILL) and resolves once it has exited. */
  kill(subgraph: string, which: string): Promise<void>;
  /** Starts a killed instance again on its port and waits until it answers. */
  restart(subgraph: string, which: string): Promise<void>;
  /** Rewrites the shard map file (the gateway reloads it). */
  writeShardMap(map: ShardMapFile): void;
  shardMap: ShardMapFile;
  gatewayOutput(): string;
  /** Sends the gateway a signal (SIGHUP: read the shard map again). */
  signalGateway(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export interface Instance {
  base: string;
  databaseUrl: string;
  proc?: ChildProcess;
  env: Record<string, string>;
  output: string[];
}

const SHARDED = ['offerings', 'applications'];

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL_OFFERINGS;
  if (!url) throw new Error('no test database server');
  return url;
}

export async function startDeployment(name: string, own: readonly string[], region: () => RegionData): Promise<Deployment> {
  const logger = pino({ level: 'warn' });
  const dir = join(process.env.TEST_DATA_DIR ?? '.data', name);
  mkdirSync(dir, { recursive: true });
  const shardMapPath = join(dir, 'shards.json');
  const instances = new Map<string, Map<string, Instance>>();
  const plan = SHARDED.flatMap((subgraph) => ['default', ...own].map((which) => ({ subgraph, which })));
  const ports = await freePorts(plan.length + 1);
  const children = new Set<ChildProcess>();
  const gatewayOutput: string[] = [];

  const run = async (script: string, env: Record<string, string>, output: string[], base: string): Promise<ChildProcess> => {
    const proc = spawnService(script, { LOG_LEVEL: 'warn', ...env }, 'pipe');
    children.add(proc);
    proc.once('exit', () => children.delete(proc));
    proc.stdout?.on('data', (d) => output.push(String(d)));
    proc.stderr?.on('data', (d) => output.push(String(d)));
    try {
      // No deadline of its own: jest's timeout bounds it (a loaded machine starts slowly).
      await waitHealthy(`${base}/health`, Number.POSITIVE_INFINITY, proc);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${output.join('').slice(-3000)}`);
    }
    return proc;
  };
  const stop = async () => {
    await Promise.all([...children].map((p) => stopProcess(p, 5000)));
  };
  const instance = (subgraph: string, which: string) => {
    const found = instances.get(subgraph)?.get(which);
    if (!found) throw new Error(`no ${subgraph} instance ${which}`);
    return found;
  };

  try {
    await Promise.all(
      plan.map(async ({ subgraph, which }, i) => {
        const dbName = `${name}_${subgraph}_${which}`;
        await ensureDatabase(serverUrl(), dbName);
        const url = databaseUrl(serverUrl(), dbName);
        const scope = which === 'default' ? { except: [...own] } : { only: which };
        await prepareSubgraphDatabase(subgraphNamed(subgraph)!, url, logger, { region, scope });
        const base = `http://localhost:${ports[i]}`;
        const env: Record<string, string> = {
          DATABASE_URL: url,
          PORT: String(ports[i]),
          HOST: 'localhost',
          SHARD_MAP: shardMapPath,
          ...(which === 'default' ? { EXCLUDE_MUNICIPALITIES: own.join(',') } : { MUNICIPALITY: which }),
        };
        const byWhich = instances.get(subgraph) ?? new Map<string, Instance>();
        instances.set(subgraph, byWhich);
        byWhich.set(which, { base, databaseUrl: url, env, output: [] });
      }),
    );
    const map: ShardMapFile = {};
    for (const subgraph of SHARDED) {
      map[subgraph] = {
        default: `${instance(subgraph, 'default').base}/graphql`,
        ...(own.length ? { municipalities: Object.fromEntries(own.map((c) => [c, `${instance(subgraph, c).base}/graphql`])) } : {}),
      };
    }
    const writeShardMap = (m: ShardMapFile) => writeFileSync(shardMapPath, JSON.stringify(m, null, 2));
    writeShardMap(map);
    await Promise.all(
      plan.map(async ({ subgraph, which }) => {
        const inst = instance(subgraph, which);
        inst.proc = await run(`subgraphs/${subgraph}/main.js`, inst.env, inst.output, inst.base);
      }),
    );
    const gateway = `http://localhost:${ports.at(-1)}`;
    const gatewayProc = await run(
      'gateway/main.js',
      {
        PORT: String(ports.at(-1)),
        SHARD_MAP: shardMapPath,
        SUBGRAPH_URL_PROVIDERS: `${process.env.TEST_PROVIDERS_URL}/graphql`,
        SUBGRAPH_URL_OFFERINGS: map.offerings!.default,
        SUBGRAPH_URL_APPLICATIONS: map.applications!.default,
        RESPONSE_CACHE_MB: '0',
        LOG_LEVEL: 'info',
      },
      gatewayOutput,
      gateway,
    );
    return {
      gateway,
      shardMapPath,
      instances,
      instance,
      shardMap: map,
      writeShardMap,
      gatewayOutput: () => gatewayOutput.join(''),
      signalGateway: (signal) => void gatewayProc.kill(signal),
      async kill(subgraph, which) {
        const proc = instance(subgraph, which).proc;
        if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGKILL');
        await exited;
      },
      async restart(subgraph, which) {
        const inst = instance(subgraph, which);
        inst.proc = await run(`subgraphs/${subgraph}/main.js`, inst.env, inst.output, inst.base);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
