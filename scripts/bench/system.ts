import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemConfig } from '../../common/config';
import type { Logger } from '../../common/logger';
import { lazyRegion, openSystemDatabases, prepareSubgraphDatabase } from '../databases';
import { spawnService, stopProcess, waitHealthy } from '../processes';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../../subgraphs/registry';
import { freePort, freePorts } from '../ports';

export interface BenchSystem {
  /** Base URL (no path) of each subgraph. */
  subgraphs: Record<string, string>;
  /** The committed supergraph with the subgraphs' URLs of this run. */
  supergraphPath: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL with the region seeded at `scale` (kept in `dataDir` and reused while the
 * scale stays the same) and the subgraph processes every target shares.
 */
export async function startBenchSystem(dataDir: string, scale: number, supergraph: string, logger: Logger): Promise<BenchSystem> {
  mkdirSync(dataDir, { recursive: true });
  const marker = join(dataDir, 'scale');
  const reset = !existsSync(marker) || readFileSync(marker, 'utf8').trim() !== String(scale);
  const dbs = await openSystemDatabases(
    systemConfig({ VUXHUB_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) }, SUBGRAPHS),
    logger,
  );
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopProcess(c)));
    await dbs.stop();
  };
  try {
    const region = lazyRegion(scale, logger);
    for (const def of SUBGRAPHS) await prepareSubgraphDatabase(def, dbs.urls[def.name]!, logger, { region, reset });
    writeFileSync(marker, String(scale));
    const subgraphs: Record<string, string> = {};
    const peers: Record<string, string> = {};
    const ports = await freePorts(SUBGRAPH_NAMES.length);
    for (const [i, name] of SUBGRAPH_NAMES.entries()) {
      subgraphs[name] = `http://localhost:${ports[i]!}`;
      peers[`SUBGRAPH_URL_${name.toUpperCase()}`] = `${subgraphs[name]}/graphql`;
    }
    for (const name of SUBGRAPH_NAMES) {
      const proc = spawnService(
        `subgraphs/${name}/main.js`,
        { ...peers, PORT: new URL(subgraphs[name]!).port, HOST: 'localhost', DATABASE_URL: dbs.urls[name]!, LOG_LEVEL: 'warn' },
        'ignore',
      );
      children.push(proc);
      await waitHealthy(`${subgraphs[name]}/health`, 60_000, proc);
    }
    // Every target reads the same supergraph, pointed at this run's subgraphs.
    let sdl = supergraph;
    for (const name of SUBGRAPH_NAMES) {
      sdl = sdl.replace(new RegExp(`(join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${subgraphs[name]}/graphql$2`);
    }
    const supergraphPath = join(dataDir, 'supergraph.graphql');
    writeFileSync(supergraphPath, sdl);
    return { subgraphs, supergraphPath, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
