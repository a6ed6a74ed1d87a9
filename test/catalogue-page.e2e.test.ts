import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { gatewayUrl, gql, gqlData } from './support/graphql';

/**
 * The catalogue page served by the gateway (gateway/catalogue/), used the way a person
 * uses it, in Debian's Chromium, against the test run's real gateway and subgraphs. What
 * the page shows is compared with what the API answers for the same question.
 */

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const PAGE_SIZE = 20;
const SEARCH_TEXT = 'svenska';
const NACKA = { code: '0182', name: 'Nacka' };

const SEARCH = `
  query Search($filter: OfferingFilter, $orderBy: OfferingOrder!, $first: Int!) {
    offerings(filter: $filter, orderBy: $orderBy, first: $first) {
      totalCount
      edges { node { id title municipality { name } } }
    }
  }`;

const DETAIL = `
  query Detail($id: ID!) {
    offering(id: $id) {
      title
      provider { name organisationNumber sites { streetAddress postalCode city } }
    }
  }`;

interface SearchAnswer {
  offerings: { totalCount: number; edges: { node: { id: string; title: string; municipality: { name: string } } }[] };
}

/** Text as a person reads it: any run of white space (also no-break spaces) as one space. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A pattern for the whole of `text` as a person reads it: any run of white space as one. */
function wholeText(text: string): RegExp {
  const words = normalise(text).split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^\\s*${words.join('\\s+')}\\s*$`);
}

/** The value shown next to a label in a result ("Kommun" → "Nacka"), from its visible text. */
function shownValue(itemText: string, label: string): string | undefined {
  const lines = itemText.split('\n').map(normalise).filter(Boolean);
  const at = lines.indexOf(label);
  return at < 0 ? undefined : lines[at + 1];
}

function countText(count: number): string {
  return `${new Intl.NumberFormat('sv-SE').format(count)} kurstillfällen`;
}

describe('the catalogue page’s files', () => {
  it('serves the page at / and /catalogue, with a policy allowing only its own origin', async () => {
    for (const path of ['/', '/catalogue']) {
      const res = await fetch(`${gatewayUrl()}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
      expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe|\*|http/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).toContain('<html lang="sv">');
      // No inline script or style: the policy would block them.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('serves the script and the style sheet with their content types', async () => {
    const js = await fetch(`${gatewayUrl()}/catalogue/catalogue.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('query CatalogueSearch(');
    const css = await fetch(`${gatewayUrl()}/catalogue/catalogue.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${gatewayUrl()}/catalogue/nothing.js`)).status).toBe(404);
    expect((await fetch(`${gatewayUrl()}/`, { method: 'POST' })).status).toBe(405);
  });
});

(hasChromium ? describe : describe.skip)(
  hasChromium ? 'the catalogue page in a browser' : `the catalogue page in a browser (skipped: ${CHROMIUM} not found)`,
  () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Console errors (a CSP violation or a failed load is one) and uncaught exceptions. */
  let problems: string[];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    problems = [];
    context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    page = await context.newPage();
    // Every wait is on what the page shows, bounded by jest's timeout alone.
    page.setDefaultTimeout(0);
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });

  afterEach(async () => {
    await context?.close();
  });

  const searchBox = () => page.getByLabel('Sök', { exact: true });
  const resultCount = () => page.getByRole('status');
  const results = () => page.getByRole('list', { name: 'Sökresultat' }).getByRole('listitem');

  /** The titles, link targets and municipalities of the results on screen. */
  async function shownResults() {
    const items = await results().all();
    return Promise.all(
      items.map(async (item) => {
        const link = item.getByRole('link');
        return {
          title: normalise(await link.innerText()),
          href: await link.getAttribute('href'),
          municipality: shownValue(await item.innerText(), 'Kommun'),
        };
      }),
    );
  }

  async function isFocused(locator: Locator): Promise<boolean> {
    return locator.evaluate((element) => element === element.ownerDocument.activeElement);
  }

  it('searches, filters by municipality, shows more, opens an offering and goes back', async () => {
    const filter = { text: SEARCH_TEXT, municipalities: [NACKA.code] };
    const api = await gqlData<SearchAnswer>(SEARCH, { filter, orderBy: 'RELEVANCE', first: 2 * PAGE_SIZE });
    const total = api.offerings.totalCount;
    const apiNodes = api.offerings.edges.map((e) => e.node);
    // The test needs more than two pages of results to show paging.
    expect(total).toBeGreaterThan(2 * PAGE_SIZE);

    await page.goto(`${gatewayUrl()}/`);
    await page.getByRole('heading', { name: 'Kurskatalog', level: 1 }).waitFor();

    // Search: type, choose the municipality, submit with the keyboard.
    await searchBox().fill(SEARCH_TEXT);
    await page.getByLabel('Kommun').selectOption({ label: NACKA.name });
    await searchBox().press('Enter');

    await resultCount().filter({ hasText: wholeText(countText(total)) }).waitFor();
    const firstPage = await shownResults();
    expect(firstPage.map((r) => r.title)).toEqual(apiNodes.slice(0, PAGE_SIZE).map((n) => n.title));
    expect(new Set(firstPage.map((r) => r.municipality))).toEqual(new Set([NACKA.name]));

    // Visa fler: the next page below the first, nothing twice, focus on the first new result.
    await page.getByRole('button', { name: 'Visa fler' }).click();
    await results().nth(2 * PAGE_SIZE - 1).waitFor();
    expect(await results().count()).toBe(2 * PAGE_SIZE);
    const twoPages = await shownResults();
    expect(twoPages.slice(0, PAGE_SIZE)).toEqual(firstPage);
    expect(twoPages.map((r) => r.title)).toEqual(apiNodes.map((n) => n.title));
    expect(twoPages.map((r) => r.href)).toEqual(apiNodes.map((n) => `#/kurstillfalle/${n.id}`));
    expect(new Set(twoPages.map((r) => r.href)).size).toBe(2 * PAGE_SIZE);
    expect(new Set(twoPages.map((r) => r.municipality))).toEqual(new Set([NACKA.name]));
    expect(normalise(await resultCount().innerText())).toBe(normalise(countText(total)));
    expect(await isFocused(results().nth(PAGE_SIZE).getByRole('link'))).toBe(true);

    // The detail view of the first result.
    const first = apiNodes[0]!;
    const { offering } = await gqlData(DETAIL, { id: first.id });
    await results().first().getByRole('link').click();
    const detail = page.getByRole('region', { name: offering.title });
    await detail.getByRole('heading', { name: offering.title, level: 2 }).waitFor();
    expect(await page.getByRole('list', { name: 'Sökresultat' }).isVisible()).toBe(false);
    expect(await detail.getByText(offering.provider.name, { exact: true }).isVisible()).toBe(true);
    expect(await detail.getByText(offering.provider.organisationNumber, { exact: true }).isVisible()).toBe(true);
    const site = offering.provider.sites[0];
    expect(site).toBeDefined();
    expect(await detail.getByText(`${site.streetAddress}, ${site.postalCode} ${site.city}`).first().isVisible()).toBe(true);
    expect(await isFocused(detail.getByRole('heading', { level: 2 }))).toBe(true);

    // Tillbaka: the same list as before, focus on the result that was opened.
    await page.getByRole('button', { name: 'Tillbaka' }).click();
    await results().first().waitFor();
    expect(await detail.isVisible()).toBe(false);
    expect(await shownResults()).toEqual(twoPages);
    expect(await searchBox().inputValue()).toBe(SEARCH_TEXT);
    expect(normalise(await resultCount().innerText())).toBe(normalise(countText(total)));
    expect(await isFocused(results().first().getByRole('link'))).toBe(true);

    expect(problems).toEqual([]);
  });

  it('shows the API’s error message when it refuses a search', async () => {
    const filter = { startsFrom: '2026-06-01', startsTo: '2026-01-01' };
    const answer = await gql(SEARCH, { filter, orderBy: 'START_DATE', first: PAGE_SIZE });
    const message = answer.errors?.[0]?.message;
    expect(message).toMatch(/startsFrom/);

    await page.goto(`${gatewayUrl()}/catalogue`);
    await page.getByLabel('Från', { exact: true }).fill(filter.startsFrom);
    await page.getByLabel('Till', { exact: true }).fill(filter.startsTo);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();

    const alert = page.getByRole('alert');
    await alert.getByText(message!).waitFor();
    expect(normalise(await alert.innerText())).toBe(`Något gick fel: ${message}`);
    expect(await results().count()).toBe(0);
    // The API's refusal is shown, not thrown: no uncaught errors. (The browser logs the
    // refused request's HTTP 400 as a failed resource load; that is all.)
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
