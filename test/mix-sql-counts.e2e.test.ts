import { subgraphEnv } from './support/graphql';
import { FILTER, operations } from '../scripts/bench/operations';
import { startService, stopServices } from './support/services';

/**
 * SQL statements per operation of the benchmark's mix, read from the subgraphs' own
 * /metrics, on a gateway and subgraphs of this test's own (nothing else talks to them)
 * with the response cache off: every operation is a fixed, small number of statements
 * whatever the page size, never one per row.
 */

let gateway = '';
const subgraphs: string[] = [];

const start = async (script: string, env: Record<string, string>) => (await startService(script, { LOG_LEVEL: 'warn', ...env })).base;

beforeAll(async () => {
  const providers = await start('subgraphs/providers/main.js', { DATABASE_URL: process.env.TEST_DATABASE_URL_PROVIDERS! });
  const offerings = await start('subgraphs/offerings/main.js', { DATABASE_URL: process.env.TEST_DATABASE_URL_OFFERINGS! });
  subgraphs.push(providers, offerings);
  gateway = await start('gateway/main.js', {
    ...subgraphEnv(),
    SUBGRAPH_URL_PROVIDERS: `${providers}/graphql`,
    SUBGRAPH_URL_OFFERINGS: `${offerings}/graphql`,
    RESPONSE_CACHE_MB: '0',
  });
}, 60_000);

afterAll(() => stopServices());

async function statements(): Promise<number> {
  let total = 0;
  for (const base of subgraphs) {
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const m of text.matchAll(/^vuxhub_sql_statements_total\{[^}]*\} (\d+)/gm)) total += Number(m[1]);
  }
  return total;
}

async function post(query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as any;
  expect(body.errors).toBeUndefined();
  return body.data;
}

it('runs each operation of the mix in a fixed handful of SQL statements', async () => {
  const first = await post(
    `query($filter: OfferingFilter) { offerings(filter: $filter, orderBy: RELEVANCE, first: 20) { pageInfo { endCursor } edges { node { id } } } }`,
    { filter: FILTER },
  );
  const mix = operations(first.offerings.pageInfo.endCursor, first.offerings.edges[0].node.id);
  const counts: Record<string, number> = {};
  for (const op of mix) {
    const before = await statements();
    await post(op.query, op.variables);
    counts[op.name] = (await statements()) - before;
  }
  expect(counts).toEqual({
    search: 4, // the page, its count; then providers and municipalities by key
    'search-deep': 4,
    'search-offerings': 2, // the page, the count
    detail: 6, // the offering, its course; its provider, the provider's sites, its site, its municipality
    overview: 3, // the municipalities; their offerings' pages and counts
    entities: 3, // the page; providers; municipalities
  });
});
