import type { Logger } from './logger';

/** Runs the closers in order on SIGTERM/SIGINT, then exits (1 if a closer failed). */
export function closeOnSignals(logger: Logger, closers: (() => Promise<void>)[]): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    (async () => {
      for (const close of closers) await close();
    })()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * A promise nobody awaited that rejects (a DataLoader batch whose request already
 * failed, say) is logged, not fatal: one bad request must not stop a server.
 */
export function surviveUnhandledRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
}

/** Logs a fatal start-up error and exits, for the `main` of every process. */
export function exitOnFailure(logger: Logger, what: string) {
  return (err: unknown) => {
    logger.fatal({ err }, `${what} failed`);
    process.exit(1);
  };
}
