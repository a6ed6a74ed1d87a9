import { sql } from './support/db';
import { errorCodes, gql, gqlAs, subgraphUrl } from './support/graphql';
import { token } from './support/tokens';

/**
 * A subgraph called directly (as on a municipality's network): bad representations are
 * bad input, and it keeps running; its answers carry their cache tags.
 */
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Offering { id } } }`;

it('refuses representations without a usable key, and stays up', async () => {
  const base = subgraphUrl('offerings');
  const cases = [
    [{ __typename: 'Offering', id: 'a\u0000' }, { __typename: 'Offering' }],
    [{ __typename: 'Offering', id: 42 }],
    [{ __typename: 'Offering', id: '' }],
  ];
  for (const r of cases) {
    const answer = await gql(ENTITIES, { r }, base);
    expect(errorCodes(answer).length).toBeGreaterThan(0);
    expect(errorCodes(answer).every((c) => c === 'BAD_USER_INPUT')).toBe(true);
  }
  // Still up: the same process (nothing restarts it) answers what comes next.
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const fine = await gql(ENTITIES, { r: [{ __typename: 'Offering', id: '0180-000001' }] }, base);
  expect(fine.data?._entities).toEqual([{ id: '0180-000001' }]);
});

it('refuses a Municipality representation without a code on the offerings subgraph', async () => {
  const answer = await gql(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { offerings(first: 1) { totalCount } } } }`,
    { r: [{ __typename: 'Municipality' }] },
    subgraphUrl('offerings'),
  );
  expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
});

describe.each([['offerings'], ['providers']] as const)('the %s subgraph', (name) => {
  const TYPENAME = `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`;

  it.each([
    [[{ __typename: 'Nope', id: 'x' }], /__typename "Nope" is not a type of this subgraph/],
    [[{ __typename: 'Municipality', code: '0180' }, { __typename: 'Nope', id: 'x' }], /__typename "Nope" is not a type of this subgraph/],
    [[{ id: 'x' }], /needs a "__typename"/],
    [['0180'], /needs a "__typename"/],
  ])('refuses the representations %j as bad input, saying why', async (r, message) => {
    const answer = await gql(TYPENAME, { r }, subgraphUrl(name));
    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations' },
      }),
    ]);
  });
});

describe('cache tags', () => {
  const tagsOf = async (subgraph: string, query: string, variables?: Record<string, unknown>) => {
    const answer = await gql(query, variables, subgraphUrl(subgraph));
    expect(answer.errors).toBeUndefined();
    return (answer as { extensions?: { cacheTags?: string[] } }).extensions?.cacheTags ?? [];
  };

  it('tags an offering read by id with it and the entities it refers to, and no list', async () => {
    const [row] = await sql<{ provider_id: string }>('offerings', `SELECT provider_id FROM offerings WHERE id = '0180-000001'`);
    const tags = await tagsOf('offerings', `{ offering(id: "0180-000001") { id title provider { id } municipality { code } } }`);
    expect(tags.sort()).toEqual(['offerings:Municipality:0180', 'offerings:Offering:0180-000001', `offerings:Provider:${row!.provider_id}`]);
  });

  it('tags a list of offerings with the type and each offering in it', async () => {
    const answer = await gql(`{ offerings(first: 3) { edges { node { id } } } }`, undefined, subgraphUrl('offerings'));
    const ids: string[] = answer.data.offerings.edges.map((e: any) => e.node.id);
    expect(ids).toHaveLength(3);
    const tags = (answer as { extensions?: { cacheTags?: string[] } }).extensions?.cacheTags ?? [];
    expect(tags.sort()).toEqual(['offerings:Offering', ...ids.map((id) => `offerings:Offering:${id}`)].sort());
  });

  it('tags a lookup that found nothing with the type, which a new one would change', async () => {
    expect(await tagsOf('offerings', `{ offering(id: "0180-999999") { id } }`)).toEqual(['offerings:Offering']);
  });

  it('tags the entities _entities resolved, for the fields this subgraph adds to them too', async () => {
    const [provider] = await sql<{ id: string }>('providers', 'SELECT id FROM providers ORDER BY id LIMIT 1');
    const r = [{ __typename: 'Provider', id: provider!.id }];
    const own = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Provider { name } } }`;
    expect(await tagsOf('providers', own, { r })).toEqual([`providers:Provider:${provider!.id}`]);
    const added = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Provider { offerings(first: 1) { totalCount } } } }`;
    expect((await tagsOf('offerings', added, { r })).sort()).toEqual(['offerings:Offering', `offerings:Provider:${provider!.id}`]);
  });

  it('declares what updateOffering changed: the offering and lists of offerings', async () => {
    const [row] = await sql<{ id: string; seats: number }>('offerings', `SELECT id, seats FROM offerings WHERE municipality_code = '0187' ORDER BY id LIMIT 1`);
    try {
      const answer = await gqlAs(
        await token({ role: 'admin' }),
        `mutation { updateOffering(id: "${row!.id}", input: { seats: ${row!.seats + 1} }) { id seats } }`,
        undefined,
        subgraphUrl('offerings'),
      );
      expect(answer.errors).toBeUndefined();
      const extensions = (answer as { extensions?: { invalidates?: string[] } }).extensions;
      expect(Object.keys(extensions ?? {})).toEqual(['invalidates']);
      expect(extensions?.invalidates?.sort()).toEqual(['offerings:Offering', `offerings:Offering:${row!.id}`]);
    } finally {
      await sql('offerings', 'UPDATE offerings SET seats = $2 WHERE id = $1', [row!.id, row!.seats]);
    }
  });
});
