import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../common/paths';
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
/** Offerings of the default instance's municipality still to start that nobody has applied for (the seed's applicants neither). */
const applied = new Set([...region.applications.map((a) => a.offeringId), ...region.offeringCancellations.map((c) => c.offeringId)]);
const untouched = region.offerings.filter((o) => o.municipalityCode === DEFAULT_MUNICIPALITY && o.startDate > today && !applied.has(o.id));
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

/** Runs SQL on one instance's own database. */
async function onInstance<T = any>(d: Deployment, subgraph: string, which: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: d.instance(subgraph, which).databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function gatewayAsk(d: Deployment, query: string, bearer?: string, variables?: Record<string, unknown>) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(`${d.gateway}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

/** Asks until `done` holds (the gateway re-checks instances every few seconds); bounded by jest's timeout. */
async function eventually<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  for (;;) {
    const answer = await ask();
    if (done(answer)) return answer;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('writes, failures and changes in the sharded region', () => {
  it('writes a mutation for a municipality on its own instance there and nowhere else', async () => {
    const id = offeringOf(OWN[0]!);
    const [before] = await onInstance(sharded, 'offerings', OWN[0]!, 'SELECT seats FROM offerings WHERE id = $1', [id]);
    const answer = await gatewayAsk(sharded, `mutation { updateOffering(id: "${id}", input: { seats: ${before.seats + 7} }) { id seats } }`, bearers.admin);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.updateOffering.seats).toBe(before.seats + 7);
    expect(await onInstance(sharded, 'offerings', OWN[0]!, 'SELECT seats FROM offerings WHERE id = $1', [id])).toEqual([{ seats: before.seats + 7 }]);
    for (const other of ['default', OWN[1]!]) expect(await onInstance(sharded, 'offerings', other, 'SELECT 1 FROM offerings WHERE id = $1', [id])).toEqual([]);
    expect(await onInstance(single, 'offerings', 'default', 'SELECT seats FROM offerings WHERE id = $1', [id])).toEqual([{ seats: before.seats }]);
  });

  it('shows 3 + 3 applicants from two instances as 6, while an instance gives a 3 to nobody but the gateway', async () => {
    const offering = untouched[0]!;
    await onInstance(sharded, 'offerings', 'default', 'UPDATE offerings SET application_opens = current_date - 1, application_closes = current_date + 7 WHERE id = $1', [offering.id]);
    const before = await gatewayAsk(sharded, `{ offering(id: "${offering.id}") { applicationStats { applicants { value } } } }`, bearers.statistician);
    const already = before.data.offering.applicationStats.applicants.value ?? 0;
    expect(already).toBe(0);
    for (const home of [OWN[0]!, OWN[0]!, OWN[0]!, DEFAULT_MUNICIPALITY, DEFAULT_MUNICIPALITY, DEFAULT_MUNICIPALITY]) {
      const sub = `sharded-applicant-${home}-${Math.random().toString(36).slice(2)}`;
      const bearer = await token({ role: 'applicant', sub, municipality: home });
      const pin = `19${70 + Math.floor(Math.random() * 29)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`;
      const number = withCheckDigit(`${pin}-9${Math.floor(Math.random() * 90) + 10}`);
      const saved = await gatewayAsk(sharded, 'mutation($i: ApplicantInput!) { saveApplicantProfile(input: $i) { id } }', bearer, {
        i: { personalIdentityNumber: number, givenName: 'Delad', familyName: 'Region', homeMunicipality: home, educationLevel: 'NONE', labourMarketStatus: 'UNEMPLOYED', needsSwedish: true },
      });
      expect(saved.errors).toBeUndefined();
      const sent = await gatewayAsk(sharded, `mutation { submitApplication(input: { offeringId: "${offering.id}" }, idempotencyKey: "${sub}") { id } }`, bearer);
      expect(sent.errors).toBeUndefined();
      expect(sent.data.submitApplication.id.startsWith(`${home}-`)).toBe(true);
    }
    // Each home's applications are on its own instance.
    const onOwn = await onInstance(sharded, 'applications', OWN[0]!, 'SELECT count(*)::int AS n FROM applications WHERE offering_id = $1', [offering.id]);
    const onDefault = await onInstance(sharded, 'applications', 'default', 'SELECT count(*)::int AS n FROM applications WHERE offering_id = $1', [offering.id]);
    expect([onOwn[0].n, onDefault[0].n]).toEqual([3, 3]);
    const merged = await gatewayAsk(sharded, `{ offering(id: "${offering.id}") { applicationStats { applicants { value suppressed } firstChoiceApplicants { value suppressed } } } }`, bearers.statistician);
    expect(merged.data.offering.applicationStats).toEqual({ applicants: { value: 6, suppressed: false }, firstChoiceApplicants: { value: 6, suppressed: false } });
    // Asked directly, each instance suppresses its 3, for a statistician and for a forged gateway claim alike.
    const direct = (headers: Record<string, string>) =>
      fetch(`${sharded.instance('applications', OWN[0]!).base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearers.statistician}`, ...headers },
        body: JSON.stringify({
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Offering { applicationStats { applicants { value suppressed } } } } }',
          variables: { r: [{ __typename: 'Offering', id: offering.id, seatsLeft: 10 }] },
        }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const plain = await direct({});
    expect(plain.body.data._entities[0].applicationStats.applicants).toEqual({ value: null, suppressed: true });
    const forged = await direct({ 'x-vuxhub-gateway': `Bearer ${await token({ role: 'service', sub: 'gateway' }, { foreignKey: true })}` });
    expect(forged.status).toBe(401);
    const notGateway = await direct({ 'x-vuxhub-gateway': `Bearer ${await token({ role: 'service', sub: 'applications' })}` });
    expect(notGateway.body.data._entities[0].applicationStats.applicants).toEqual({ value: null, suppressed: true });
  });

  it('cancels an offering’s applications on every applications instance', async () => {
    const offering = untouched[1]!;
    await onInstance(sharded, 'offerings', 'default', 'UPDATE offerings SET application_opens = current_date - 1, application_closes = current_date + 7 WHERE id = $1', [offering.id]);
    const ids: string[] = [];
    for (const home of [OWN[0]!, DEFAULT_MUNICIPALITY]) {
      const sub = `cancel-applicant-${home}-${Math.random().toString(36).slice(2)}`;
      const bearer = await token({ role: 'applicant', sub, municipality: home });
      const number = withCheckDigit(`19${60 + Math.floor(Math.random() * 30)}0${1 + Math.floor(Math.random() * 9)}2${Math.floor(Math.random() * 8)}-9${Math.floor(Math.random() * 90) + 10}`);
      await gatewayAsk(sharded, 'mutation($i: ApplicantInput!) { saveApplicantProfile(input: $i) { id } }', bearer, {
        i: { personalIdentityNumber: number, givenName: 'Inställd', familyName: 'Kurs', homeMunicipality: home, educationLevel: 'COMPULSORY', labourMarketStatus: 'OTHER', needsSwedish: false },
      });
      const sent = await gatewayAsk(sharded, `mutation { submitApplication(input: { offeringId: "${offering.id}" }, idempotencyKey: "${sub}") { id } }`, bearer);
      expect(sent.errors).toBeUndefined();
      ids.push(sent.data.submitApplication.id);
    }
    const officer = await token({ role: 'officer', municipality: DEFAULT_MUNICIPALITY });
    const done = await gatewayAsk(sharded, `mutation { cancelOffering(id: "${offering.id}", reason: "För få sökande") }`, officer);
    expect(done).toEqual({ data: { cancelOffering: 2 } });
    const [own] = await onInstance(sharded, 'applications', OWN[0]!, 'SELECT status FROM applications WHERE id = $1', [ids[0]]);
    const [dflt] = await onInstance(sharded, 'applications', 'default', 'SELECT status FROM applications WHERE id = $1', [ids[1]]);
    expect([own.status, dflt.status]).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('leaves a killed instance’s municipalities out, naming them, and is whole again once it is back', async () => {
    const query = `{ offerings(filter: { municipalities: ["${OWN[1]}", "${DEFAULT_MUNICIPALITY}"] }, first: 5) { totalCount edges { node { id } } } }`;
    const whole = await gatewayAsk(single, query);
    await sharded.kill('offerings', OWN[1]!);
    const partial = await gatewayAsk(sharded, query);
    expect(partial.errors?.map((e) => e.extensions?.code)).toEqual(['SHARD_UNAVAILABLE']);
    expect(partial.errors?.[0]?.extensions?.municipalities).toEqual([OWN[1]]);
    const defaultOnly = region.offerings.filter((o) => o.municipalityCode === DEFAULT_MUNICIPALITY).length;
    expect(partial.data.offerings.totalCount).toBe(defaultOnly);
    expect(partial.data.offerings.edges.every((e: any) => e.node.id.startsWith(DEFAULT_MUNICIPALITY))).toBe(true);
    await sharded.restart('offerings', OWN[1]!);
    const back = await eventually(() => gatewayAsk(sharded, query), (a) => !a.errors);
    expect(back).toEqual(whole);
  });

  it('takes a changed shard map without a restart, and refuses an instance whose schema does not fit', async () => {
    // A municipality's instance that dropped a field of the region's contract.
    const sdl = readFileSync(join(projectRoot, 'schema', 'offerings.graphql'), 'utf8').replace('  seats: Int!\n', '');
    const stub = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { _service: { sdl }, __typename: 'Query' } }));
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, 'localhost', resolve));
    const stubUrl = `http://localhost:${(stub.address() as AddressInfo).port}/graphql`;
    const original = structuredClone(sharded.shardMap);
    const query = `{ offerings(filter: { municipalities: ["0138"] }, first: 3) { totalCount } }`;
    try {
      const changed = structuredClone(original);
      changed.offerings!.municipalities = { ...changed.offerings!.municipalities, '0138': stubUrl };
      sharded.writeShardMap(changed);
      sharded.signalGateway('SIGHUP');
      // Not routed to while it is checked, then refused with the reason.
      const refused = await eventually(() => gatewayAsk(sharded, query), (a) => /does not fit/.test(a.errors?.[0]?.message ?? ''));
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SHARD_UNAVAILABLE', municipalities: ['0138'] });
      expect(refused.errors?.[0]?.message).toMatch(/does not fit the region’s contract/);
      const health = await fetch(`${sharded.gateway}/health`).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      expect(health.status).toBe(503);
      const stubHealth = health.body.subgraphs.offerings.instances.find((i: any) => Array.isArray(i.municipalities) && i.municipalities.includes('0138'));
      expect(stubHealth).toMatchObject({ status: 'refused' });
      expect(stubHealth.reason).toMatch(/seats/);
      expect((await fetch(`${sharded.gateway}/health/live`)).status).toBe(200);
    } finally {
      sharded.writeShardMap(original);
      sharded.signalGateway('SIGHUP');
      stub.close();
    }
    const restored = await eventually(() => gatewayAsk(sharded, query), (a) => !a.errors);
    expect(restored).toEqual(await gatewayAsk(single, query));
  });
});

function withCheckDigit(nineDigitsWithDash: string): string {
  const [date = '', serial = ''] = nineDigitsWithDash.split('-');
  const nine = date.slice(2) + serial;
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${date}-${serial}${(10 - (sum % 10)) % 10}`;
}
