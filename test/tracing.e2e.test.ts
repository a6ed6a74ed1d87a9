import { subgraphEnv } from './support/graphql';
import { randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startService, stopServices } from './support/services';

/**
 * OpenTelemetry tracing through the gateway into the subgraphs and their SQL, received
 * as OTLP/HTTP JSON by a collector stand-in in this test.
 */

jest.setTimeout(90_000);

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
  links?: { traceId: string; spanId: string }[];
}
interface ExportRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}
interface Span extends OtlpSpan {
  service: string;
  attrs: Record<string, unknown>;
}

const SERVER = 2;
const CLIENT = 3;

/** OTLP/JSON ids are hex; some exporters send base64: compare them as hex. */
const hex = (id: string | undefined) =>
  id === undefined || id === '' ? undefined : /^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex');

const plain = (v: OtlpValue): unknown =>
  v.arrayValue ? v.arrayValue.values.map(plain) : (v.stringValue ?? v.intValue ?? v.boolValue);

const bodies: string[] = [];
const spans: Span[] = [];
/** Told of each export the collector stand-in receives. */
const onExport = new Set<() => void>();
let collector: Server;
let collectorUrl: string;
/** A gateway or subgraph of this test's own, exporting its spans to the collector stand-in. */
const start = (script: string, env: Record<string, string>) =>
  startService(script, {
    LOG_LEVEL: 'info',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_SDK_DISABLED: '',
    OTEL_SERVICE_NAME: '',
    ...env,
  });

let gateway: string;
let gatewayOutput: () => string;

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces' && /json/.test(req.headers['content-type'] ?? '')) {
        bodies.push(body);
        for (const rs of (JSON.parse(body) as ExportRequest).resourceSpans) {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const ss of rs.scopeSpans) {
            for (const s of ss.spans) {
              const attrs = Object.fromEntries((s.attributes ?? []).map((a) => [a.key, plain(a.value)]));
              spans.push({ ...s, traceId: hex(s.traceId)!, spanId: hex(s.spanId)!, parentSpanId: hex(s.parentSpanId), service, attrs });
            }
          }
        }
        onExport.forEach((told) => told());
      }
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  const [providers, offerings] = await Promise.all([
    start('subgraphs/providers/main.js', { DATABASE_URL: process.env.TEST_DATABASE_URL_PROVIDERS! }),
    start('subgraphs/offerings/main.js', { DATABASE_URL: process.env.TEST_DATABASE_URL_OFFERINGS! }),
  ]);
  ({ base: gateway, output: gatewayOutput } = await start('gateway/main.js', {
    ...subgraphEnv(),
    SUBGRAPH_URL_PROVIDERS: `${providers.base}/graphql`,
    SUBGRAPH_URL_OFFERINGS: `${offerings.base}/graphql`,
  }));
});

afterAll(async () => {
  await stopServices();
  await new Promise((resolve) => collector?.close(resolve));
});

/** Resolves once the collector holds spans that satisfy `ready`, checked now and after each export. */
function waitForSpans(ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!ready()) return;
      onExport.delete(check);
      resolve();
    };
    onExport.add(check);
    check();
  });
}

/** The span and its ancestors, nearest first. */
function ancestry(span: Span): Span[] {
  const chain = [span];
  for (let s: Span | undefined = span; s?.parentSpanId; ) {
    s = spans.find((p) => p.spanId === s!.parentSpanId && p.traceId === span.traceId);
    if (s) chain.push(s);
  }
  return chain;
}

const SECRET = 'sekretessord';

