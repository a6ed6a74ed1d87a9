import pino, { type Logger } from 'pino';
import { logConfig } from './config';

export type { Logger };

/** Error serialisation without the values a failed SQL statement was given: they can be personal data. */
function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  delete out.parameters;
  delete out.driverError;
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
