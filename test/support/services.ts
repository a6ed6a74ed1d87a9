import type { ChildProcess } from 'node:child_process';
import { spawnService, stopProcess, waitHealthy } from '../../scripts/processes';
import { freePort } from './ports';

/** A service (gateway or subgraph) a test started from dist/ on a free port. */
export interface TestService {
  proc: ChildProcess;
  port: number;
  /** `http://localhost:<port>`, without a path. */
  base: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once the process has exited and its output is read: its exit code and when. */
  exited: Promise<{ code: number | null; at: number }>;
}

const running = new Set<TestService>();

/**
 * Spawns `script` (e.g. `gateway/main.js`) with `env` and PORT set, keeping its output;
 * unless `wait` is false, resolves once /health answers 200 (else fails with the output).
 */
export async function startService(script: string, env: Record<string, string>, wait = true): Promise<TestService> {
  const port = await freePort();
  const proc = spawnService(script, { PORT: String(port), ...env }, 'pipe');
  let output = '';
  proc.stdout?.on('data', (d) => (output += String(d)));
  proc.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    proc.once('close', (code) => resolve({ code, at: Date.now() })),
  );
  const service: TestService = { proc, port, base: `http://localhost:${port}`, output: () => output, exited };
  running.add(service);
  void exited.then(() => running.delete(service));
  if (wait) {
    try {
      await waitHealthy(`${service.base}/health`, 30_000, proc);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${output.slice(-3000)}`);
    }
  }
  return service;
}

/** Stops every service this test file started that is still running (for afterAll). */
export function stopServices(graceMs = 5000): Promise<void[]> {
  return Promise.all([...running].map((s) => stopProcess(s.proc, graceMs)));
}
