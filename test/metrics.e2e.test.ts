import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { MAX_OPERATION_NAMES, errorCodeLabel, operationLabel } from '../common/observability/labels';
import { statementKind } from '../common/observability/sql';
import { errorCodes, gatewayUrl, gql, gqlData, subgraphEnv, subgraphUrl } from './support/graphql';
import { startService, stopServices } from './support/services';

/** GET /metrics on the gateway and on each subgraph: Prometheus' text format, no token needed. */

jest.setTimeout(60_000);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Just enough of Prometheus' text format: one sample per line, `name{label="value",…} number`. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) throw new Error(`not a sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    }
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(base: string): Promise<Sample[]> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  return parse(await res.text());
}

/** The sample with this name whose labels include `labels`; 0 when there is none (a counter not yet counted). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  return found.reduce((sum, s) => sum + s.value, 0);
}

const has = (samples: Sample[], name: string) => samples.some((s) => s.name === name);

const bases = () => ({
  gateway: gatewayUrl(),
  providers: subgraphUrl('providers'),
  offerings: subgraphUrl('offerings'),
});

it('serves /metrics without a token, with the registry’s content type, on the gateway and each subgraph', async () => {
  const contentType = new Registry().contentType;
  for (const [name, base] of Object.entries(bases())) {
    const res = await fetch(`${base}/metrics`);
    expect({ name, status: res.status, type: res.headers.get('content-type') }).toEqual({ name, status: 200, type: contentType });
    const samples = parse(await res.text());
    // Node's default metrics, with their standard names.
    expect(has(samples, 'process_cpu_user_seconds_total')).toBe(true);
    expect(has(samples, 'nodejs_eventloop_lag_seconds')).toBe(true);
    expect(has(samples, 'vuxhub_http_requests_in_flight')).toBe(true);
  }
  expect((await fetch(`${gatewayUrl()}/metrics`, { method: 'POST' })).status).toBe(405);
});

it('counts an operation by name at the gateway and in the subgraph it reaches, with its duration', async () => {
  const name = `MetricsProbe_${randomBytes(6).toString('hex')}`;
  const { gateway, providers } = bases();
  const [gatewayBefore, providersBefore] = await Promise.all([scrape(gateway), scrape(providers)]);
  expect(value(gatewayBefore, 'vuxhub_graphql_requests_total', { operation: name })).toBe(0);
  const fetchesBefore = value(gatewayBefore, 'vuxhub_subgraph_fetches_total', { subgraph: 'providers' });
  const histogramBefore = value(gatewayBefore, 'vuxhub_subgraph_fetch_duration_seconds_count', { subgraph: 'providers' });

  const data = await gqlData(`query ${name} { municipalities { code } }`);
  expect(data.municipalities).toHaveLength(26);

  const [gatewayAfter, providersAfter] = await Promise.all([scrape(gateway), scrape(providers)]);
  expect(value(gatewayAfter, 'vuxhub_graphql_requests_total', { operation: name })).toBe(1);
  expect(value(gatewayAfter, 'vuxhub_graphql_request_duration_seconds_count', { operation: name })).toBe(1);
  expect(value(gatewayAfter, 'vuxhub_graphql_request_duration_seconds_bucket', { operation: name, le: '+Inf' })).toBe(1);
  // The gateway names its fetch after the client's operation: `<name>__providers__0`.
  const fetchNames = (samples: Sample[]) =>
    samples
      .filter((s) => s.name === 'vuxhub_graphql_requests_total' && s.labels.operation?.startsWith(`${name}__providers`))
      .map((s) => [s.labels.operation, s.value]);
  expect(fetchNames(providersBefore)).toEqual([]);
  expect(fetchNames(providersAfter)).toEqual([[`${name}__providers__0`, 1]]);
  // The fetch to providers is counted and timed (other tests may add their own in the meantime).
  expect(value(gatewayAfter, 'vuxhub_subgraph_fetches_total', { subgraph: 'providers' })).toBeGreaterThanOrEqual(fetchesBefore + 1);
  expect(value(gatewayAfter, 'vuxhub_subgraph_fetch_duration_seconds_count', { subgraph: 'providers' })).toBeGreaterThanOrEqual(
    histogramBefore + 1,
  );
  expect(value(gatewayAfter, 'vuxhub_subgraph_fetch_duration_seconds_sum', { subgraph: 'providers' })).toBeGreaterThan(0);
  // The providers subgraph ran SQL for it.
  expect(value(providersAfter, 'vuxhub_sql_statements_total', { kind: 'SELECT' })).toBeGreaterThan(
    value(providersBefore, 'vuxhub_sql_statements_total', { kind: 'SELECT' }),
  );
  expect(value(providersAfter, 'vuxhub_sql_statement_duration_seconds_count', { kind: 'SELECT' })).toBeGreaterThan(0);
});

it('counts errors by the code the client sees, at the gateway and in the subgraph that refused', async () => {
  const { gateway, offerings } = bases();
  const [gatewayBefore, offeringsBefore] = await Promise.all([scrape(gateway), scrape(offerings)]);
  const answer = await gql('{ offerings(first: 1000) { totalCount } }');
  expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
  const [gatewayAfter, offeringsAfter] = await Promise.all([scrape(gateway), scrape(offerings)]);
  const code = { code: 'BAD_USER_INPUT' };
  expect(value(gatewayAfter, 'vuxhub_graphql_errors_total', code)).toBeGreaterThanOrEqual(
    value(gatewayBefore, 'vuxhub_graphql_errors_total', code) + 1,
  );
  expect(value(offeringsAfter, 'vuxhub_graphql_errors_total', code)).toBeGreaterThanOrEqual(
    value(offeringsBefore, 'vuxhub_graphql_errors_total', code) + 1,
  );
  expect(value(gatewayAfter, 'vuxhub_subgraph_fetch_errors_total', { subgraph: 'offerings', ...code })).toBeGreaterThanOrEqual(
    value(gatewayBefore, 'vuxhub_subgraph_fetch_errors_total', { subgraph: 'offerings', ...code }) + 1,
  );
  // Only codes a client may see are labels.
  const codes = new Set(gatewayAfter.filter((s) => s.name === 'vuxhub_graphql_errors_total').map((s) => s.labels.code));
  for (const c of codes) expect(c).toMatch(/^[A-Z_]+$|^other$/);
});

it('counts requests refused before any GraphQL ran (a bad token, a media type) by their code', async () => {
  const { gateway, offerings } = bases();
  for (const base of [gateway, offerings]) {
    const before = await scrape(base);
    const badToken = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: '{"query":"{ __typename }"}',
    });
    expect(badToken.status).toBe(401);
    const wrongType = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
    expect(wrongType.status).toBe(415);
    const after = await scrape(base);
    const count = (samples: Sample[], code: string) => value(samples, 'vuxhub_graphql_errors_total', { code });
    expect(count(after, 'UNAUTHENTICATED')).toBeGreaterThanOrEqual(count(before, 'UNAUTHENTICATED') + 1);
    expect(count(after, 'BAD_REQUEST')).toBeGreaterThanOrEqual(count(before, 'BAD_REQUEST') + 1);
  }
});

it('folds operation names longer than 100 characters into "other"', async () => {
  const long = `Q${'x'.repeat(100)}`;
  const before = value(await scrape(gatewayUrl()), 'vuxhub_graphql_requests_total', { operation: 'other' });
  await gqlData(`query ${long} { municipalities { code } }`);
  const after = await scrape(gatewayUrl());
  expect(after.some((s) => s.labels.operation === long)).toBe(false);
  expect(value(after, 'vuxhub_graphql_requests_total', { operation: 'other' })).toBeGreaterThanOrEqual(before + 1);
});

it('shows each subgraph’s database pool, read when scraped', async () => {
  for (const name of ['providers', 'offerings'] as const) {
    await gqlData('{ __typename }', undefined, subgraphUrl(name));
    const samples = await scrape(subgraphUrl(name));
    const open = value(samples, 'vuxhub_db_pool_connections');
    const max = value(samples, 'vuxhub_db_pool_max_connections');
    for (const gauge of ['vuxhub_db_pool_connections', 'vuxhub_db_pool_idle_connections', 'vuxhub_db_pool_waiting_clients']) {
      expect({ name, gauge, present: has(samples, gauge) }).toEqual({ name, gauge, present: true });
    }
    expect(max).toBeGreaterThanOrEqual(1);
    expect(open).toBeLessThanOrEqual(max);
    expect(value(samples, 'vuxhub_db_pool_idle_connections')).toBeLessThanOrEqual(open);
  }
  // The gateway has no database.
  expect(has(await scrape(gatewayUrl()), 'vuxhub_db_pool_connections')).toBe(false);
});

it('has no /metrics with METRICS=false', async () => {
  const gateway = await startService('gateway/main.js', {
    METRICS: 'false',
    ...subgraphEnv(),
    SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
    SUBGRAPH_URL_OFFERINGS: `${subgraphUrl('offerings')}/graphql`,
  });
  try {
    expect((await fetch(`${gateway.base}/metrics`)).status).toBe(404);
  } finally {
    await stopServices();
  }
});

afterAll(() => stopServices());

describe('labels', () => {
  it('bounds operation names: anonymous, other past 100 characters or 200 distinct names', () => {
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel('x'.repeat(101))).toBe('other');
    const names = Array.from({ length: MAX_OPERATION_NAMES + 5 }, (_, i) => `Op${i}`);
    const labels = names.map(operationLabel);
    expect(labels.filter((l) => l === 'other')).toHaveLength(5);
    expect(operationLabel('Op0')).toBe('Op0'); // a name seen before keeps its label
  });

  it('labels error codes a client may see, others as "other"', () => {
    expect(errorCodeLabel('BAD_USER_INPUT')).toBe('BAD_USER_INPUT');
    expect(errorCodeLabel(undefined)).toBe('INTERNAL_SERVER_ERROR');
    expect(errorCodeLabel('ECONNREFUSED 10.0.0.5')).toBe('other');
  });

  it('names SQL statements by kind only', () => {
    expect(statementKind('SELECT o.id FROM offerings o WHERE o.id = $1')).toBe('SELECT');
    expect(statementKind('  /* q */ -- x\n with x as (select 1) select * from x')).toBe('WITH');
    expect(statementKind('(SELECT 1) UNION (SELECT 2)')).toBe('SELECT');
    expect(statementKind('START TRANSACTION')).toBe('START');
    expect(statementKind("'19121212-1212'")).toBe('OTHER');
  });
});
