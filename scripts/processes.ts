import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';

/**
 * Starts one compiled entry point of dist/ (a subgraph, the gateway) as its own process;
 * `detached` makes it the leader of a new process group, which its children join.
 */
export function spawnService(
  script: string,
  env: Record<string, string>,
  stdio: 'inherit' | 'ignore' | 'pipe' = 'inherit',
  opts: { args?: string[]; detached?: boolean } = {},
): ChildProcess {
  return spawn(process.execPath, ['--enable-source-maps', join(projectRoot, 'dist', script), ...(opts.args ?? [])], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdio, stdio],
    detached: opts.detached ?? false,
  });
}

/** Polls a /health URL until it answers 200; fails after `timeoutMs` or when `proc` exits first. */
export async function waitHealthy(url: string, timeoutMs: number, proc?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && (proc.exitCode !== null || proc.signalCode !== null)) {
      throw new Error(`the process behind ${url} exited (${proc.exitCode ?? proc.signalCode})`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Sends SIGTERM and resolves when the process has exited; SIGKILL after `graceMs`. */
export function stopProcess(proc: ChildProcess, graceMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}
