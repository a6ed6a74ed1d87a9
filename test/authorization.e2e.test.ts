import { sql } from './support/db';
import { type GraphQLAnswer, errorCodes, gqlAs } from './support/graphql';
import { type Claims, token } from './support/tokens';

/**
 * Who may see and change what, through the gateway: one row per role and operation.
 * Allowed rows get data (scoped roles only their municipality's or provider's rows);
 * denied rows get UNAUTHENTICATED (no token) or FORBIDDEN and no data.
 */

interface Fixture {
  /** A provider with contracts in Stockholm (0180) and at least one other municipality. */
  provider: string;
  /** A provider without any contract with 0180. */
  otherProvider: string;
  /** An offering organised by 0180 and taught by `provider`. */
  offering: string;
  seats: number;
  contracts: { id: string; provider_id: string; municipality_code: string }[];
}

let f: Fixture;

beforeAll(async () => {
  const contracts = await sql<Fixture['contracts'][number]>(
    'providers',
    'SELECT id, provider_id, municipality_code FROM contracts ORDER BY id',
  );
  const municipalitiesOf = (p: string) => new Set(contracts.filter((c) => c.provider_id === p).map((c) => c.municipality_code));
  const providers = [...new Set(contracts.map((c) => c.provider_id))].sort();
  const provider = providers.find((p) => municipalitiesOf(p).has('0180') && municipalitiesOf(p).size > 1);
  const otherProvider = providers.find((p) => !municipalitiesOf(p).has('0180'));
  const [offering] = await sql<{ id: string; seats: number }>(
    'offerings',
    `SELECT id, seats FROM offerings WHERE municipality_code = '0180' AND provider_id = $1 ORDER BY id LIMIT 1`,
    [provider],
  );
  if (!provider || !otherProvider || !offering) throw new Error('the seed lacks the providers this test needs');
  f = { provider, otherProvider, offering: offering.id, seats: offering.seats, contracts };
  nextSeats = offering.seats + 7;
});

afterAll(async () => {
  await sql('offerings', 'UPDATE offerings SET seats = $2 WHERE id = $1', [f.offering, f.seats]);
});

type Who = 'anonymous' | 'applicant' | 'statistician' | 'officer 0180' | 'officer 0182' | 'provider' | 'other provider' | 'admin';

function claimsOf(who: Who): Claims | undefined {
  switch (who) {
    case 'anonymous':
      return undefined;
    case 'applicant':
      return { role: 'applicant', sub: 'applicant-17' };
    case 'officer 0180':
      return { role: 'officer', municipality: '0180' };
    case 'officer 0182':
      return { role: 'officer', municipality: '0182' };
    case 'provider':
      return { role: 'provider', provider: f.provider };
    case 'other provider':
      return { role: 'provider', provider: f.otherProvider };
    default:
      return { role: who };
  }
}

