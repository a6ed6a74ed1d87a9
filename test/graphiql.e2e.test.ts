import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { projectRoot } from '../common/paths';
import { gatewayUrl, subgraphEnv, subgraphUrl } from './support/graphql';
import { startService, stopServices } from './support/services';

/** GraphiQL at GET /graphql for browsers: from the installed packages, offline, with the README's examples. */

jest.setTimeout(90_000);

/** What Chromium sends when it navigates to a page. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
const CHROMIUM = '/usr/bin/chromium';

const openPage = (base: string) => fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });

/** The operations of the README's ```graphql blocks. */
function readmeOperations(): string[] {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  return readme
    .split(/^```graphql\r?\n/m)
    .slice(1)
    .map((block) => block.slice(0, block.search(/^```/m)).trimEnd());
}

/** The page's configuration, from its JSON data block. */
function pageConfig(html: string): { tabs: { query: string; headers?: string }[] } {
  const m = /<script type="application\/json" id="graphiql-config">([\s\S]*?)<\/script>/.exec(html);
  if (!m?.[1]) throw new Error('no GraphiQL configuration in the page');
  return JSON.parse(m[1]);
}

/** Every src and href of the page. */
const references = (html: string) =>
  [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((ref) => !ref.startsWith('data:'));

describe('GraphiQL on the (development) gateway', () => {
  let html: string;
  let res: Response;

  beforeAll(async () => {
    res = await openPage(gatewayUrl());
    html = await res.text();
  });

  it('is served for a browser GET /graphql, with a Content-Security-Policy of its own origin only', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<div id="graphiql">');
    expect(html).toContain('graphiql/graphiql-start.js');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    // no inline script runs: only data blocks and scripts from files
    expect(html.match(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)).toBeNull();
  });

  it('refers to nothing on other hosts', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/(?:src|href)="\/\//);
    expect(references(html).length).toBeGreaterThanOrEqual(5);
  });

  it('serves every asset it refers to, with its content type and a cache header', async () => {
    const base = `${gatewayUrl()}/graphql`;
    for (const ref of references(html)) {
      const url = new URL(ref, base);
      expect(url.origin).toBe(new URL(base).origin);
      const asset = await fetch(url);
      const body = await asset.arrayBuffer();
      const type = ref.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      expect({ ref, status: asset.status, type: asset.headers.get('content-type') }).toEqual({ ref, status: 200, type });
      expect(body.byteLength).toBeGreaterThan(100);
      expect(asset.headers.get('cache-control')).toMatch(/max-age=\d+/);
      const etag = asset.headers.get('etag');
      expect(etag).toBeTruthy();
      expect((await fetch(url, { headers: { 'if-none-match': etag! } })).status).toBe(304);
    }
  });

  it('opens with the README example operations as tabs', () => {
    const operations = readmeOperations();
    expect(operations.length).toBeGreaterThanOrEqual(4);
    expect(operations[0]).toContain('offerings(');
    expect(operations.some((o) => o.startsWith('mutation'))).toBe(true);
    expect(pageConfig(html).tabs.map((t) => t.query)).toEqual(operations);
  });

  it('leaves GraphQL clients alone: GETs with a query, JSON accepts, POSTs', async () => {
    const query = encodeURIComponent('{ __typename }');
    const get = await fetch(`${gatewayUrl()}/graphql?query=${query}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(get.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json']) {
      const res = await fetch(`${gatewayUrl()}/graphql`, { headers: { accept } });
      expect({ accept, type: res.headers.get('content-type') }).not.toEqual({ accept, type: expect.stringContaining('text/html') });
    }
  });
});

describe('GraphiQL in production mode', () => {
  const productionGateway = async (env: Record<string, string>) =>
    (
      await startService('gateway/main.js', {
        NODE_ENV: 'production',
        GRAPHIQL: '',
        PERSISTED_OPERATIONS_PATH: '',
        ...subgraphEnv(),
        SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
        SUBGRAPH_URL_OFFERINGS: `${subgraphUrl('offerings')}/graphql`,
        ...env,
      })
    ).base;

  let off: string;
  let on: string;

  beforeAll(async () => {
    [off, on] = await Promise.all([productionGateway({}), productionGateway({ GRAPHIQL: 'true' })]);
  });

  afterAll(() => stopServices());

  it('is off by default: a browser gets what Apollo answers, and no assets', async () => {
    const res = await openPage(off);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(text).not.toMatch(/graphiql/i);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect((await fetch(`${off}/graphiql/graphiql.min.js`)).status).toBe(404);
  });

  it('is served with GRAPHIQL=true', async () => {
    const res = await openPage(on);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(pageConfig(html).tabs.map((t) => t.query)).toEqual(readmeOperations());
    expect((await fetch(`${on}/graphiql/graphiql.min.js`)).status).toBe(200);
  });
});

/** Skipped, and saying why, where there is no Chromium. */
const inChromium = (title: string, fn: () => Promise<void>) =>
  existsSync(CHROMIUM) ? it(title, fn) : it.skip(`${title} (skipped: no Chromium at ${CHROMIUM})`, fn);

describe('GraphiQL in Chromium', () => {
  inChromium('loads from the gateway alone, runs the first README example and shows its data', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const origin = new URL(gatewayUrl()).origin;
      const elsewhere: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) elsewhere.push(r.url());
      });
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(String(e)));
      // Every wait is on what the page shows, bounded by jest's timeout alone.
      page.setDefaultTimeout(0);
      await page.goto(`${gatewayUrl()}/graphql`);
      await page.locator('.graphiql-container').waitFor();
      await page.locator('.graphiql-execute-button').click();
      await page.locator('.result-window').filter({ hasText: '"totalCount"' }).waitFor();
      const result = await page.locator('.result-window').innerText();
      expect(result).toContain('"offerings"');
      expect(result).not.toContain('"errors"');
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
