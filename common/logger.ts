import pino, { type Logger } from 'pino';
import { logConfig } from './config';

export type { Logger };

/** Structured JSON logs; one root logger per process, named after the component. */
export function createLogger(name: string): Logger {
  const { level } = logConfig();
  return pino({
    name,
    level,
    base: { pid: process.pid, component: name },
    // Never log these even if a caller passes them by mistake.
    redact: ['req.headers.authorization', 'headers.authorization', 'personalIdentityNumber'],
  });
}
