import { createHash } from 'node:crypto';
import { sql } from './support/db';
import { gatewayUrl } from './support/graphql';
import { token } from './support/tokens';

/**
 * The gateway's response cache, driven by the subgraphs' cache hints: anonymous
 * catalogue answers are kept (and say so with an Age header), nothing asked with a
 * token or holding private data is, and a change through the gateway shows at once.
 */

async function ask(query: string, opts: { bearer?: string; variables?: Record<string, unknown> } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const res = await fetch(`${gatewayUrl()}/graphql`, {
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
