import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphEnv, subgraphUrl } from './support/graphql';
import { startService, stopServices } from './support/services';
import { token } from './support/tokens';
import { metric, untilMetric } from './support/waits';

/**
 * Identical subgraph requests in flight at once are sent once: a gateway of this test's
 * own (response cache off) in front of a stand-in offerings subgraph that counts what it
 * receives and holds its answers until the requests of a test are all in flight.
 */

const received: { body: string; authorization?: string }[] = [];
/** While set, the stand-in holds its GraphQL answers until it resolves. */
let gate: Promise<void> | undefined;
let fake: Server;
let base = '';
const SHARED = 'vuxhub_subgraph_fetches_shared_total{subgraph="offerings"}';

beforeAll(async () => {
  fake = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      // The gateway's readiness probe asks every subgraph `{ __typename }`.
      if (body.includes('{ __typename }')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { __typename: 'Query' } }));
        return;
      }
      received.push({ body, authorization: req.headers.authorization });
      const data = body.includes('updateOffering') ? { updateOffering: { id: '0180-000001' } } : { offerings: { totalCount: 7 } };
      const answer = () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data }));
      };
      if (gate && req.method === 'POST') void gate.then(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  // Its /health asks the stand-in too, which answers everything: beforeEach forgets those.
  base = (
    await startService('gateway/main.js', {
      LOG_LEVEL: 'warn',
      RESPONSE_CACHE_MB: '0',
      ...subgraphEnv(),
      SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
      SUBGRAPH_URL_OFFERINGS: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`,
    })
  ).base;
});

afterAll(async () => {
  await stopServices();
  fake.closeAllConnections();
  fake.close();
});

/**
 * Sends the requests at once, the stand-in holding its answers until `settled` resolves:
 * until the gateway has shared what it will share, or sent what it will send.
 */
async function held<T>(requests: () => Promise<T>[], settled: () => Promise<unknown>): Promise<T[]> {
  let release!: () => void;
  gate = new Promise((resolve) => (release = resolve));
  try {
    const pending = requests();
    await settled();
    release();
    return await Promise.all(pending);
  } finally {
    release();
    gate = undefined;
  }
}

async function ask(query: string, bearer?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: any; errors?: unknown };
}

beforeEach(() => {
  received.length = 0;
});

it('sends ten identical queries in flight at once to the subgraph once, and answers all ten', async () => {
  const before = await metric(base, SHARED);
  // Answered once the other nine have joined the first (or a second one reached the stand-in).
  const answers = await held(
    () => Array.from({ length: 10 }, () => ask('{ offerings(first: 1) { totalCount } }')),
    () => untilMetric(base, SHARED, before + 9, () => received.length > 1),
  );
  for (const a of answers) expect(a).toEqual({ data: { offerings: { totalCount: 7 } } });
  expect(received).toHaveLength(1);
  expect(await metric(base, SHARED)).toBe(before + 9);
});

it('never shares between different tokens', async () => {
  const [a, b] = [await token({ role: 'statistician', sub: 's-1' }), await token({ role: 'statistician', sub: 's-2' })];
  const before = await metric(base, SHARED);
  // Answered once each token's second request has joined its first (or a third reached the stand-in).
  await held(
    () => [a, a, b, b].map((t) => ask('{ offerings(first: 1) { totalCount } }', t)),
    () => untilMetric(base, SHARED, before + 2, () => received.length > 2),
  );
  expect(received).toHaveLength(2);
  expect(new Set(received.map((r) => r.authorization)).size).toBe(2);
});

it('never shares mutations', async () => {
  const admin = await token({ role: 'admin' });
  const change = 'mutation { updateOffering(id: "0180-000001", input: { seats: 3 }) { id } }';
  const before = await metric(base, SHARED);
  // Answered once both have reached the stand-in (or one was shared).
  const answers = await held(
    () => [ask(change, admin), ask(change, admin)],
    () => untilMetric(base, SHARED, before + 1, () => received.length >= 2),
  );
  for (const a of answers) expect(a.errors).toBeUndefined();
  expect(received).toHaveLength(2);
  expect(await metric(base, SHARED)).toBe(before);
});
