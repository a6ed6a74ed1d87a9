import { request } from 'node:http';
import { sql } from './support/db';
import { subgraphEnv, subgraphUrl } from './support/graphql';
import { type TestService, startService, stopServices } from './support/services';
import { token } from './support/tokens';

/** The gateway on two cores (GATEWAY_WORKERS=2): both workers answer, a change reaches every worker's cache, SIGTERM stops all. */

let gateway: TestService;
let base = '';
const output = () => gateway.output();

beforeAll(async () => {
  gateway = await startService('gateway/main.js', {
    GATEWAY_WORKERS: '2',
    // debug: a worker says when another worker's change has emptied its cache.
    LOG_LEVEL: 'debug',
    ...subgraphEnv(),
    SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
    SUBGRAPH_URL_OFFERINGS: `${subgraphUrl('offerings')}/graphql`,
  });
  base = gateway.base;
  // Both workers listening.
  await gateway.waitForOutput(/"gateway ready"[^]*"gateway ready"/);
});

afterAll(() => stopServices());

/** A POST on a connection of its own, so that requests spread over the workers. */
function post(query: string, bearer?: string): Promise<{ age?: string; body: any; pid?: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ query });
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const req = request(`${base}/graphql`, { method: 'POST', agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ age: res.headers.age as string | undefined, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

it('starts two workers that both answer', async () => {
  expect((output().match(/"gateway ready"/g) ?? []).length).toBe(2);
  const pids = new Set([...output().matchAll(/"pid":(\d+)[^\n]*"gateway ready"/g)].map((m) => m[1]));
  expect(pids.size).toBe(2);
  const answers = await Promise.all(Array.from({ length: 6 }, () => post('{ municipality(code: "0180") { name } }')));
  for (const a of answers) expect(a.body).toEqual({ data: { municipality: { name: 'Stockholm' } } });
});

it('drops a changed offering’s answers in every worker after a change through either, and keeps the others', async () => {
  const [a, b] = await sql<{ id: string; seats: number }>('offerings', `SELECT id, seats FROM offerings WHERE municipality_code = '0191' ORDER BY id LIMIT 2`);
  const read = (id: string) => post(`{ offering(id: "${id}") { id seats } }`);
  try {
    // Warm both workers' caches: twelve reads of each on fresh connections, the later ones served from cache.
    for (const { id } of [a!, b!]) {
      const warm = [];
      for (let i = 0; i < 12; i++) warm.push(await read(id));
      expect(warm.filter((r) => r.age !== undefined).length).toBeGreaterThanOrEqual(8);
    }
    const admin = await token({ role: 'admin' });
    const change = await post(`mutation { updateOffering(id: "${a!.id}", input: { seats: ${a!.seats + 5} }) { seats } }`, admin);
    expect(change.body.errors).toBeUndefined();
    // The other worker hears of it through the primary: read until six reads in a row, on
    // fresh connections (so from both workers), show the change.
    for (let fresh = 0; fresh < 6; ) fresh = (await read(a!.id)).body.data.offering.seats === a!.seats + 5 ? fresh + 1 : 0;
    // The other offering's answer, kept as long as the changed one's was, is still served from both caches.
    for (let i = 0; i < 6; i++) expect((await read(b!.id)).age).not.toBeUndefined();
  } finally {
    await sql('offerings', 'UPDATE offerings SET seats = $2 WHERE id = $1', [a!.id, a!.seats]);
  }
});

it('stops every worker on SIGTERM and exits 0', async () => {
  gateway.proc.kill('SIGTERM');
  expect((await gateway.exited).code).toBe(0);
  expect((output().match(/"shutting down"/g) ?? []).length).toBe(2);
});

it('gives up, exit 1, when workers keep failing as they start (no supergraph)', async () => {
  const failing = await startService('gateway/main.js', { GATEWAY_WORKERS: '2', SUPERGRAPH_PATH: '/nonexistent/supergraph.graphql' }, { wait: false });
  expect((await failing.exited).code).toBe(1);
});
