import { Client } from 'pg';
import { generateRegion } from '../scripts/seed/generate';
import { termOf, previousTerm } from '../subgraphs/kit/terms';
import type { RegionData } from '../subgraphs/kit/region-data';
import { type Deployment, startDeployment } from './support/deployment';
import { type CorpusEntry, corpus } from './sharding-corpus';
import { token } from './support/tokens';

/**
 * The region over several instances answers exactly as over one: the same seed in a
 * one-instance deployment and in one where Nacka and Stockholm run their own offerings
 * and applications instances (each its own process and database), the same corpus of
 * queries, the same JSON (order and cursors included).
 */

jest.setTimeout(300_000);

const OWN = ['0182', '0180'];
const DEFAULT_MUNICIPALITY = '0114';

const region: RegionData = generateRegion({ scale: 1, today: new Date() });
const offeringOf = (code: string) => region.offerings.find((o) => o.municipalityCode === code)!.id;
const reach = new Map<string, Set<string>>();
for (const o of region.offerings) reach.set(o.providerId, (reach.get(o.providerId) ?? new Set()).add(o.municipalityCode));
/** The provider offering in the most municipalities. */
const provider = [...reach].sort((a, b) => b[1].size - a[1].size)[0]![0];
const today = new Date().toISOString().slice(0, 10);
const entries: CorpusEntry[] = corpus({
    ownOffering: offeringOf(OWN[0]!),
    otherOwnOffering: offeringOf(OWN[1]!),
    defaultOffering: offeringOf(DEFAULT_MUNICIPALITY),
    provider,
    term: termOf(today),
    pastTerm: previousTerm(termOf(today)),
    own: OWN[0]!,
    otherOwn: OWN[1]!,
    defaultMunicipality: DEFAULT_MUNICIPALITY,
});

let single: Deployment;
let sharded: Deployment;
let bearers: Record<string, string>;

beforeAll(async () => {
  const data = () => region;
  [single, sharded] = await Promise.all([startDeployment('single', [], data), startDeployment('sharded', OWN, data)]);
  bearers = {
    statistician: await token({ role: 'statistician' }),
    admin: await token({ role: 'admin' }),
    'officer-own': await token({ role: 'officer', municipality: OWN[0] }),
    'officer-default': await token({ role: 'officer', municipality: DEFAULT_MUNICIPALITY }),
    provider: await token({ role: 'provider', provider }),
  };
});

afterAll(async () => {
  await Promise.all([single?.stop(), sharded?.stop()]);
});

async function ask(d: Deployment, entry: CorpusEntry, variables: Record<string, unknown> = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (entry.as) headers.authorization = `Bearer ${bearers[entry.as]}`;
  const res = await fetch(`${d.gateway}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: entry.query, variables: { ...entry.variables, ...variables } }),
  });
  return { status: res.status, text: await res.text() };
}

/** Every page of the entry (one unless it pages), as the raw answers. */
async function answers(d: Deployment, entry: CorpusEntry): Promise<string[]> {
  const out: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const { status, text } = await ask(d, entry, entry.pages ? { after } : {});
    out.push(`${status} ${text}`);
    if (!entry.pages) break;
    let conn = JSON.parse(text).data;
    for (const key of entry.pages) conn = conn?.[key];
    if (!conn?.pageInfo?.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return out;
}

it('has a corpus of at least 40 queries', () => {
  expect(entries.length).toBeGreaterThanOrEqual(40);
});

describe('answers every query of the corpus exactly as one instance does', () => {
  it.each(entries.map((e) => [e.name, e] as const))('%s', async (_name, entry) => {
    const [one, many] = await Promise.all([answers(single, entry), answers(sharded, entry)]);
    expect({ name: entry.name, answers: many }).toEqual({ name: entry.name, answers: one });
    // Not vacuous: an answer with data, or the refusal the entry is about.
    expect(one[0]).toMatch(/"data"|"errors"/);
  });
});

it('really spreads the data: each municipality’s rows are on its own instance only', async () => {
  const count = async (url: string, code: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query('SELECT count(*)::int AS n FROM offerings WHERE municipality_code = $1', [code])).rows[0].n as number;
    } finally {
      await client.end();
    }
  };
  const expected = region.offerings.filter((o) => o.municipalityCode === OWN[0]).length;
  expect(expected).toBeGreaterThan(0);
  expect(await count(sharded.instance('offerings', OWN[0]!).databaseUrl, OWN[0]!)).toBe(expected);
  expect(await count(sharded.instance('offerings', 'default').databaseUrl, OWN[0]!)).toBe(0);
  expect(await count(sharded.instance('offerings', 'default').databaseUrl, DEFAULT_MUNICIPALITY)).toBeGreaterThan(0);
  const entry = { name: 'count', query: `{ offerings(filter: { municipalities: ["${OWN[0]}"] }, first: 0) { totalCount } }` };
  const [answer] = await answers(sharded, entry);
  expect(JSON.parse(answer!.slice(4)).data.offerings.totalCount).toBe(expected);
});
