import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphUrl } from './support/graphql';
import { startService, stopServices } from './support/services';
import { token } from './support/tokens';

/**
 * Identical subgraph requests in flight at once are sent once: a gateway of this test's
 * own (response cache off) in front of a stand-in offerings subgraph that counts what it
 * receives and answers after 300 ms.
 */

const received: { body: string; authorization?: string }[] = [];
let fake: Server;
let base = '';

beforeAll(async () => {
  fake = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      received.push({ body, authorization: req.headers.authorization });
      const data = body.includes('updateOffering') ? { updateOffering: { id: '0180-000001' } } : { offerings: { totalCount: 7 } };
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data }));
      }, 300);
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  // Its /health asks the stand-in too, which answers everything: beforeEach forgets those.
  base = (
    await startService('gateway/main.js', {
      LOG_LEVEL: 'warn',
      RESPONSE_CACHE_MB: '0',
      SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
      SUBGRAPH_URL_OFFERINGS: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`,
    })
  ).base;
});

afterAll(async () => {
  await stopServices();
  fake.close();
});

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
  const answers = await Promise.all(Array.from({ length: 10 }, () => ask('{ offerings(first: 1) { totalCount } }')));
  for (const a of answers) expect(a).toEqual({ data: { offerings: { totalCount: 7 } } });
  expect(received).toHaveLength(1);
});

it('never shares between different tokens', async () => {
  const [a, b] = [await token({ role: 'statistician', sub: 's-1' }), await token({ role: 'statistician', sub: 's-2' })];
  await Promise.all([a, a, b, b].map((t) => ask('{ offerings(first: 1) { totalCount } }', t)));
  expect(received).toHaveLength(2);
  expect(new Set(received.map((r) => r.authorization)).size).toBe(2);
});

it('never shares mutations', async () => {
  const admin = await token({ role: 'admin' });
  const change = 'mutation { updateOffering(id: "0180-000001", input: { seats: 3 }) { id } }';
  const answers = await Promise.all([ask(change, admin), ask(change, admin)]);
  for (const a of answers) expect(a.errors).toBeUndefined();
  expect(received).toHaveLength(2);
});
