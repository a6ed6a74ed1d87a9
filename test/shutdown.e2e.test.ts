import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphEnv, subgraphUrl } from './support/graphql';
import { refusesConnections } from './support/ports';
import { type TestService, startService, stopServices } from './support/services';
import { untilInFlight } from './support/waits';

/**
 * SIGTERM: the process stops accepting connections at once, lets the requests in
 * flight finish, closes what it holds and exits 0.
 */

jest.setTimeout(60_000);

afterAll(() => stopServices(2000));

// Longer than jest's timeout: a process held up on its way out (say by an idle keep-alive
// connection) fails the test instead of closing by itself when SHUTDOWN_TIMEOUT_MS is up.
const start = (script: string, env: Record<string, string>) =>
  startService(script, { LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '600000', ...env });

/** Sends SIGTERM; resolves once the process has begun to shut down and new connections are refused. */
async function terminate(service: TestService): Promise<void> {
  service.proc.kill('SIGTERM');
  await service.waitForOutput(/"msg":"shutting down"/);
  // It closes its listening socket right after it says so.
  while (!(await refusesConnections(service.port))) await new Promise((resolve) => setImmediate(resolve));
}

/** POSTs on a connection of its own (no pool: every request is on the wire at once). */
function post(base: string, query: string, variables?: Record<string, unknown>) {
  return new Promise<{ status: number; body: { data?: any; errors?: unknown[] } }>((resolve, reject) => {
    const payload = JSON.stringify({ query, variables });
    const req = httpRequest(
      `${base}/graphql`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

it('the gateway finishes a request in flight after SIGTERM, refuses new connections, and exits 0', async () => {
  // A stand-in for the offerings subgraph that answers only when the test lets it.
  const received: string[] = [];
  let arrived!: () => void;
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  let answer!: () => void;
  const answerAllowed = new Promise<void>((resolve) => (answer = resolve));
  const slow = createServer((req, res) => {
    if (req.url === '/health') {
      res.setHeader('content-type', 'application/json');
      res.end('{"status":"ok"}');
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      // The gateway's readiness probe asks every subgraph `{ __typename }`.
      if (body.includes('{ __typename }')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { __typename: 'Query' } }));
        return;
      }
      received.push(body);
      arrived();
      void answerAllowed.then(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { offerings: { totalCount: 7 } } }));
      });
    });
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  try {
    const gateway = await start('gateway/main.js', {
      ...subgraphEnv(),
      SUBGRAPH_URL_OFFERINGS: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/graphql`,
      SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
    });
    let answered = false;
    const reply = post(gateway.base, '{ offerings(first: 1) { totalCount } }').finally(() => (answered = true));
    await requestArrived;
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/offerings/);

    await terminate(gateway);
    expect(answered).toBe(false); // still in flight while new connections are refused
    expect(gateway.output()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);

    answer();
    const { status, body } = await reply;
    expect(status).toBe(200);
    expect(body).toEqual({ data: { offerings: { totalCount: 7 } } });
    expect((await gateway.exited).code).toBe(0);
  } finally {
    answer();
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  }
});

it('a subgraph answers in full the requests in flight at SIGTERM, closes its database pool, and exits 0', async () => {
  // One pool connection: the 20 requests queue for it, so most are still running at the signal.
  const offerings = await start('subgraphs/offerings/main.js', {
    DATABASE_URL: process.env.TEST_DATABASE_URL_OFFERINGS!,
    DB_POOL_SIZE: '1',
  });
  const base = offerings.base;
  const query = `query ShutdownLoad($text: String) {
    offerings(filter: { text: $text }, orderBy: RELEVANCE, first: 50) {
      totalCount
      facets { schoolForms { value count } municipalities { count } studyModes { value count } }
      edges { node { id title startDate } }
    } }`;
  let done = 0;
  const requests = Array.from({ length: 20 }, (_, i) =>
    post(base, query, { text: i % 2 ? 'svenska' : 'matematik' })
      .catch((err: Error) => ({ status: 0, body: { errors: [err.message] } as { data?: any; errors?: unknown[] } }))
      .finally(() => (done += 1)),
  );
  // Signal once the server has ten requests in flight (or answered one): those it has by
  // then must all be answered in full.
  const inFlightAtSignal = await untilInFlight(offerings.base, 10, () => done > 0);
  const terminated = terminate(offerings);
  expect(inFlightAtSignal).toBeGreaterThanOrEqual(5);
  expect(done).toBeLessThan(20);
  await terminated;

  const answers = await Promise.all(requests);
  const answered = answers.filter((a) => a.status !== 0);
  // Everything the server had received is answered in full; a request still on its way may
  // be refused at the connection, as any new connection is, but never half-answered.
  expect(answered.length).toBeGreaterThanOrEqual(inFlightAtSignal);
  for (const { status, body } of answered) {
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.offerings.totalCount).toBeGreaterThan(0);
    expect(body.data.offerings.edges.length).toBeGreaterThan(0);
  }
  expect((await offerings.exited).code).toBe(0);
  const log = offerings
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { msg: string }).msg);
  const shuttingDown = log.indexOf('shutting down');
  const poolClosed = log.indexOf('database pool closed');
  expect(shuttingDown).toBeGreaterThanOrEqual(0);
  expect(poolClosed).toBeGreaterThan(shuttingDown);
  // Every request was answered (and logged) before the pool closed.
  expect(log.filter((msg) => msg === 'graphql request')).toHaveLength(answered.length);
  expect(log.lastIndexOf('graphql request')).toBeLessThan(poolClosed);
});
