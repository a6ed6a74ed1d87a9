import { offeringsSubgraph } from '../subgraphs/offerings';
import { Role } from '../common/auth/roles';
import { providersSubgraph } from '../subgraphs/providers';
import { sql } from './support/db';
import { type InProcessSubgraph, openSubgraph } from './support/in-process';

/** SQL statements per operation, counted through the TypeORM logger: batches, never one query per row. */

let offerings: InProcessSubgraph;
let providers: InProcessSubgraph;
let providerIds: string[];

beforeAll(async () => {
  offerings = await openSubgraph(offeringsSubgraph);
  providers = await openSubgraph(providersSubgraph);
  providerIds = (await sql<{ id: string }>('providers', 'SELECT id FROM providers ORDER BY id')).map((r) => r.id);
});

afterAll(async () => {
  await offerings.close();
  await providers.close();
});

const OFFERING_ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Offering { id title startDate } } }`;
const PROVIDER_ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Provider { id name organisationNumber } } }`;

it('resolves 200 Offering representations with one SQL query, in the given order', async () => {
  const ids = (await sql<{ id: string }>('offerings', 'SELECT id FROM offerings ORDER BY random() LIMIT 200')).map((r) => r.id);
  const representations = ids.map((id) => ({ __typename: 'Offering', id }));
  const { result, queries } = await offerings.countQueries(OFFERING_ENTITIES, { representations });
  expect(result.errors).toBeUndefined();
  expect(result.data._entities.map((e: { id: string }) => e.id)).toEqual(ids);
  expect(queries).toBe(1);
});

it('resolves 200 Provider representations with one SQL query, repeats and unknown ids included', async () => {
  const ids = Array.from({ length: 200 }, (_, i) => (i % 50 === 49 ? 'prov-unknown' : providerIds[i % providerIds.length]!));
  const representations = ids.map((id) => ({ __typename: 'Provider', id }));
  const { result, queries } = await providers.countQueries(PROVIDER_ENTITIES, { representations });
  expect(result.errors).toBeUndefined();
  expect(result.data._entities.map((e: { id: string } | null) => e?.id ?? null)).toEqual(
    ids.map((id) => (id === 'prov-unknown' ? null : id)),
  );
  expect(queries).toBe(1);
});

it('lists Provider.offerings for every provider without a query per provider', async () => {
  expect(providerIds.length).toBeGreaterThanOrEqual(40);
  const representations = providerIds.map((id) => ({ __typename: 'Provider', id }));
  const { result, queries } = await offerings.countQueries(
    `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Provider { id offerings(first: 5) { totalCount pageInfo { hasNextPage }
        edges { node { id course { name } } } facets { schoolForms { value count } } } } } }`,
    { representations },
  );
  expect(result.errors).toBeUndefined();
  const entities = result.data._entities;
  expect(entities).toHaveLength(providerIds.length);
  const counts = new Map(
    (await sql<{ id: string; n: number }>('offerings', 'SELECT provider_id AS id, count(*)::int AS n FROM offerings GROUP BY 1'))
      .map((r) => [r.id, r.n]),
  );
  for (const p of entities) {
    expect(p.offerings.totalCount).toBe(counts.get(p.id) ?? 0);
    expect(p.offerings.edges.length).toBe(Math.min(5, counts.get(p.id) ?? 0));
  }
  // the pages, the facets (the counts are their sums) and the courses: three statements for all providers
  expect(queries).toBe(3);
});

it('lists Municipality.offerings for all 26 municipalities in one page query', async () => {
  const codes = (await sql<{ code: string }>('providers', 'SELECT code FROM municipalities')).map((r) => r.code);
  const { result, queries } = await offerings.countQueries(
    `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Municipality { code offerings(first: 3) { edges { node { id } } } } } }`,
    { representations: codes.map((code) => ({ __typename: 'Municipality', code })) },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data._entities.every((m: any) => m.offerings.edges.length === 3)).toBe(true);
  expect(queries).toBe(1);
});

it('loads every provider with sites, contracts and their municipalities in a fixed number of queries', async () => {
  const { result, queries } = await providers.countQueries(`{ providers(first: 100) { totalCount edges { node {
    id sites { name municipality { name } provider { id } } contracts { procurementModel municipality { name } } } } } }`,
    undefined,
    { role: Role.ADMIN },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.providers.edges).toHaveLength(providerIds.length);
  // the page, the count, the sites, the contracts, the municipalities, the sites' providers
  expect(queries).toBeLessThanOrEqual(6);
});

it('runs a catalogue search page with count, facets and courses in three queries', async () => {
  const { result, queries } = await offerings.countQueries(`{ offerings(filter: {text: "svenska"}, first: 20) {
    totalCount edges { node { id course { name } } } facets { municipalities { count } } } }`);
  expect(result.errors).toBeUndefined();
  // the page, the facets (totalCount is their sum), and the 20 courses in one batch
  expect(queries).toBe(3);
});
