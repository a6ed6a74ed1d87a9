import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type SubgraphName, systemConfig } from '../../common/config';
import type { Logger } from '../../common/logger';
import { lazyRegion, openSystemDatabases, prepareSubgraphDatabase } from '../databases';
import { spawnService, stopProcess, waitHealthy } from '../processes';
import { SUBGRAPHS } from '../subgraphs';
import { freePort } from '../ports';

export interface BenchSystem {
  /** Base URL (no path) of each subgraph. */
  subgraphs: Record<SubgraphName, string>;
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
    systemConfig({ VUXHUB_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) }),
    logger,
  );
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopProcess(c)));
    await dbs.stop();
  };
  try {
    const region = lazyRegion(scale, logger);
    for (const def of SUBGRAPHS) await prepareSubgraphDatabase(def, dbs.urls[def.name], logger, { region, reset });
    writeFileSync(marker, String(scale));
    const subgraphs = {} as Record<SubgraphName, string>;
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const port = await freePort();
        const proc = spawnService(
          `subgraphs/${name}/main.js`,
          { PORT: String(port), HOST: 'localhost', DATABASE_URL: dbs.urls[name], LOG_LEVEL: 'warn' },
          'ignore',
        );
        children.push(proc);
        subgraphs[name] = `http://localhost:${port}`;
        await waitHealthy(`${subgraphs[name]}/health`, 60_000, proc);
      }),
    );
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