async function ask(who: Who, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> {
  const claims = claimsOf(who);
  return gqlAs(claims ? await token(claims) : undefined, query, variables);
}

type Check = (answer: GraphQLAnswer) => void | Promise<void>;

/** A denied row: the code, and nothing of the protected data (the rest of the answer still comes). */
const denied =
  (code: 'UNAUTHENTICATED' | 'FORBIDDEN', emptyAt: (data: any) => unknown, rest?: (data: any) => unknown): Check =>
  (answer) => {
    expect(errorCodes(answer)).toEqual([code]);
    expect(answer.status).toBe(200);
    expect(emptyAt(answer.data) ?? null).toBeNull();
    if (rest) expect(rest(answer.data)).toBeTruthy();
  };

const ids = (list: { id: string }[]) => list.map((c) => c.id).sort();
const contractsWhere = (pred: (c: Fixture['contracts'][number]) => boolean) => f.contracts.filter(pred).map((c) => c.id).sort();

const CATALOGUE = `{ offerings(filter: { municipalities: ["0180"] }, first: 2) { totalCount edges { node { id provider { name } } } }
  municipality(code: "0180") { name } }`;
const VIEWER = `{ viewer { role municipality { code } provider { id } } }`;
const MUNICIPALITY_CONTRACTS = `{ municipality(code: "0180") { name contracts { id municipality { code } provider { id } } } }`;
const PROVIDER_CONTRACTS = `query($id: ID!) { provider(id: $id) { name contracts { id municipality { code } } } }`;
const STATISTICS = `query($m: [ID!]) { contractStatistics(municipalities: $m) { municipality { code } procurementModel contracts providers } }`;
const UPDATE = `mutation($id: ID!, $seats: Int!) { updateOffering(id: $id, input: { seats: $seats }) { id seats } }`;

const catalogueOk: Check = (a) => {
  expect(a.errors).toBeUndefined();
  expect(a.data.offerings.totalCount).toBeGreaterThan(0);
  expect(a.data.municipality.name).toBe('Stockholm');
};

const viewerIs =
  (role: string, municipality: string | null, provider: () => string | null): Check =>
  (a) => {
    expect(a.errors).toBeUndefined();
    expect(a.data.viewer).toEqual({
      role,
      municipality: municipality ? { code: municipality } : null,
      provider: provider() ? { id: provider() } : null,
    });
  };

const municipalityContracts =
  (expected: () => string[]): Check =>
  (a) => {
    expect(a.errors).toBeUndefined();
    expect(ids(a.data.municipality.contracts)).toEqual(expected());
    expect(a.data.municipality.contracts.length).toBeGreaterThan(0);
  };

const providerContracts =
  (expected: () => string[]): Check =>
  (a) => {
    expect(a.errors).toBeUndefined();
    expect(ids(a.data.provider.contracts)).toEqual(expected());
    expect(a.data.provider.contracts.length).toBeGreaterThan(0);
  };

const statisticsOf =
  (municipalities: 'all' | string[]): Check =>
  (a) => {
    expect(a.errors).toBeUndefined();
    const codes = [...new Set(a.data.contractStatistics.map((s: any) => s.municipality.code))];
    if (municipalities === 'all') expect(codes.length).toBe(26);
    else expect(codes).toEqual(municipalities);
    for (const s of a.data.contractStatistics) expect(s.contracts).toBeGreaterThanOrEqual(s.providers);
  };

/** Seats a denied change would have set; each allowed change sets one more. */
let nextSeats = 0;
const updated: Check = async (a) => {
  expect(a.errors).toBeUndefined();
  const [row] = await sql<{ seats: number }>('offerings', 'SELECT seats FROM offerings WHERE id = $1', [f.offering]);
  expect(a.data.updateOffering).toEqual({ id: f.offering, seats: nextSeats });
  expect(row!.seats).toBe(nextSeats);
};
const notUpdated =
  (code: 'UNAUTHENTICATED' | 'FORBIDDEN'): Check =>
  async (a) => {
    denied(code, (d) => d)(a);
    // The denied rows run before any allowed change: the seats are still the seeded ones.
    const [row] = await sql<{ seats: number }>('offerings', 'SELECT seats FROM offerings WHERE id = $1', [f.offering]);
    expect(row!.seats).toBe(f.seats);
  };

type Row = [Who, string, string, () => Record<string, unknown> | undefined, Check];

const ROWS: Row[] = [
  // The public catalogue: everyone.
  ['anonymous', 'catalogue', CATALOGUE, () => undefined, catalogueOk],
  ['applicant', 'catalogue', CATALOGUE, () => undefined, catalogueOk],
  ['statistician', 'catalogue', CATALOGUE, () => undefined, catalogueOk],
  ['officer 0180', 'catalogue', CATALOGUE, () => undefined, catalogueOk],
  ['provider', 'catalogue', CATALOGUE, () => undefined, catalogueOk],
  ['admin', 'catalogue', CATALOGUE, () => undefined, catalogueOk],
  // Who am I.
  ['anonymous', 'viewer', VIEWER, () => undefined, viewerIs('ANONYMOUS', null, () => null)],
  ['applicant', 'viewer', VIEWER, () => undefined, viewerIs('APPLICANT', null, () => null)],
  ['statistician', 'viewer', VIEWER, () => undefined, viewerIs('STATISTICIAN', null, () => null)],
  ['officer 0182', 'viewer', VIEWER, () => undefined, viewerIs('OFFICER', '0182', () => null)],
  ['provider', 'viewer', VIEWER, () => undefined, viewerIs('PROVIDER', null, () => f.provider)],
  ['admin', 'viewer', VIEWER, () => undefined, viewerIs('ADMIN', null, () => null)],
  // A municipality's contracts: its officers, the providers holding them (their own), admins.
  ['anonymous', 'Municipality.contracts', MUNICIPALITY_CONTRACTS, () => undefined, denied('UNAUTHENTICATED', (d) => d.municipality.contracts, (d) => d.municipality.name)],
  ['applicant', 'Municipality.contracts', MUNICIPALITY_CONTRACTS, () => undefined, denied('FORBIDDEN', (d) => d.municipality.contracts, (d) => d.municipality.name)],
  ['statistician', 'Municipality.contracts', MUNICIPALITY_CONTRACTS, () => undefined, denied('FORBIDDEN', (d) => d.municipality.contracts, (d) => d.municipality.name)],
  ['officer 0180', 'Municipality.contracts', MUNICIPALITY_CONTRACTS, () => undefined,
    municipalityContracts(() => contractsWhere((c) => c.municipality_code === '0180'))],
  ['officer 0182', 'Municipality.contracts', MUNICIPALITY_CONTRACTS, () => undefined, denied('FORBIDDEN', (d) => d.municipality.contracts, (d) => d.municipality.name)],
  ['provider', 'Municipality.contracts', MUNICIPALITY_CONTRACTS, () => undefined,
    municipalityContracts(() => contractsWhere((c) => c.municipality_code === '0180' && c.provider_id === f.provider))],
  ['admin', 'Municipality.contracts', MUNICIPALITY_CONTRACTS, () => undefined,
    municipalityContracts(() => contractsWhere((c) => c.municipality_code === '0180'))],
  // A provider's contracts: an officer sees only those with their municipality.
  ['anonymous', 'Provider.contracts', PROVIDER_CONTRACTS, () => ({ id: f.provider }), denied('UNAUTHENTICATED', (d) => d.provider.contracts, (d) => d.provider.name)],
  ['applicant', 'Provider.contracts', PROVIDER_CONTRACTS, () => ({ id: f.provider }), denied('FORBIDDEN', (d) => d.provider.contracts, (d) => d.provider.name)],
  ['statistician', 'Provider.contracts', PROVIDER_CONTRACTS, () => ({ id: f.provider }), denied('FORBIDDEN', (d) => d.provider.contracts, (d) => d.provider.name)],
  ['officer 0180', 'Provider.contracts', PROVIDER_CONTRACTS, () => ({ id: f.provider }),
    providerContracts(() => contractsWhere((c) => c.provider_id === f.provider && c.municipality_code === '0180'))],
  ['provider', 'Provider.contracts', PROVIDER_CONTRACTS, () => ({ id: f.provider }),
    providerContracts(() => contractsWhere((c) => c.provider_id === f.provider))],
  ['other provider', 'Provider.contracts', PROVIDER_CONTRACTS, () => ({ id: f.provider }), denied('FORBIDDEN', (d) => d.provider.contracts, (d) => d.provider.name)],
  ['admin', 'Provider.contracts', PROVIDER_CONTRACTS, () => ({ id: f.provider }),
    providerContracts(() => contractsWhere((c) => c.provider_id === f.provider))],
  // Aggregates: statisticians (the region), officers (their municipality), admins.
  ['anonymous', 'contractStatistics', STATISTICS, () => undefined, denied('UNAUTHENTICATED', (d) => d)],
  ['applicant', 'contractStatistics', STATISTICS, () => undefined, denied('FORBIDDEN', (d) => d)],
  ['provider', 'contractStatistics', STATISTICS, () => undefined, denied('FORBIDDEN', (d) => d)],
  ['statistician', 'contractStatistics', STATISTICS, () => undefined, statisticsOf('all')],
  ['officer 0180', 'contractStatistics', STATISTICS, () => undefined, statisticsOf(['0180'])],
  ['officer 0180', 'contractStatistics of 0182', STATISTICS, () => ({ m: ['0182'] }), denied('FORBIDDEN', (d) => d)],
  ['admin', 'contractStatistics', STATISTICS, () => undefined, statisticsOf('all')],
  // Changing an offering: the organising municipality's officers, its provider, admins.
  ['anonymous', 'updateOffering', UPDATE, () => ({ id: f.offering, seats: nextSeats }), notUpdated('UNAUTHENTICATED')],
  ['applicant', 'updateOffering', UPDATE, () => ({ id: f.offering, seats: nextSeats }), notUpdated('FORBIDDEN')],
  ['statistician', 'updateOffering', UPDATE, () => ({ id: f.offering, seats: nextSeats }), notUpdated('FORBIDDEN')],
  ['officer 0182', 'updateOffering', UPDATE, () => ({ id: f.offering, seats: nextSeats }), notUpdated('FORBIDDEN')],
  ['other provider', 'updateOffering', UPDATE, () => ({ id: f.offering, seats: nextSeats }), notUpdated('FORBIDDEN')],
  ['officer 0180', 'updateOffering', UPDATE, () => ({ id: f.offering, seats: ++nextSeats }), updated],
  ['provider', 'updateOffering', UPDATE, () => ({ id: f.offering, seats: ++nextSeats }), updated],
  ['admin', 'updateOffering', UPDATE, () => ({ id: f.offering, seats: ++nextSeats }), updated],
];

describe('role × operation through the gateway', () => {
  it.each(ROWS.map((r) => [r[0], r[1], r] as const))('%s: %s', async (_who, _op, [who, , query, variables, check]) => {
    await check(await ask(who, query, variables()));
  });
});

it('has at least 30 rows, over every role', () => {
  expect(ROWS.length).toBeGreaterThanOrEqual(30);
  expect(new Set(ROWS.map((r) => claimsOf(r[0])?.role ?? 'anonymous')).size).toBe(6);
});