it('traces a query from the gateway over the HTTP hop into each subgraph and its SQL, without parameters', async () => {
  const requestId = `trace-${randomBytes(4).toString('hex')}`;
  const clientTraceId = randomBytes(16).toString('hex');
  const clientSpanId = randomBytes(8).toString('hex');
  const res = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      traceparent: `00-${clientTraceId}-${clientSpanId}-01`,
    },
    body: JSON.stringify({
      query: `query TraceProbe($secret: String) {
        page: offerings(filter: { text: "svenska" }, first: 2) { edges { node { id provider { name } } } }
        none: offerings(filter: { text: $secret }, first: 1) { totalCount }
      }`,
      variables: { secret: SECRET },
    }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data.page.edges[0].node.provider.name).toEqual(expect.any(String));

  const root = () => spans.find((s) => s.service === 'gateway' && s.kind === SERVER && s.attrs['vuxhub.request_id'] === requestId);
  const inTrace = (service: string, name: string) =>
    spans.filter((s) => s.traceId === root()?.traceId && s.service === service && s.name === name);
  await waitForSpans(
    () =>
      root() !== undefined &&
      inTrace('offerings', 'SELECT').length > 0 &&
      inTrace('providers', 'loader provider').length > 0 &&
      spans.some((s) => s.traceId === root()?.traceId && s.service === 'offerings' && s.kind === SERVER) &&
      spans.some((s) => s.traceId === root()?.traceId && s.service === 'providers' && s.kind === SERVER),
  );

  // The gateway's server span, named after the operation; the client's trace is linked, not continued.
  const server = root()!;
  expect(server).toMatchObject({ name: 'query TraceProbe', attrs: { 'graphql.operation.name': 'TraceProbe', 'http.route': '/graphql' } });
  expect(server.traceId).not.toBe(clientTraceId);
  expect(server.parentSpanId).toBeUndefined();
  expect(server.links?.map((l) => [hex(l.traceId), hex(l.spanId)])).toEqual([[clientTraceId, clientSpanId]]);

  for (const name of ['offerings', 'providers']) {
    // The gateway's client span for the fetch, under its server span…
    const [fetch] = inTrace('gateway', `subgraph ${name}`);
    expect(fetch).toMatchObject({ kind: CLIENT, attrs: { 'vuxhub.subgraph': name, 'http.response.status_code': 200 } });
    expect(ancestry(fetch!).map((s) => s.spanId)).toContain(server.spanId);
    // … is the parent of the subgraph's server span, across the HTTP hop (traceparent).
    const subgraphServer = spans.find((s) => s.service === name && s.kind === SERVER && s.parentSpanId === fetch!.spanId);
    expect(subgraphServer).toBeDefined();
    expect(subgraphServer!.traceId).toBe(server.traceId);
    expect(subgraphServer!.name).toMatch(new RegExp(`^query TraceProbe__${name}__\\d+$`));
  }

  // SQL spans in the offerings subgraph: named by kind, under its server span, with no statement text or values.
  const sql = spans.filter((s) => s.traceId === server.traceId && s.service === 'offerings' && s.attrs['db.system.name']);
  expect(sql.length).toBeGreaterThanOrEqual(2);
  const offeringsServer = spans.find((s) => s.traceId === server.traceId && s.service === 'offerings' && s.kind === SERVER)!;
  for (const s of sql) {
    expect(s.name).toMatch(/^[A-Z]+$/);
    expect(s.kind).toBe(CLIENT);
    expect(Object.keys(s.attrs).sort()).toEqual(['db.namespace', 'db.operation.name', 'db.system.name']);
    expect(ancestry(s).map((a) => a.spanId)).toContain(offeringsServer.spanId);
  }
  // Nothing anywhere carries the variable's value (it was a SQL parameter in the offerings subgraph).
  // A DataLoader batch is a span of its own, with its size, and its SQL statement under it.
  const batch = spans.find((s) => s.traceId === server.traceId && s.service === 'providers' && s.name === 'loader provider')!;
  expect(batch.attrs['vuxhub.batch.size']).toBeGreaterThanOrEqual(1);
  expect(spans.some((s) => s.parentSpanId === batch.spanId && s.attrs['db.system.name'] === 'postgresql')).toBe(true);

  expect(bodies.join('\n')).not.toContain(SECRET);

  // The request log line carries the trace id.
  const gatewayLog = gatewayOutput().split('\n').find((l) => l.includes(requestId) && l.includes('graphql request'));
  expect(JSON.parse(gatewayLog!)).toMatchObject({ traceId: server.traceId, operation: 'TraceProbe' });
});

it('marks a refused request’s server span with the error code, not as a failure', async () => {
  const requestId = `trace-${randomBytes(4).toString('hex')}`;
  await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ query: 'query TooMany { offerings(first: 1000) { totalCount } }' }),
  });
  const find = () => spans.find((s) => s.service === 'gateway' && s.kind === SERVER && s.attrs['vuxhub.request_id'] === requestId);
  await waitForSpans(() => find() !== undefined);
  expect(find()!.attrs['graphql.error.codes']).toEqual(['BAD_USER_INPUT']);
  expect((find() as unknown as { status?: { code?: number } }).status?.code ?? 0).not.toBe(2);
});
