import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../common/logger';

const QUICK_DEATH_MS = 10_000;
const MAX_QUICK_DEATHS = 3;

/**
 * What a worker sends when answers must leave the response caches, and the primary
 * passes on to the other workers: those holding any of `tags`, or every one without tags.
 */
export const CACHE_EVICT = 'vuxhub:response-cache-evict';
export interface CacheEvict {
  type: typeof CACHE_EVICT;
  tags?: string[];
}

export function isCacheEvict(message: unknown): message is CacheEvict {
  const m = message as Partial<CacheEvict> | null;
  return m?.type === CACHE_EVICT && (m.tags === undefined || (Array.isArray(m.tags) && m.tags.every((t) => typeof t === 'string')));
}

/**
 * The gateway on several cores: `count` worker processes share the port (node:cluster).
 * The primary serves nothing itself: it passes cache invalidations from one worker to
 * the others, replaces a worker that dies (and gives up, exit 1, when workers keep dying
 * as they start), and on SIGTERM/SIGINT lets every worker shut down gracefully before it
 * exits.
 */
export function runWorkers(count: number, logger: Logger, shutdownTimeoutMs: number): void {
  let stopping = false;
  // Workers that died soon after they started, in a row: a worker that cannot start (no
  // supergraph, no keys, the port taken) would otherwise be forked again for ever.
  let quickDeaths = 0;
  const fork = (): Worker => {
    const startedAt = Date.now();
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (!isCacheEvict(message)) return;
      for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker) other.send(message);
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      quickDeaths = Date.now() - startedAt < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      if (quickDeaths >= MAX_QUICK_DEATHS) {
        logger.error({ code, signal }, `gateway workers keep failing as they start; giving up`);
        stop('worker failures', 1);
        return;
      }
      logger.error({ worker: worker.process.pid, code, signal }, 'gateway worker stopped; starting another');
      setTimeout(fork, quickDeaths * 1000);
    });
    return worker;
  };
  for (let i = 0; i < count; i++) fork();
  logger.info({ workers: count }, 'gateway workers started');

  const stop = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down the gateway workers');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const exited = workers.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
    for (const w of workers) w.process.kill('SIGTERM');
    const deadline = setTimeout(() => {
      logger.error('gateway workers did not stop in time');
      process.exit(1);
    }, shutdownTimeoutMs + 5000);
    void Promise.all(exited).then(() => {
      clearTimeout(deadline);
      process.exit(exitCode);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
