import pino, { type Logger } from 'pino';
import { logConfig } from './config';

export type { Logger };

/** Fields of a PostgreSQL error (copied onto TypeORM's QueryFailedError) that can quote a row's values. */
const VALUE_FIELDS = ['parameters', 'driverError', 'detail', 'where', 'hint', 'internalQuery'];

/** A PostgreSQL error: it has a five-character SQLSTATE. */
const isDatabaseError = (out: Record<string, unknown>) => typeof out.code === 'string' && /^[0-9A-Z]{5}$/.test(out.code);

/**
 * Error serialisation without the values a failed SQL statement was given or met: they
 * can be personal data. A database error keeps its SQLSTATE, table, column and
 * constraint; the quoted values in its message ("invalid input syntax for type date:
 * \"…\"") are blanked.
 */
function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  for (const field of VALUE_FIELDS) delete out[field];
  if (isDatabaseError(out) && typeof out.message === 'string') {
    out.message = out.message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
    if (typeof out.stack === 'string') out.stack = out.stack.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
  }
  return out;
}

/** Structured JSON logs; one root logger per process, named after the component (stdout unless told). */
export function createLogger(name: string, destination?: pino.DestinationStream): Logger {
  const { level } = logConfig();
  const options: pino.LoggerOptions = {
    name,
    level,
    base: { pid: process.pid, component: name },
    serializers: { err: serializeError },
    // Never log these even if a caller passes them by mistake.
    redact: ['req.headers.authorization', 'headers.authorization', 'personalIdentityNumber'],
  };
  return destination ? pino(options, destination) : pino(options);
}
