import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../common/logger';

/** The message a worker sends when its response cache must be emptied, and the primary passes on. */
export const CACHE_CLEAR = 'vuxhub:response-cache-clear';

/**
 * The gateway on several cores: `count` worker processes share the port (node:cluster).
 * The primary serves nothing itself: it passes cache invalidations from one worker to
 * the others, replaces a worker that dies, and on SIGTERM/SIGINT lets every worker shut
 * down gracefully before it exits.
 */
export function runWorkers(count: number, logger: Logger, shutdownTimeoutMs: number): void {
  let stopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if ((message as { type?: unknown })?.type !== CACHE_CLEAR) return;
      for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker) other.send({ type: CACHE_CLEAR });
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ worker: worker.process.pid, code, signal }, 'gateway worker stopped; starting another');
      fork();
    });
    return worker;
  };
  for (let i = 0; i < count; i++) fork();
  logger.info({ workers: count }, 'gateway workers started');

  const stop = (signal: string) => {
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
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
