import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning } from '../scripts/postgres';
import { databaseUrl, ensureDatabase } from '../scripts/pg-admin';
import { Client } from 'pg';
import { sql } from './support/db';
import { gql, gqlData, subgraphEnv } from './support/graphql';
import { freePort, refusesConnections } from './support/ports';
import { startProcess, startService, stopServices } from './support/services';

/** The commands a new user runs: `npm start` (its compiled entry) and one subgraph alone. */

jest.setTimeout(240_000);

const run = (script: string, args: string[], env: Record<string, string>) =>
  startProcess(`scripts/${script}`, { LOG_LEVEL: 'info', ...env }, args);

/** Kills the PostgreSQL whose postmaster.pid is in `dir`, if one still runs there. */
function stopPostgresIn(dir: string): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  // Only a postgres process serving that directory (the pid file may be stale and its number reused).
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ') : '';
  if (/postgres/.test(cmdline) && cmdline.includes(dir)) process.kill(pid, 'SIGKILL');
}

// Whatever a test did or failed to do: every process it started stops, and so does npm start's PostgreSQL.
afterEach(() => stopServices());

describe('npm start', () => {
  const dataDir = join(process.env.TEST_DATA_DIR!, 'start');

  beforeAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterAll(() => stopPostgresIn(join(dataDir, 'postgres')));

  it('starts PostgreSQL, seeds, serves the gateway, stops cleanly on Ctrl-C and restarts on its data', async () => {
    const env = {
      VUXHUB_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      PROVIDERS_PORT: String(await freePort()),
      OFFERINGS_PORT: String(await freePort()),
      APPLICATIONS_PORT: String(await freePort()),
      // Unset (empty): the development keys go where the defaults say, under the data directory.
      AUTH_JWKS_PATH: '',
      AUTH_DEV_SIGNING_KEY_PATH: '',
      // Longer than npm start's own grace before it kills a child: a child held up on
      // its way out is killed (and says so) instead of closing by itself after a while.
      SHUTDOWN_TIMEOUT_MS: '60000',
    };
    const first = run('start.js', [], env);
    const [, url] = await first.waitForOutput(/vuxhub is running: (\S+)/);
    expect(url).toBe(`http://localhost:${env.PORT}/graphql`);
    expect(first.output()).toMatch(/seeded offerings: \d+ courses, \d{4,} offerings/);
    const base = url!.replace(/\/graphql$/, '');
    // Leaves an idle keep-alive connection to the gateway in this process's pool.
    const data = await gqlData('{ municipalities { code } offerings(first: 1) { totalCount } }', undefined, base);
    expect(data.municipalities).toHaveLength(26);
    expect(data.offerings.totalCount).toBeGreaterThanOrEqual(5000);
    expect(existsSync(join(dataDir, 'auth', 'jwks.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'auth', 'dev-signing-key.json'))).toBe(true);

    first.proc.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
    // Each process closed by itself (exit 0, no signal): the idle keep-alive connection and
    // Apollo's own signal handling did not hold the gateway up until it was killed.
    const stopped = first
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; process?: string; code?: number; signal?: string | null })
      .filter((line) => line.msg === `${line.process} stopped`)
      .map(({ process, code, signal }) => ({ process, code, signal }));
    expect(stopped).toEqual(
      expect.arrayContaining(['gateway', 'providers', 'offerings', 'applications'].map((name) => ({ process: name, code: 0, signal: null }))),
    );
    expect(stopped).toHaveLength(4);
    for (const port of [env.PORT, env.PROVIDERS_PORT, env.OFFERINGS_PORT, env.APPLICATIONS_PORT]) {
      expect(await refusesConnections(Number(port))).toBe(true);
    }
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = run('start.js', [], env);
    await second.waitForOutput(/vuxhub is running/);
    // On its data: nothing seeded again, the same rows.
    expect(second.output()).not.toMatch(/seeded/);
    const again = await gqlData('{ offerings(first: 1) { totalCount } }', undefined, base);
    expect(again.offerings.totalCount).toBe(data.offerings.totalCount);
    second.proc.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});

describe('npm run subgraph -- offerings --municipality 0182', () => {
  it('runs one municipality’s instance on its own database with only its offerings', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL_OFFERINGS!;
    await ensureDatabase(serverUrl, 'nacka_offerings');
    const instance = await startService(
      'scripts/subgraph.js',
      // The port from --port alone.
      { DATABASE_URL: databaseUrl(serverUrl, 'nacka_offerings'), PORT: '' },
      { args: (port) => ['offerings', '--municipality', '0182', '--port', String(port)] },
    );
    const data = await gqlData(
      '{ offerings(first: 100) { totalCount facets { municipalities { municipality { code } count } } } }',
      undefined,
      instance.base,
    );
    expect(data.offerings.totalCount).toBeGreaterThan(0);
    expect(data.offerings.facets.municipalities).toEqual([
      { municipality: { code: '0182' }, count: data.offerings.totalCount },
    ]);
  });

  it('refuses a code outside the county before touching the database', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL_OFFERINGS!;
    await ensureDatabase(serverUrl, 'nowhere_offerings');
    const bad = run('subgraph.js', ['offerings', '--municipality', '9999'], {
      DATABASE_URL: databaseUrl(serverUrl, 'nowhere_offerings'),
    });
    expect((await bad.exited).code).toBe(2);
    expect(bad.output()).toMatch(/9999 is not a Stockholm county municipality code/);
    const tables = await sql('offerings', `SELECT count(*)::int AS n FROM pg_database WHERE datname = 'nowhere_offerings'`);
    expect(tables[0].n).toBe(1);
    const client = new Client({ connectionString: databaseUrl(serverUrl, 'nowhere_offerings') });
    await client.connect();
    try {
      const migrated = await client.query(`SELECT to_regclass('public.courses') AS t`);
      expect(migrated.rows[0].t).toBeNull();
    } finally {
      await client.end();
    }
  });

  it('refuses a regional subgraph with --municipality, and a missing DATABASE_URL', async () => {
    const regional = run('subgraph.js', ['providers', '--municipality', '0182'], { DATABASE_URL: 'postgres://x/y' });
    expect((await regional.exited).code).toBe(2);
    expect(regional.output()).toMatch(/providers is regional/);
    const noDb = run('subgraph.js', ['offerings'], { DATABASE_URL: '' });
    expect((await noDb.exited).code).toBe(2);
    expect(noDb.output()).toMatch(/DATABASE_URL is not set/);
  });
});

describe('npm run gateway (the gateway alone)', () => {
  /** A stand-in for a subgraph behind a proxy that refuses the call and talks about its internals. */
  async function refusingSubgraph(): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'token required by proxy at db-internal-07.kommun.local' }));
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/internal/graphql`, close: () => new Promise((r) => server.close(() => r())) };
  }

  it.each([
    ['refuses connections', 'unreachable', 'The providers service is unavailable right now; try again shortly.'],
    ['answers HTTP 401', 'unhealthy (HTTP 401)', 'The providers service answered with HTTP 401; try again shortly.'],
  ])(
    'serves with URL overrides while the providers subgraph %s: /health 503, the rest answers, nothing internal leaks',
    async (kind, status, message) => {
      const refusing = kind === 'answers HTTP 401' ? await refusingSubgraph() : undefined;
      try {
        const gateway = await startService(
          'gateway/main.js',
          {
            LOG_LEVEL: 'info',
            ...subgraphEnv(),
            SUBGRAPH_URL_PROVIDERS: refusing?.url ?? `http://localhost:${await freePort()}/graphql`,
            SUBGRAPH_URL_OFFERINGS: `${process.env.TEST_OFFERINGS_URL}/graphql`,
            SUBGRAPH_TIMEOUT_MS: '2000',
          },
          { wait: false },
        );
        await gateway.waitForOutput(/gateway ready/);
        const health = await fetch(`${gateway.base}/health`);
        expect(health.status).toBe(503);
        expect(await health.json()).toEqual({ status: 'unavailable', subgraphs: { providers: status, offerings: 'ok', applications: 'ok' } });
        const own = await gqlData('{ offerings(first: 2) { totalCount edges { node { id } } } }', undefined, gateway.base);
        expect(own.offerings.totalCount).toBeGreaterThanOrEqual(5000);
        expect(own.offerings.edges).toHaveLength(2);
        const needsProviders = await gql('{ offerings(first: 2) { edges { node { id provider { name } } } } }', undefined, gateway.base);
        expect(needsProviders.errors?.[0]).toMatchObject({
          message,
          extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'providers' },
        });
        expect(JSON.stringify(needsProviders)).not.toMatch(/internal|127\.0\.0\.1|localhost|ECONNREFUSED|\.js:\d/);
      } finally {
        // The gateway first: its keep-alive connections would hold the stand-in's close up.
        await stopServices();
        await refusing?.close();
      }
    },
  );
});
