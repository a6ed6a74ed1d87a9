import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, stopServices } from './support/services';

/**
 * `npm run bench -- --smoke` runs end to end: its own PostgreSQL and subgraphs, every
 * target started and sent each operation of the mix, answering without an error. It
 * measures nothing (speed is `npm run bench`'s business, not a test's); it only shows
 * the benchmark works.
 */

jest.setTimeout(180_000);

afterAll(() => stopServices());

it('runs the smoke benchmark against every target without errors', async () => {
  const dir = join(process.env.TEST_DATA_DIR!, 'bench');
  const out = join(dir, 'out');
  const bench = startProcess('scripts/bench/main.js', { LOG_LEVEL: 'warn' }, ['--smoke', '--data-dir', dir, '--out', out]);
  const { code } = await bench.exited;
  expect({ code, output: code === 0 ? '' : bench.output() }).toEqual({ code: 0, output: '' });

  const result = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
  expect(result.settings).toMatchObject({ smoke: true, requests: 2, connections: 1, rounds: 1, warmupSeconds: 0 });
  expect(result.targets.map((t: { name: string }) => t.name)).toEqual(['ours', 'ours-uncached', 'apollo', 'hive', 'hive-router', 'direct']);
  for (const target of result.targets) {
    expect({ target: target.name, error: target.error }).toEqual({ target: target.name, error: undefined });
    const ops = Object.entries(target.operations) as [string, { requests: number; errors: number }][];
    expect(ops.length).toBe(target.name === 'direct' ? 1 : 6);
    for (const [op, r] of ops) {
      expect({ target: target.name, op, requests: r.requests, errors: r.errors }).toEqual({ target: target.name, op, requests: 2, errors: 0 });
    }
  }
  expect(readFileSync(join(out, 'latest.md'), 'utf8')).toMatch(/\| search \| ours \|/);
});
