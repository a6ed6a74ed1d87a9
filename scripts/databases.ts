import { join } from 'node:path';
import type { systemConfig } from '../common/config';
import type { Logger } from '../common/logger';
import { openDatabase } from '../subgraphs/kit/database';
import type { SubgraphDefinition } from '../subgraphs/kit/definition';
import { generateRegion } from './seed/generate';
import type { InstanceScope } from '../subgraphs/kit/instance-scope';
import type { RegionData } from '../subgraphs/kit/region-data';
import { SUBGRAPH_NAMES } from '../subgraphs/registry';
import { databaseUrl, ensureDatabase } from './pg-admin';
import { startEmbeddedPostgres } from './postgres';

type SystemConfig = ReturnType<typeof systemConfig>;

export interface SystemDatabases {
  /** A further database on the same server (a municipality's own instance), created when missing. */
  another(name: string): Promise<string>;
  /** Each subgraph's database, by subgraph name. */
  urls: Record<string, string>;
  /** Where the embedded server keeps its data, when it is the embedded one. */
  embeddedDir?: string;
  stop(): Promise<void>;
}

/**
 * One database per subgraph: on the embedded PostgreSQL by default, or on the server
 * DATABASE_URL names (databases `<its name>_<subgraph>`), or exactly DATABASE_URL_<SUBGRAPH>.
 */
export async function openSystemDatabases(config: SystemConfig, logger: Logger): Promise<SystemDatabases> {
  let serverUrl = config.databaseUrl;
  let stop = async () => {};
  let embeddedDir: string | undefined;
  const needServer = SUBGRAPH_NAMES.some((n) => !config.databaseUrls[n]);
  if (needServer && !serverUrl) {
    embeddedDir = join(config.dataDir, 'postgres');
    const embedded = await startEmbeddedPostgres(embeddedDir, config.embeddedPostgresPort, logger);
    serverUrl = embedded.serverUrl;
    stop = embedded.stop;
  }
  const base = serverUrl ? new URL(serverUrl).pathname.replace(/^\//, '') || 'vuxhub' : 'vuxhub';
  const urls: Record<string, string> = {};
  try {
    for (const name of SUBGRAPH_NAMES) {
      const own = config.databaseUrls[name];
      if (own) {
        urls[name] = own;
      } else if (serverUrl) {
        const dbName = `${base === 'postgres' ? 'vuxhub' : base}_${name}`;
        await ensureDatabase(serverUrl, dbName);
        urls[name] = databaseUrl(serverUrl, dbName);
      }
    }
  } catch (err) {
    // Nobody else could stop the embedded server this started.
    await stop();
    throw err;
  }
  const another = async (name: string) => {
    if (!serverUrl) throw new Error(`no server for database ${name}: set DATABASE_URL`);
    const dbName = `${base === 'postgres' ? 'vuxhub' : base}_${name}`;
    await ensureDatabase(serverUrl, dbName);
    return databaseUrl(serverUrl, dbName);
  };
  return { urls, embeddedDir, stop, another };
}

export interface PrepareOptions {
  /** Generates the region's data when a database turns out to be empty. */
  region: () => RegionData;
  /** For an instance of a sharded subgraph: the municipalities it holds. */
  scope?: InstanceScope;
  reset?: boolean;
}

/** Migrates a subgraph's database and seeds it when empty (or when reset). */
export async function prepareSubgraphDatabase(
  def: SubgraphDefinition<unknown>,
  url: string,
  logger: Logger,
  opts: PrepareOptions,
): Promise<void> {
  // Bulk inserts are slow by design here; only the subgraphs' own queries are judged by SLOW_QUERY_MS.
  const db = await openDatabase({ url, logger, entities: def.entities, migrations: def.migrations, slowQueryMs: 60_000 });
  try {
    let last = 0;
    const seeded = await def.seed(db.dataSource, opts.region, {
      scope: opts.scope,
      reset: opts.reset,
      onProgress: (done, total) => {
        if (total >= 20_000 && (done - last >= 10_000 || done === total)) {
          last = done;
          logger.info(`seeding ${def.name}: ${done} of ${total} rows`);
        }
      },
    });
    if (seeded !== false) logger.info(`seeded ${def.name}: ${seeded}`);
  } finally {
    await db.dataSource.destroy();
  }
}

/** The region's data for `today`, generated at most once per process. */
export function lazyRegion(scale: number, logger: Logger, today: Date = new Date()): () => RegionData {
  let data: RegionData | undefined;
  return () => {
    if (!data) {
      const started = Date.now();
      data = generateRegion({ scale, today });
      const counts = { offerings: data.offerings.length, applicants: data.applicants.length, applications: data.applications.length };
      logger.info({ ...counts, ms: Date.now() - started, scale }, 'generated the seed data');
    }
    return data;
  };
}
