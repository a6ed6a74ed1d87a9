import { createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { subgraphUrl } from './support/graphql';
import { startService, stopServices } from './support/services';

/**
 * SIGTERM: the process stops accepting connections at once, lets the requests in
 * flight finish (SHUTDOWN_TIMEOUT_MS at most), closes what it holds and exits 0.
 */

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(() => stopServices(2000));

const start = (script: string, env: Record<string, string>) => startService(script, { LOG_LEVEL: 'info', ...env });

/** Whether a new TCP connection to the port is refused (rather than accepted). */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

/** Polls until new connections are refused; false if they are still accepted after `ms`. */
async function becomesRefusing(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await refusesConnections(port)) return true;
    await sleep(20);
  }
  return false;
}

/** The server's `vuxhub_http_requests_in_flight` gauge (the scrape counts itself). */
async function inFlight(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^vuxhub_http_requests_in_flight (\d+)/m.exec(text)?.[1] ?? 0);
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

it('the gateway finishes a slow request after SIGTERM, refuses new connections, and exits 0', async () => {
  // A stand-in for the offerings subgraph that answers after 1.5 s.
  const received: string[] = [];
  const slow = createServer((req, res) => {
    if (req.url === '/health') {
      res.setHeader('content-type', 'application/json');
      res.end('{"status":"ok"}');
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      received.push(body);
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { offerings: { totalCount: 7 } } }));
      }, 1500);
    });
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  try {
    const gateway = await start('gateway/main.js', {
      SUBGRAPH_URL_OFFERINGS: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/graphql`,
      SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
    });
    const base = `http://localhost:${gateway.port}`;
    const sentAt = Date.now();
    let answered = false;
    const answer = post(base, '{ offerings(first: 1) { totalCount } }').finally(() => (answered = true));
    await sleep(300);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/offerings/);

    const signalledAt = Date.now();
    gateway.proc.kill('SIGTERM');
    expect(await becomesRefusing(gateway.port, 1000)).toBe(true);
    expect(answered).toBe(false); // still in flight while new connections are refused

    const { status, body } = await answer;
    const answeredAt = Date.now();
    expect(status).toBe(200);
    expect(body).toEqual({ data: { offerings: { totalCount: 7 } } });
    expect(answeredAt - sentAt).toBeGreaterThanOrEqual(1400);

    const { code, at } = await gateway.exited;
    expect(code).toBe(0);
    // Soon after the last answer: not held up by its keep-alive connection until SHUTDOWN_TIMEOUT_MS (10 s).
    expect(at - answeredAt).toBeLessThan(2000);
    expect(at - signalledAt).toBeLessThan(4000);
    expect(gateway.output()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
  } finally {
    await new Promise((resolve) => slow.close(resolve));
  }
});

it('a subgraph answers in full the requests in flight at SIGTERM, closes its database pool, and exits 0', async () => {
  // One pool connection: the 20 requests queue for it, so most are still running at the signal.
  const offerings = await start('subgraphs/offerings/main.js', {
    DATABASE_URL: process.env.TEST_DATABASE_URL_OFFERINGS!,
    DB_POOL_SIZE: '1',
  });
  const base = `http://localhost:${offerings.port}`;
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
  // Signal once the server answers: the requests it has received by then must all be answered in full.
  const deadline = Date.now() + 10_000;
  let inFlightAtSignal = 0;
  while (Date.now() < deadline) {
    inFlightAtSignal = (await inFlight(base)) - 1; // the scrape counts itself
    if (inFlightAtSignal >= 10 || done > 0) break;
    await sleep(5);
  }
  const signalledAt = Date.now();
  offerings.proc.kill('SIGTERM');
  expect(inFlightAtSignal).toBeGreaterThanOrEqual(5);
  expect(done).toBeLessThan(20);
  expect(await becomesRefusing(offerings.port, 1000)).toBe(true);

  const answers = await Promise.all(requests);
  const answeredAt = Date.now();
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
  const { code, at } = await offerings.exited;
  expect(code).toBe(0);
  expect(at - answeredAt).toBeLessThan(2000);
  expect(at - signalledAt).toBeLessThan(10_000);
  const log = offerings
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string; time: number });
  const shuttingDown = log.find((l) => l.msg === 'shutting down');
  const poolClosed = log.find((l) => l.msg === 'database pool closed');
  expect(shuttingDown).toBeDefined();
  expect(poolClosed).toBeDefined();
  // Every request was answered (and logged) before the pool closed.
  const requestLines = log.filter((l) => l.msg === 'graphql request');
  expect(requestLines).toHaveLength(answered.length);
  for (const line of requestLines) expect(line.time).toBeLessThanOrEqual(poolClosed!.time);
});
