import type { ChildProcess } from 'node:child_process';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnService, stopProcess, waitHealthy } from '../scripts/processes';
import { subgraphUrl } from './support/graphql';
import { freePort } from './support/ports';
import { token } from './support/tokens';

/**
 * Identical subgraph requests in flight at once are sent once: a gateway of this test's
 * own (response cache off) in front of a stand-in offerings subgraph that counts what it
 * receives and answers after 300 ms.
 */

const received: { body: string; authorization?: string }[] = [];
let fake: Server;
let gateway: ChildProcess;
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
  const port = await freePort();
  gateway = spawnService(
    'gateway/main.js',
    {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RESPONSE_CACHE_MB: '0',
      SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
      SUBGRAPH_URL_OFFERINGS: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`,
    },
    'ignore',
  );
  base = `http://localhost:${port}`;
  // /health asks the fake too; it answers every request, so wait for the GraphQL endpoint instead.
  await waitHealthy(`${subgraphUrl('providers')}/health`, 10_000);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/graphql?query=%7B__typename%7D`, { headers: { 'apollo-require-preflight': '1' } })).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await stopProcess(gateway);
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
