import type { ChildProcess } from 'node:child_process';
import { runInThisContext } from 'node:vm';
import { spawnService, waitHealthy } from '../../scripts/processes';
import { freePort } from './ports';

/** A process a test started from dist/ (a gateway, a subgraph, `npm start`), leading its own process group. */
export interface TestProcess {
  proc: ChildProcess;
  /** Everything the process (and its children) wrote to stdout and stderr so far. */
  output(): string;
  /** What it wrote to stdout alone, and to stderr alone. */
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited and its output is read: its exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first match of `pattern` in the output as it arrives; fails when the output ends without one. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** A service (gateway or subgraph) on a free port. */
export interface TestService extends TestProcess {
  port: number;
  /** `http://localhost:<port>`, without a path. */
  base: string;
}

export interface StartOptions {
  /** Wait until /health answers 200 (default); fails if the process exits first. */
  wait?: boolean;
  /** Command-line arguments, given the port. */
  args?: (port: number) => string[];
}

interface Running {
  service: TestProcess;
  leaderExited: Promise<void>;
}

const running = new Map<TestProcess['proc'], Running>();

/**
 * The process groups every test file of this jest process has started: killed when the
 * process ends or is interrupted, so that Ctrl-C leaves nothing behind. Kept on the real
 * `process` (jest gives each test file a copy whose listeners hear no signals), once.
 */
function liveGroups(): Set<number> {
  const host = runInThisContext('process') as NodeJS.Process & { [GROUPS]?: Set<number> };
  if (host[GROUPS]) return host[GROUPS];
  const groups = new Set<number>();
  const killAll = () => groups.forEach((pgid) => signalGroup(pgid, 'SIGKILL'));
  host.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    host.once(signal, () => {
      killAll();
      host.kill(host.pid, signal);
    });
  }
  host[GROUPS] = groups;
  return groups;
}
const GROUPS = Symbol.for('vuxhub.test.processGroups');

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group has ended
  }
}

/** Spawns `script` (e.g. `scripts/start.js`) with `env` as the leader of a new process group, keeping its output. */
export function startProcess(script: string, env: Record<string, string>, args: string[] = []): TestProcess {
  const proc = spawnService(script, env, 'pipe', { args, detached: true });
  const pgid = proc.pid!;
  const groups = liveGroups();
  groups.add(pgid);
  let output = '';
  const streams = { stdout: '', stderr: '' };
  const watchers = new Set<() => void>();
  const append = (stream: keyof typeof streams) => (chunk: string) => {
    output += chunk;
    streams[stream] += chunk;
    watchers.forEach((check) => check());
  };
  proc.stdout?.setEncoding('utf8').on('data', append('stdout'));
  proc.stderr?.setEncoding('utf8').on('data', append('stderr'));
  const leaderExited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('close', (code, signal) => resolve({ code, signal })),
  );
  const waitForOutput = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match && watchers.delete(check)) resolve(match);
      };
      watchers.add(check);
      check();
      void exited.then(({ code, signal }) => {
        if (watchers.delete(check)) {
          reject(new Error(`the process ended (${code ?? signal}) before its output showed ${pattern}:\n${output.slice(-3000)}`));
        }
      });
    });
  const service: TestProcess = {
    proc,
    output: () => output,
    stdout: () => streams.stdout,
    stderr: () => streams.stderr,
    exited,
    waitForOutput,
  };
  running.set(proc, { service, leaderExited });
  void exited.then(() => {
    running.delete(proc);
    groups.delete(pgid);
  });
  return service;
}

/** Runs a command-line script of dist/ (e.g. `scripts/token.js`) to its end: its exit code and what it wrote. */
export async function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  const run = startProcess(script, env, args);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/**
 * Spawns `script` (e.g. `gateway/main.js`) with `env` and PORT set on a free port; unless
 * `wait` is false, resolves once /health answers 200 (else stops it and fails with its output).
 */
export async function startService(script: string, env: Record<string, string>, opts: StartOptions = {}): Promise<TestService> {
  const port = await freePort();
  const started = startProcess(script, { PORT: String(port), ...env }, opts.args?.(port));
  const service: TestService = { ...started, port, base: `http://localhost:${port}` };
  if (opts.wait ?? true) {
    try {
      // No deadline of its own: jest's timeout bounds it.
      await waitHealthy(`${service.base}/health`, Number.POSITIVE_INFINITY, service.proc);
    } catch (err) {
      await stopService(service);
      throw new Error(`${(err as Error).message}\n${service.output().slice(-3000)}`);
    }
  }
  return service;
}

/**
 * Stops one process: SIGTERM to it (it stops its own children in order), SIGKILL to its
 * whole group after `graceMs`, and SIGKILL to whatever of the group is left once it has
 * exited; resolves when its output has ended.
 */
export async function stopService({ proc }: TestProcess, graceMs = 5000): Promise<void> {
  const entry = running.get(proc);
  if (!entry) return;
  const pgid = proc.pid!;
  if (proc.exitCode === null && proc.signalCode === null) {
    const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs);
    proc.kill('SIGTERM');
    await entry.leaderExited;
    clearTimeout(timer);
  }
  signalGroup(pgid, 'SIGKILL');
  await entry.service.exited;
}

/** Stops every process this test file started that is still running (for afterAll/afterEach/finally). */
export async function stopServices(graceMs = 5000): Promise<void> {
  await Promise.all([...running.values()].map(({ service }) => stopService(service, graceMs)));
}
