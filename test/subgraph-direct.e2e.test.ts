import { errorCodes, gql, subgraphUrl } from './support/graphql';

/** A subgraph called directly (as on a municipality's network): bad representations are bad input, and it keeps running. */
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
