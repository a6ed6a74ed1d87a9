import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { authConfig, devSigningKeyPath, personalDataConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { projectRoot } from '../../common/paths';
import { ensureDevKeys, ensureDevPersonalDataKey } from '../dev-keys';
import { type LoadResult, drive, median } from './load';
import { FILTER, type Operation, operations } from './operations';
import { type BenchResult, type TargetResult, markdown } from './report';
import { startBenchSystem } from './system';
import { peakMemoryMiB, targets } from './targets';

/** --smoke: the requests per operation and target, and the seed scale (enough matches for the mix's later page). */
const SMOKE_REQUESTS = 2;
const SMOKE_SCALE = 0.25;

const USAGE = `usage: npm run bench [-- --quick | --smoke] [--scale N] [--seconds S] [--rounds N] [--connections C] [--targets a,b] [--data-dir DIR] [--out DIR]
  Starts PostgreSQL seeded at --scale (10; --quick: 1) and the subgraphs, then drives each
  target (ours, apollo, hive, hive-router, direct) with the operation mix, one target at a
  time on the same subgraphs and data. Writes <out>/latest.json and latest.md (bench/results).
  --smoke: the smallest run that shows the benchmark works, measuring nothing: the least
  data, no warm-up, each operation sent ${SMOKE_REQUESTS} times per target on one connection.`;

function numberOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

async function post(url: string, op: Pick<Operation, 'query' | 'variables'>): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (!res.ok || body.errors || !body.data) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.data;
}

/** A cursor a few pages into the search, and an offering to show in detail, from this run's data. */
async function fixtures(offeringsUrl: string): Promise<{ cursor: string; detailId: string }> {
  const page = `query($filter: OfferingFilter, $after: String) { offerings(filter: $filter, orderBy: RELEVANCE, first: 20, after: $after) {
    pageInfo { endCursor hasNextPage } edges { node { id } } } }`;
  let after: string | null = null;
  let detailId = '';
  for (let i = 0; i < 3; i++) {
    const data = await post(`${offeringsUrl}/graphql`, { query: page, variables: { filter: FILTER, after } });
    detailId ||= data.offerings.edges[0]?.node.id;
    if (!data.offerings.pageInfo.hasNextPage) break;
    after = data.offerings.pageInfo.endCursor;
  }
  if (!after || !detailId) throw new Error('the seeded data has too few matches for the benchmark');
  return { cursor: after, detailId };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      scale: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      targets: { type: 'string' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const { quick, smoke } = values;
  if (quick && smoke) throw new Error('--quick or --smoke, not both');
  const settings = {
    quick,
    smoke,
    scale: numberOption(values.scale, smoke ? SMOKE_SCALE : quick ? 1 : 10, 'scale'),
    seconds: numberOption(values.seconds, quick ? 1 : 10, 'seconds'),
    rounds: numberOption(values.rounds, quick || smoke ? 1 : 3, 'rounds'),
    connections: numberOption(values.connections, smoke ? 1 : quick ? 20 : 100, 'connections'),
    warmupSeconds: smoke ? 0 : quick ? 1 : 3,
    /** Each operation sent this many times instead of for `seconds` (--smoke). */
    requests: smoke ? SMOKE_REQUESTS : undefined,
  };
  const dataDir = values['data-dir'] ?? join(projectRoot, '.data', 'bench');
  const outDir = values.out ?? join(projectRoot, 'bench', 'results');
  const logger = createLogger('bench');

  // The bench's own development keys: every process it starts verifies tokens with them.
  process.env.AUTH_JWKS_PATH = join(dataDir, 'auth', 'jwks.json');
  process.env.AUTH_DEV_SIGNING_KEY_PATH = join(dataDir, 'auth', 'signing-key.json');
  await ensureDevKeys(authConfig(), devSigningKeyPath());
  // And its own personal data key, kept with the data it seals.
  process.env.PERSONAL_DATA_KEY_PATH = join(dataDir, 'keys', 'personal-data.key');
  ensureDevPersonalDataKey(personalDataConfig());

  const supergraph = readFileSync(join(projectRoot, 'schema', 'supergraph.graphql'), 'utf8');
  logger.info(settings, 'starting the system');
  const system = await startBenchSystem(dataDir, settings.scale, supergraph, logger);
  const result: BenchResult = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings,
    operations: [],
    targets: [],
  };
  try {
    const offeringsUrl = system.subgraphs.offerings!;
    const { cursor, detailId } = await fixtures(offeringsUrl);
    const mix = operations(cursor, detailId);
    result.operations = mix.map(({ name, description }) => ({ name, description }));
    const wanted = values.targets?.split(',').map((t) => t.trim());
    for (const target of targets(system.supergraphPath, offeringsUrl, {})) {
      if (wanted && !wanted.includes(target.name)) continue;
      const entry: TargetResult = { name: target.name, label: target.label, operations: {} };
      result.targets.push(entry);
      const ops = mix.filter((op) => !target.oneSubgraphOnly || op.oneSubgraph);
      let running;
      try {
        running = await target.start();
      } catch (err) {
        entry.error = err instanceof Error ? err.message : String(err);
        logger.warn({ target: target.name, err: entry.error }, 'target did not start; going on without it');
        continue;
      }
      try {
        for (const op of ops) await post(running.url, op); // every answer checked once before load
        const bodies = new Map(ops.map((op) => [op.name, JSON.stringify({ query: op.query, variables: op.variables })]));
        if (settings.warmupSeconds > 0) {
          for (const op of ops) await drive(running.url, bodies.get(op.name)!, settings.connections, { seconds: settings.warmupSeconds });
        }
        const length = settings.requests ? { requests: settings.requests } : { seconds: settings.seconds };
        const rounds = new Map<string, LoadResult[]>(ops.map((op) => [op.name, []]));
        for (let round = 0; round < settings.rounds; round++) {
          for (const op of ops) {
            const r = await drive(running.url, bodies.get(op.name)!, settings.connections, length);
            rounds.get(op.name)!.push(r);
            logger.info({ target: target.name, op: op.name, round, rps: Math.round(r.requestsPerSecond), p99: r.p99 }, 'measured');
          }
        }
        for (const [name, list] of rounds) entry.operations[name] = median(list);
        entry.peakMemoryMiB = peakMemoryMiB(running.proc?.pid);
      } catch (err) {
        entry.error = err instanceof Error ? err.message : String(err);
        logger.error({ target: target.name, err: entry.error }, 'target failed');
      } finally {
        await running.stop();
      }
    }
  } finally {
    await system.stop();
  }
  mkdirSync(outDir, { recursive: true });
  const table = markdown(result);
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.md'), table);
  process.stdout.write(`\n${table}\nwritten to ${join(outDir, 'latest.json')} and latest.md\n`);
  if (result.targets.some((t) => t.name !== 'hive-router' && t.error)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
