import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes, gatewayUrl, gqlAs, subgraphUrl } from './support/graphql';
import { token } from './support/tokens';

/** Query limits through the gateway and on a subgraph called directly: realistic operations pass, abusive ones are refused before they run. */

/** The ```graphql blocks of the README: its example operations must keep passing the limits. */
function readmeExamples(): string[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const BOMB = `{ municipalities { offerings(first: 100) { edges { node { provider { offerings(first: 100) {
  edges { node { provider { offerings(first: 100) { edges { node { id } } } } } } } } } } } } }`;

it('runs every README example operation without errors', async () => {
  const examples = readmeExamples();
  expect(examples.length).toBeGreaterThanOrEqual(3);
  const officer = await token({ role: 'officer', municipality: '0182' });
  for (const query of examples) {
    const answer = await gqlAs(officer, query);
    expect({ query, errors: answer.errors }).toEqual({ query, errors: undefined });
  }
});

it('runs a full page of 100 offerings with provider, site, course and municipality', async () => {
  const answer = await gqlAs(
    undefined,
    `{ offerings(first: 100) { totalCount pageInfo { endCursor } edges { cursor node { id title startDate endDate pace studyMode seats
      provider { id name } municipality { code name } site { name city } course { code name points } } } } }`,
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data.offerings.edges).toHaveLength(100);
});

/** Valid on the gateway and on the offerings subgraph alone: offerings → provider → offerings → … */
const NESTED = `{ offerings(first: 100) { edges { node { provider { offerings(first: 100) {
  edges { node { provider { id } } } } } } } } }`;

function expectRefused(answer: { data?: unknown; errors?: { message: string }[] }, message: RegExp): void {
  expect(answer.data).toBeUndefined();
  expect(errorCodes(answer as never).length).toBeGreaterThan(0);
  expect(errorCodes(answer as never).every((c) => c === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
  expect(answer.errors?.some((e) => message.test(e.message))).toBe(true);
}

describe.each([
  ['gateway', gatewayUrl],
  ['offerings subgraph, called directly', () => subgraphUrl('offerings')],
])('%s', (_name, base) => {
  it('refuses the nested offerings → provider → offerings bomb before running it', async () => {
    expectRefused(await gqlAs(undefined, NESTED, undefined, base()), /^Query cost 30,402 exceeds the limit of 10,000/);
  });

  it('counts a variable page size as the value sent', async () => {
    const query = `query($n: Int = 2) { offerings(first: $n) { edges { node { provider { offerings(first: $n) { edges { node { id } } } } } } } }`;
    expectRefused(await gqlAs(undefined, query, { n: 100 }, base()), /^Query cost/);
    const fine = await gqlAs(undefined, query, { n: 5 }, base());
    expect(fine.errors).toBeUndefined();
  });

  it('refuses more than 20 aliases', async () => {
    const fields = Array.from({ length: 21 }, (_, i) => `a${i}: offerings(first: 1) { totalCount }`).join(' ');
    expectRefused(await gqlAs(undefined, `{ ${fields} }`, undefined, base()), /uses 21 aliases; the limit is 20/);
  });
});

it('refuses the municipality-wide bomb at the gateway on depth, before its cost is even counted', async () => {
  expectRefused(await gqlAs(undefined, BOMB), /^Query depth 13 exceeds the limit of 10/);
});

it('refuses a subgraph _entities call by the number of representations it carries', async () => {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality {
    offerings(first: 100) { edges { node { id title description } } } } } }`;
  const r = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Municipality', code: '0180' }));
  expectRefused(await gqlAs(undefined, query, { r: r(5000) }, subgraphUrl('offerings')), /^Query cost 2,010,001 exceeds/);
  const fine = await gqlAs(undefined, query.replace('first: 100', 'first: 2'), { r: r(26) }, subgraphUrl('offerings'));
  expect(fine.errors).toBeUndefined();
  expect(fine.data._entities).toHaveLength(26);
});

/** 90,000 fields in one selection: 990,003 characters, just under the gateway's body limit. */
const HUGE = `{ ${'__typename '.repeat(90_000)}}`;

async function post(base: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe.each([
  ['gateway', gatewayUrl, '50,000', 5_000],
  ['offerings subgraph, called directly', () => subgraphUrl('offerings'), '200,000', 20_000],
])('documents at the %s', (_name, base, length, tokens) => {
  it('refuses a document over the length limit before parsing it, naming the limit', async () => {
    const answer = await post(base(), { query: HUGE });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      errors: [
        {
          message: `The GraphQL document is 990,003 characters long; the limit is ${length} characters.`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('refuses a document over the token limit while parsing it, naming the limit', async () => {
    const query = `{ ${'a '.repeat(tokens + 1)}}`;
    const answer = await post(base(), { query });
    expect(answer.status).toBe(400);
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors).toEqual([
      {
        // graphql-js's own words ("more that" in 16.x).
        message: expect.stringMatching(new RegExp(`Document contains more tha[nt] ${tokens} tokens`)),
        locations: expect.anything(),
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      },
    ]);
  });
});

it('refuses 16 oversized documents at once and meanwhile answers another request and /health', async () => {
  const refusals = Promise.all(Array.from({ length: 16 }, () => post(gatewayUrl(), { query: HUGE })));
  const other = gqlAs(undefined, '{ municipality(code: "0180") { name } }');
  const health = fetch(`${gatewayUrl()}/health`);
  const [refused, answer, healthy] = await Promise.all([refusals, other, health]);
  expect(refused.map((r) => [r.status, errorCodes(r.json)])).toEqual(Array(16).fill([400, ['BAD_REQUEST']]));
  expect(answer).toEqual({ status: 200, data: { municipality: { name: 'Stockholm' } } });
  expect(healthy.status).toBe(200);
});

/** JSON text nested `depth` levels deep: objects `{"a":…}` or lists `[…]`. */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedList = (depth: number) => `${'['.repeat(depth)}"0180"${']'.repeat(depth)}`;

const FILTERED = 'query($f: OfferingFilter) { offerings(filter: $f, first: 1) { totalCount } }';
const TOO_DEEP = { message: 'The variables are nested more than 100 levels deep.', extensions: { code: 'BAD_USER_INPUT' } };

/** POSTs a query with variables given as JSON text (too deep for JSON.stringify here). */
async function postRaw(base: string, query: string, variables: string): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"query":${JSON.stringify(query)},"variables":${variables}}`,
  });
  return { status: res.status, json: await res.json() };
}

