import { createHash } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from './support/db';
import { gatewayUrl, subgraphEnv, subgraphUrl } from './support/graphql';
import { startService, stopServices } from './support/services';
import { token } from './support/tokens';

/**
 * The gateway's response cache, driven by the subgraphs' cache hints: anonymous
 * catalogue answers are kept (and say so with an Age header), nothing asked with a
 * token or holding private data is, and a change through the gateway shows at once,
 * dropping only the answers that hold what changed (the subgraphs' cache tags).
 */

async function ask(query: string, opts: { bearer?: string; variables?: Record<string, unknown>; base?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const res = await fetch(`${opts.base ?? gatewayUrl()}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: opts.variables }),
  });
  return { status: res.status, cacheControl: res.headers.get('cache-control'), age: res.headers.get('age'), body: (await res.json()) as any };
}

const unique = () => `"${Math.random().toString(36).slice(2)}"`;

it('keeps an anonymous catalogue answer for the subgraphs’ maxAge and serves it again', async () => {
  // A text nobody searched for yet, so that the first answer is fresh.
  const query = `{ offerings(filter: { text: ${unique()} }, first: 1) { totalCount } municipality(code: "0180") { name } }`;
  const first = await ask(query);
  expect(first.body.errors).toBeUndefined();
  expect(first.cacheControl).toBe('max-age=60, public');
  expect(first.age).toBeNull();
  const second = await ask(query);
  expect(second.body).toEqual(first.body);
  expect(second.age).not.toBeNull();
});

it('never serves or keeps answers for a request with a token', async () => {
  const bearer = await token({ role: 'statistician' });
  const query = `{ offerings(filter: { text: ${unique()} }, first: 1) { totalCount } }`;
  await ask(query, { bearer });
  const again = await ask(query, { bearer });
  expect(again.age).toBeNull();
  // … and an anonymous request after it is not served the token's answer either.
  expect((await ask(query)).age).toBeNull();
});

it('marks answers with private data uncacheable', async () => {
  const officer = await token({ role: 'officer', municipality: '0180' });
  const answer = await ask('{ viewer { role } municipality(code: "0180") { contracts { id } } }', { bearer: officer });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.cacheControl).toBe('no-store');
  expect((await ask('{ viewer { role } }')).cacheControl).toBe('no-store');
});

it('caches entity answers from several subgraphs (_entities) as well', async () => {
  const query = `{ offerings(filter: { municipalities: ["0184"], text: ${unique()} }, first: 3) { edges { node { id provider { name } municipality { name } } } } }`;
  const first = await ask(query);
  expect(first.cacheControl).toBe('max-age=60, public');
  expect((await ask(query)).age).not.toBeNull();
});

it('shows a change made through the gateway at once', async () => {
  const [row] = await sql<{ id: string; seats: number }>('offerings', `SELECT id, seats FROM offerings WHERE municipality_code = '0188' ORDER BY id LIMIT 1`);
  const read = `{ offering(id: "${row!.id}") { seats } }`;
  await ask(read);
  expect((await ask(read)).age).not.toBeNull();
  const admin = await token({ role: 'admin' });
  const change = await ask(`mutation { updateOffering(id: "${row!.id}", input: { seats: ${row!.seats + 3} }) { seats } }`, { bearer: admin });
  expect(change.body.errors).toBeUndefined();
  const after = await ask(read);
  expect(after.age).toBeNull();
  expect(after.body.data.offering.seats).toBe(row!.seats + 3);
  await sql('offerings', 'UPDATE offerings SET seats = $2 WHERE id = $1', [row!.id, row!.seats]);
});

it('takes automatic persisted queries: a hash alone once the query is known', async () => {
  const query = `{ offerings(filter: { text: ${unique()} }, first: 1) { totalCount } }`;
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const byHash = (withQuery: boolean) =>
    fetch(`${gatewayUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...(withQuery ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    }).then(async (r) => (await r.json()) as any);
  expect((await byHash(false)).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  expect((await byHash(true)).data.offerings.totalCount).toBe(0);
  expect((await byHash(false)).data.offerings.totalCount).toBe(0);
});

/** The gateway's response cache counters, summed over their labels as given. */
async function cacheCounters(): Promise<Record<string, number>> {
  const text = await (await fetch(`${gatewayUrl()}/metrics`)).text();
  const counters: Record<string, number> = {};
  for (const m of text.matchAll(/^vuxhub_response_cache_(requests|evictions)_total\{\w+="(\w+)"\} (\S+)$/gm)) counters[`${m[1]}:${m[2]}`] = Number(m[3]);
  return counters;
}

describe('dropping what a change touched', () => {
  const DETAIL = `query Detail($id: ID!) { offering(id: $id) {
    id title seats course { name } provider { name } site { name } municipality { name } } }`;
  const LIST = `{ offerings(filter: { municipalities: ["0192"] }, first: 2) { edges { node { id seats } } } }`;
  const OTHER_LIST = `{ offerings(filter: { municipalities: ["0127"] }, first: 2) { totalCount } }`;
  const PROVIDERS = `{ providers(first: 3) { edges { node { id name } } } }`;
  let a: { id: string; seats: number };
  let b: { id: string; seats: number };

  beforeAll(async () => {
    [a, b] = (await sql<{ id: string; seats: number }>('offerings', `SELECT id, seats FROM offerings WHERE municipality_code = '0192' ORDER BY start_date, id LIMIT 2`)) as [typeof a, typeof b];
  });

  afterAll(() => sql('offerings', 'UPDATE offerings SET seats = $2 WHERE id = $1', [a.id, a.seats]));

  it('drops the changed offering’s page and the lists of offerings, and keeps another offering’s page and the providers’ answers', async () => {
    const detailOf = (id: string) => ask(DETAIL, { variables: { id } });
    const reads = [() => detailOf(a.id), () => detailOf(b.id), () => ask(LIST), () => ask(OTHER_LIST), () => ask(PROVIDERS)];
    for (const read of reads) {
      const first = await read();
      expect(first.body.errors).toBeUndefined();
      // The subgraphs' tags stay between them and the gateway.
      expect(first.body.extensions).toBeUndefined();
    }
    for (const read of reads) expect((await read()).age).not.toBeNull();
    const before = await cacheCounters();

    const admin = await token({ role: 'admin' });
    const change = await ask(`mutation { updateOffering(id: "${a.id}", input: { seats: ${a.seats + 7} }) { id seats } }`, { bearer: admin });
    expect(change.body.errors).toBeUndefined();

    const pageA = await detailOf(a.id);
    expect(pageA.age).toBeNull();
    expect(pageA.body.data.offering.seats).toBe(a.seats + 7);
    const list = await ask(LIST);
    expect(list.age).toBeNull();
    expect(list.body.data.offerings.edges.find((e: any) => e.node.id === a.id).node.seats).toBe(a.seats + 7);
    // Any list of offerings may change with any offering.
    expect((await ask(OTHER_LIST)).age).toBeNull();
    const pageB = await detailOf(b.id);
    expect(pageB.age).not.toBeNull();
    expect(pageB.body.data.offering.id).toBe(b.id);
    const providers = await ask(PROVIDERS);
    expect(providers.age).not.toBeNull();
    expect(providers.cacheControl).toBe('max-age=60, public');

    const after = await cacheCounters();
    expect(after['evictions:tags']! - before['evictions:tags']!).toBeGreaterThanOrEqual(3);
    expect(after['requests:hit']! - before['requests:hit']!).toBeGreaterThanOrEqual(2);
    expect(after['requests:miss']! - before['requests:miss']!).toBeGreaterThanOrEqual(3);
  });
});

describe('behind a stand-in offerings subgraph', () => {
  /**
   * A gateway of this test's own in front of a stand-in offerings subgraph: public
   * answers tagged `offerings:Offering`, after 300 ms; its mutation declares that tag
   * only when `declare` says so.
   */
  let declare = true;
  let received = 0;
  let fake: Server;
  let base = '';

  beforeAll(async () => {
    fake = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += String(chunk)));
      req.on('end', () => {
        if (body.includes('__typename }')) {
          // The gateway's readiness probe.
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ data: { __typename: 'Query' } }));
          return;
        }
        received++;
        const mutation = body.includes('updateOffering');
        const answer = mutation
          ? { data: { updateOffering: { id: '0180-000001' } }, ...(declare ? { extensions: { invalidates: ['offerings:Offering'] } } : {}) }
          : { data: { offerings: { totalCount: 7 } }, extensions: { cacheTags: ['offerings:Offering'] } };
        setTimeout(() => {
          res.setHeader('content-type', 'application/json');
          res.setHeader('cache-control', 'max-age=60, public');
          res.end(JSON.stringify(answer));
        }, 300);
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    base = (
      await startService('gateway/main.js', {
        LOG_LEVEL: 'warn',
        ...subgraphEnv(),
        SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
        SUBGRAPH_URL_OFFERINGS: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`,
      })
    ).base;
  });

  afterAll(async () => {
    await stopServices();
    fake.close();
  });

  const change = async () => {
    const answer = await ask('mutation { updateOffering(id: "0180-000001", input: { seats: 3 }) { id } }', { base, bearer: await token({ role: 'admin' }) });
    expect(answer.body.errors).toBeUndefined();
  };

  it('gives every sharer of one subgraph request the tags, so that a change drops the answer they kept', async () => {
    const query = '{ offerings(first: 2) { totalCount } }';
    received = 0;
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask(query, { base })));
    for (const a of answers) expect(a.body).toEqual({ data: { offerings: { totalCount: 7 } } });
    expect(received).toBe(1);
    expect((await ask(query, { base })).age).not.toBeNull();
    await change();
    expect((await ask(query, { base })).age).toBeNull();
  });

  it('empties the whole cache after a mutation whose subgraph declared nothing', async () => {
    const query = '{ offerings(first: 3) { totalCount } }';
    const other = '{ municipality(code: "0180") { name } }';
    for (const q of [query, other]) await ask(q, { base });
    for (const q of [query, other]) expect((await ask(q, { base })).age).not.toBeNull();
    declare = false;
    try {
      await change();
    } finally {
      declare = true;
    }
    for (const q of [query, other]) expect((await ask(q, { base })).age).toBeNull();
  });
});
