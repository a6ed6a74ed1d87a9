import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { projectRoot } from '../../common/paths';
import { stopProcess } from '../processes';
import { freePort } from '../ports';

export interface RunningTarget {
  url: string;
  /** The process to read peak memory from (and its children); none for a subgraph called directly. */
  proc?: ChildProcess;
  stop(): Promise<void>;
}

export interface Target {
  name: string;
  label: string;
  /** Runs only the operations one subgraph can answer. */
  oneSubgraphOnly?: boolean;
  start(): Promise<RunningTarget>;
}

/** Waits until a GraphQL endpoint answers `{ __typename }`; fails early when the process exits. */
async function waitForGraphQL(url: string, proc: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`exited (${proc.exitCode ?? proc.signalCode}): ${output().slice(-500)}`);
    }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
        signal: AbortSignal.timeout(1000),
      });
      if (res.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Starts a compiled script of dist/ with arguments and environment, output kept for errors. */
async function startProcess(script: string, args: string[], env: Record<string, string>, url: (port: number) => string) {
  const port = await freePort();
  const proc = spawn(process.execPath, [join(projectRoot, 'dist', script), ...args.map((a) => a.replace('{port}', String(port)))], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  proc.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const endpoint = url(port);
  try {
    await waitForGraphQL(endpoint, proc, () => output);
  } catch (err) {
    await stopProcess(proc, 2000);
    throw err;
  }
  return { url: endpoint, proc, stop: () => stopProcess(proc, 5000) };
}

export function targets(supergraphPath: string, offeringsUrl: string, gatewayEnv: Record<string, string>): Target[] {
  const graphql = (port: number) => `http://localhost:${port}/graphql`;
  return [
    {
      name: 'ours',
      label: 'vuxhub gateway',
      start: () => startProcess('gateway/main.js', [], { SUPERGRAPH_PATH: supergraphPath, LOG_LEVEL: 'warn', ...gatewayEnv }, graphql),
    },
    {
      name: 'ours-uncached',
      label: 'vuxhub gateway, response cache off',
      start: () =>
        startProcess('gateway/main.js', [], { SUPERGRAPH_PATH: supergraphPath, LOG_LEVEL: 'warn', ...gatewayEnv, RESPONSE_CACHE_MB: '0' }, graphql),
    },
    {
      name: 'apollo',
      label: '@apollo/gateway + @apollo/server, defaults',
      start: () => startProcess('scripts/bench/peers/apollo.js', [supergraphPath, '{port}'], {}, (p) => `http://localhost:${p}/`),
    },
    {
      name: 'hive',
      label: 'Hive Gateway (gateway-runtime)',
      start: () => startProcess('scripts/bench/peers/hive.js', [supergraphPath, '{port}'], {}, graphql),
    },
    {
      name: 'hive-router',
      label: 'Hive Gateway with the Rust query planner (router-runtime)',
      start: () => startProcess('scripts/bench/peers/hive.js', [supergraphPath, '{port}', '--router'], {}, graphql),
    },
    {
      name: 'direct',
      label: 'offerings subgraph, called directly',
      oneSubgraphOnly: true,
      start: async () => ({ url: `${offeringsUrl}/graphql`, stop: async () => {} }),
    },
  ];
}

/** Peak resident memory (VmHWM) of a process and its children, in MiB; undefined off Linux. */
export function peakMemoryMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    let children: number[] = [];
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) children = children.concat(list.split(/\s+/).map(Number));
    }
    return children.reduce((sum, child) => sum + (peakMemoryMiB(child) ?? 0), kb / 1024);
  } catch {
    return undefined;
  }
}
