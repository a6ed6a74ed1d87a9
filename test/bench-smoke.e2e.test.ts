import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';

/**
 * `npm run bench -- --quick` runs end to end: its own PostgreSQL and subgraphs, every
 * target answering the whole mix without an error. It measures nothing here (speed is
 * the benchmark's business, not a test's); it only shows the benchmark works.
 */

jest.setTimeout(240_000);

it('runs the quick benchmark against every target without errors', async () => {
  const dir = join(process.env.TEST_DATA_DIR!, 'bench');
  const out = join(dir, 'out');
  const args = ['--quick', '--seconds', '0.5', '--connections', '4', '--data-dir', dir, '--out', out];
  const proc = spawn(process.execPath, [join(projectRoot, 'dist', 'scripts', 'bench', 'main.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });

  const result = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
  expect(result.targets.map((t: { name: string }) => t.name)).toEqual(['ours', 'ours-uncached', 'apollo', 'hive', 'hive-router', 'direct']);
  for (const target of result.targets) {
    expect({ target: target.name, error: target.error }).toEqual({ target: target.name, error: undefined });
    const ops = Object.entries(target.operations) as [string, { requests: number; errors: number }][];
    expect(ops.length).toBe(target.name === 'direct' ? 1 : 6);
    for (const [op, r] of ops) {
      expect({ target: target.name, op, errors: r.errors }).toEqual({ target: target.name, op, errors: 0 });
      expect(r.requests).toBeGreaterThan(0);
    }
  }
  expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(/\| search \| ours \|/);
});
