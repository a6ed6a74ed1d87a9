import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { databaseUrl, ensureDatabase } from '../scripts/pg-admin';
import { stopProcess, waitHealthy } from '../scripts/processes';
import { Client } from 'pg';
import { sql } from './support/db';
import { gql, gqlData } from './support/graphql';
import { freePort } from './support/ports';

/** The commands a new user runs: `npm start` (its compiled entry) and one subgraph alone. */

jest.setTimeout(120_000);

interface Started {
  proc: ChildProcess;
  output: () => string;
}

function run(script: string, args: string[], env: Record<string, string>): Started {
  let output = '';
  const proc = spawn(process.execPath, [join(projectRoot, 'dist', 'scripts', script), ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => (output += String(d)));
  proc.stderr?.on('data', (d) => (output += String(d)));
  return { proc, output: () => output };
}

function waitFor(started: Started, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = started.output().match(pattern);
      if (m) {
        clearInterval(timer);
        resolve(m);
      } else if (started.proc.exitCode !== null || Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`no ${pattern} in output:\n${started.output().slice(-3000)}`));
      }
    }, 50);
    const deadline = Date.now() + timeoutMs;
  });
}

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve(proc.exitCode);
    proc.once('exit', (code) => resolve(code));
  });
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch {
    return true;
  }
}

describe('npm start', () => {
  const dataDir = join(process.env.TEST_DATA_DIR!, 'start');

  beforeAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts PostgreSQL, seeds, serves the gateway, stops cleanly on Ctrl-C and restarts on its data', async () => {
    const env = {
      VUXHUB_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      PROVIDERS_PORT: String(await freePort()),
      OFFERINGS_PORT: String(await freePort()),
      // Unset (empty): the development keys go where the defaults say, under the data directory.
      AUTH_JWKS_PATH: '',
      AUTH_DEV_SIGNING_KEY_PATH: '',
    };
    const first = run('start.js', [], env);
    const [, url] = await waitFor(first, /vuxhub is running: (\S+)/, 90_000);
    expect(url).toBe(`http://localhost:${env.PORT}/graphql`);
    expect(first.output()).toMatch(/seeded offerings: \d+ courses, \d{4,} offerings/);
    const base = url!.replace(/\/graphql$/, '');
    const data = await gqlData('{ municipalities { code } offerings(first: 1) { totalCount } }', undefined, base);
    expect(data.municipalities).toHaveLength(26);
    expect(data.offerings.totalCount).toBeGreaterThanOrEqual(5000);
    expect(existsSync(join(dataDir, 'auth', 'jwks.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'auth', 'dev-signing-key.json'))).toBe(true);

    const stoppingAt = Date.now();
    first.proc.kill('SIGINT');
    expect(await exited(first.proc)).toBe(0);
    // idle keep-alive connections and Apollo's own signal handling must not hold the shutdown up
    expect(Date.now() - stoppingAt).toBeLessThan(5000);
    for (const port of [env.PORT, env.PROVIDERS_PORT, env.OFFERINGS_PORT]) {
      expect(await refused(`http://localhost:${port}/health`)).toBe(true);
    }
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const restartedAt = Date.now();
    const second = run('start.js', [], env);
    await waitFor(second, /vuxhub is running/, 60_000);
    const restartMs = Date.now() - restartedAt;
    expect(second.output()).not.toMatch(/seeded/);
    expect(restartMs).toBeLessThan(20_000);
    const again = await gqlData('{ offerings(first: 1) { totalCount } }', undefined, base);
    expect(again.offerings.totalCount).toBe(data.offerings.totalCount);
    second.proc.kill('SIGTERM');
    expect(await exited(second.proc)).toBe(0);
  });
});

describe('npm run subgraph -- offerings --municipality 0182', () => {
  it('runs one municipality’s instance on its own database with only its offerings', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL_OFFERINGS!;
    await ensureDatabase(serverUrl, 'nacka_offerings');
    const port = await freePort();
    const instance = run('subgraph.js', ['offerings', '--municipality', '0182', '--port', String(port)], {
      DATABASE_URL: databaseUrl(serverUrl, 'nacka_offerings'),
    });
    try {
      await waitHealthy(`http://localhost:${port}/health`, 60_000, instance.proc);
      const data = await gqlData(
        '{ offerings(first: 100) { totalCount facets { municipalities { municipality { code } count } } } }',
        undefined,
        `http://localhost:${port}`,
      );
      expect(data.offerings.totalCount).toBeGreaterThan(0);
      expect(data.offerings.facets.municipalities).toEqual([
        { municipality: { code: '0182' }, count: data.offerings.totalCount },
      ]);
    } finally {
      await stopProcess(instance.proc);
    }
  });

  it('refuses a code outside the county before touching the database', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL_OFFERINGS!;
    await ensureDatabase(serverUrl, 'nowhere_offerings');
    const bad = run('subgraph.js', ['offerings', '--municipality', '9999'], {
      DATABASE_URL: databaseUrl(serverUrl, 'nowhere_offerings'),
    });
    expect(await exited(bad.proc)).toBe(2);
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
    expect(await exited(regional.proc)).toBe(2);
    expect(regional.output()).toMatch(/providers is regional/);
    const noDb = run('subgraph.js', ['offerings'], { DATABASE_URL: '' });
    expect(await exited(noDb.proc)).toBe(2);
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
      const port = await freePort();
      const gateway = run('../gateway/main.js', [], {
        PORT: String(port),
        SUBGRAPH_URL_PROVIDERS: refusing?.url ?? `http://localhost:${await freePort()}/graphql`,
        SUBGRAPH_URL_OFFERINGS: `${process.env.TEST_OFFERINGS_URL}/graphql`,
        SUBGRAPH_TIMEOUT_MS: '2000',
      });
      try {
        await waitFor(gateway, /gateway ready/, 30_000);
        const health = await fetch(`http://localhost:${port}/health`);
        expect(health.status).toBe(503);
        expect(await health.json()).toEqual({ status: 'unavailable', subgraphs: { providers: status, offerings: 'ok' } });
        const base = `http://localhost:${port}`;
        const own = await gqlData('{ offerings(first: 2) { totalCount edges { node { id } } } }', undefined, base);
        expect(own.offerings.totalCount).toBeGreaterThanOrEqual(5000);
        expect(own.offerings.edges).toHaveLength(2);
        const needsProviders = await gql('{ offerings(first: 2) { edges { node { id provider { name } } } } }', undefined, base);
        expect(needsProviders.errors?.[0]).toMatchObject({
          message,
          extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'providers' },
        });
        expect(JSON.stringify(needsProviders)).not.toMatch(/internal|127\.0\.0\.1|localhost|ECONNREFUSED|\.js:\d/);
      } finally {
        await stopProcess(gateway.proc);
        await refusing?.close();
      }
    },
  );
});