describe.each([
  ['gateway', gatewayUrl],
  ['offerings subgraph, called directly', () => subgraphUrl('offerings')],
])('variables at the %s', (_name, base) => {
  it.each([
    ['an input object', `{"f":${nestedObject(5000)}}`],
    ['a list', `{"f":{"municipalities":${nestedList(5000)}}}`],
    ['a variable the operation does not declare', `{"x":${nestedObject(5000)}}`],
  ])('refuses %s nested 5,000 levels deep as bad input', async (_what, variables) => {
    expect(await postRaw(base(), FILTERED, variables)).toEqual({ status: 400, json: { errors: [TOO_DEEP] } });
  });

  it('refuses deep variables in a GET too', async () => {
    const params = new URLSearchParams({ query: FILTERED, variables: `{"f":${nestedObject(500)}}` });
    const res = await fetch(`${base()}/graphql?${params}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect({ status: res.status, json: await res.json() }).toEqual({ status: 400, json: { errors: [TOO_DEEP] } });
  });

  it('reads variables at the depth limit as usual: GraphQL itself finds what is wrong with them', async () => {
    // The variables object, the filter and 98 lists: 100 levels.
    const answer = await postRaw(base(), FILTERED, `{"f":{"municipalities":${nestedList(98)}}}`);
    expect(answer.status).toBe(400);
    expect(errorCodes(answer.json)).toEqual(['BAD_USER_INPUT']);
    expect(answer.json.errors[0].message).toMatch(/\$f/);
  });
});

it('refuses deep representations sent straight to a subgraph as bad input', async () => {
  const query = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
  const answer = await postRaw(subgraphUrl('offerings'), query, `{"r":[${nestedObject(5000)}]}`);
  expect(answer).toEqual({ status: 400, json: { errors: [TOO_DEEP] } });
});
