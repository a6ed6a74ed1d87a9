import { gatewayUrl, subgraphUrl } from './support/graphql';

/** HTTP behaviour of the gateway that browsers and clients rely on. */
it('answers a CORS preflight from a catalogue site on another origin', async () => {
  const res = await fetch(`${gatewayUrl()}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin: 'https://katalog.example.se',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
});

it('refuses a body over the limit with 413 and a GraphQL-shaped error', async () => {
  const res = await fetch(`${gatewayUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ municipalities { code } }`, padding: 'x'.repeat(1_100_000) }),
  });
  expect(res.status).toBe(413);
  expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
});

it('refuses a body that is not JSON with 400', async () => {
  const res = await fetch(`${gatewayUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{ not json',
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
});

it.each([
  ['gateway', gatewayUrl],
  ['providers subgraph', () => subgraphUrl('providers')],
])('refuses a body that is not UTF-8 with 400 at the %s, saying so', async (_name, base) => {
  // A Latin-1 "ö" (0xf6) where UTF-8 has two bytes: once decoded with a replacement character instead.
  const body = Buffer.concat([
    Buffer.from('{"query":"{ municipality(code: \\"0180\\") { name } }","x":"S'),
    Buffer.from([0xf6]),
    Buffer.from('der"}'),
  ]);
  const res = await fetch(`${base()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({
    errors: [{ message: 'The request body is not valid UTF-8; send it encoded as UTF-8.', extensions: { code: 'BAD_REQUEST' } }],
  });
});

it('answers GET queries (with the CSRF-prevention header) and 404 on unknown paths', async () => {
  const query = encodeURIComponent('{ municipality(code: "0180") { name } }');
  const res = await fetch(`${gatewayUrl()}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ data: { municipality: { name: 'Stockholm' } } });
  expect((await fetch(`${gatewayUrl()}/nowhere`)).status).toBe(404);
});

it('reports request mistakes as the client’s, with the planner’s or server’s own words', async () => {
  const cases: [object, string, RegExp][] = [
    [{ query: 'query A { __typename } query B { __typename }' }, 'GRAPHQL_VALIDATION_FAILED', /operation name/],
    [{ query: '{ __typename }', operationName: 'Nope' }, 'GRAPHQL_VALIDATION_FAILED', /Nope/],
    [{ query: 'mutation { x }' }, 'GRAPHQL_VALIDATION_FAILED', /Mutation/],
    [{ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }, 'BAD_REQUEST', /sha/],
    [{ query: '{ offerings(filter: {startsFrom: "2025-02-30"}) { totalCount } }' }, 'GRAPHQL_VALIDATION_FAILED', /Date/],
  ];
  for (const [body, code, message] of cases) {
    const res = await fetch(`${gatewayUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as any;
    expect({ body, code: answer.errors[0].extensions.code }).toEqual({ body, code });
    expect(answer.errors[0].message).toMatch(message);
  }
});
