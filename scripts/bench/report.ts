import type { LoadResult } from './load';

export interface TargetResult {
  name: string;
  label: string;
  /** Why the target did not run, when it did not. */
  error?: string;
  peakMemoryMiB?: number;
  operations: Record<string, LoadResult>;
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  settings: {
    scale: number;
    connections: number;
    seconds: number;
    rounds: number;
    warmupSeconds: number;
    quick: boolean;
    smoke?: boolean;
    /** Requests per operation and target instead of `seconds` (a smoke run). */
    requests?: number;
  };
  operations: { name: string; description: string }[];
  targets: TargetResult[];
}

const fixed = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));

/** The result as Markdown: one table of every target and operation, then the ratios ours/peer. */
export function markdown(result: BenchResult): string {
  const { machine, settings } = result;
  const run = settings.requests
    ? `${settings.requests} requests per operation and target (smoke run: it shows the benchmark works and measures nothing)`
    : `${settings.rounds} round(s) of ${settings.seconds} s after ${settings.warmupSeconds} s of warm-up, median quoted${settings.quick ? ' (quick mode)' : ''}`;
  const lines = [
    `Benchmark of ${result.date}: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
      `seed scale ${settings.scale}, ${settings.connections} connections, ${run}.`,
    '',
    '| operation | target | req/s | p50 ms | p95 ms | p99 ms | errors |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const op of result.operations) {
    for (const t of result.targets) {
      const r = t.operations[op.name];
      if (!r) continue;
      lines.push(`| ${op.name} | ${t.name} | ${fixed(r.requestsPerSecond, 0)} | ${fixed(r.p50)} | ${fixed(r.p95)} | ${fixed(r.p99)} | ${r.errors} |`);
    }
  }
  // A smoke run's figures compare nothing.
  const peers = settings.requests ? [] : result.targets.filter((t) => !t.name.startsWith('ours') && t.name !== 'direct' && !t.error);
  const direct = settings.requests ? undefined : result.targets.find((t) => t.name === 'direct');
  for (const mine of result.targets.filter((t) => t.name.startsWith('ours') && !t.error)) {
    if (peers.length) {
      lines.push('', `| operation | ${peers.map((p) => `${mine.name} / ${p.name} (req/s)`).join(' | ')} |`, `|---|${peers.map(() => '---:').join('|')}|`);
      for (const op of result.operations) {
        const m = mine.operations[op.name];
        if (!m) continue;
        const cells = peers.map((p) => {
          const theirs = p.operations[op.name];
          return theirs ? `${fixed(m.requestsPerSecond / theirs.requestsPerSecond, 2)}×` : '–';
        });
        lines.push(`| ${op.name} | ${cells.join(' | ')} |`);
      }
    }
    for (const op of result.operations) {
      const m = mine.operations[op.name];
      const floor = direct?.operations[op.name];
      if (m && floor) {
        lines.push('', `${op.name}: ${mine.name} p50 ${fixed(m.p50)} ms, the subgraph called directly ${fixed(floor.p50)} ms (${fixed(m.p50 / floor.p50, 2)}×).`);
      }
    }
  }
  lines.push('', '| target | peak memory MiB |', '|---|---:|');
  for (const t of result.targets) {
    lines.push(`| ${t.name}: ${t.label} | ${t.error ? `did not run: ${t.error.replace(/\|/g, '/').slice(0, 120)}` : fixed(t.peakMemoryMiB, 0)} |`);
  }
  return `${lines.join('\n')}\n`;
}
