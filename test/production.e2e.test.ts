import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitHealthy } from '../scripts/processes';
import { errorCodes, gql, gqlAs, gqlData, type GraphQLAnswer, subgraphEnv, subgraphUrl } from './support/graphql';
import { type TestService, startService, stopServices } from './support/services';
import { token } from './support/tokens';

/**
 * The gateway as it runs in production (NODE_ENV=production), as a client sees it:
 * no introspection, no "did you mean" suggestions, no internals in errors, no batches,
 * the query limits, and (with PERSISTED_OPERATIONS_PATH) only safelisted operations.
 * The default test gateway (development mode) is the contrast.
 */

jest.setTimeout(60_000);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const MUNICIPALITIES = 'query Municipalities { municipalities { code name } }';
const OFFERING = 'query Offering($id: ID!) { offering(id: $id) { id title } }';
const listed = (name: string, body: string) => ({ id: sha256(body), name, type: 'query', body });
const manifest = (operations: unknown[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations });

/** Settings of the test run's environment that would change what a production gateway does: unset. */
const PRODUCTION_ONLY = {
  NODE_ENV: 'production',
  INTROSPECTION: '',
  FIELD_SUGGESTIONS: '',
  ALLOW_BATCHED_REQUESTS: '',
  PERSISTED_OPERATIONS_PATH: '',
  MAX_QUERY_DEPTH: '',
  MAX_QUERY_ALIASES: '',
  MAX_QUERY_COST: '',
  QUERY_COST_LIST_SIZE: '',
  QUERY_COST_VARIABLE_PAGE_SIZE: '',
};

/** Spawns a gateway (from dist/) over the running test subgraphs; waits for it to serve unless `wait` is false. */
const startGateway = (env: Record<string, string>, wait = true) =>
  startService(
    'gateway/main.js',
    {
      ...PRODUCTION_ONLY,
      ...subgraphEnv(),
      SUBGRAPH_URL_PROVIDERS: `${subgraphUrl('providers')}/graphql`,
      SUBGRAPH_URL_OFFERINGS: `${subgraphUrl('offerings')}/graphql`,
      LOG_LEVEL: 'info',
      ...env,
    },
    { wait },
  );

/** POSTs any JSON body (a batch, a hash without a query) and reads the answer as a client does. */
async function post(base: string, body: unknown): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** Nothing in an answer's text that tells a client about the servers behind it. */
function expectNothingInternal(answer: GraphQLAnswer): void {
  const text = JSON.stringify(answer);
  for (const leak of ['stack', 'stacktrace', 'localhost', '127.0.0.1', 'SELECT', 'at /', 'exception', '.js:', '.ts:']) {
    expect({ leak, found: text.includes(leak), text }).toEqual({ leak, found: false, text });
  }
  for (const error of answer.errors ?? []) {
    const keys = Object.keys(error.extensions ?? {});
    expect(keys).toContain('code');
    expect(keys.filter((k) => !['code', 'argumentName', 'serviceName'].includes(k))).toEqual([]);
  }
}

let production: TestService;
let safelisted: TestService;
let dir: string;
let offeringId: string;
let offeringTitle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vuxhub-production-'));
  const manifestPath = join(dir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify(manifest([listed('Municipalities', MUNICIPALITIES), listed('Offering', OFFERING)]), null, 2));
  [production, safelisted] = await Promise.all([
    startGateway({}),
    startGateway({ PERSISTED_OPERATIONS_PATH: manifestPath }),
  ]);
  const first = await gqlData('{ offerings(first: 1) { edges { node { id title } } } }');
  offeringId = first.offerings.edges[0].node.id;
  offeringTitle = first.offerings.edges[0].node.title;
});

afterAll(async () => {
  await stopServices();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('introspection', () => {
  const INTROSPECTION = '{ __schema { types { name } } }';

  it('is refused in production, answered in development', async () => {
    const refused = await gql(INTROSPECTION, undefined, production.base);
    expect(refused.status).toBe(400);
    expect(errorCodes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(refused.errors![0]!.message).toMatch(/introspection/i);
    expect(refused.data).toBeUndefined();

    const typeQuery = await gql('{ __type(name: "Offering") { fields { name } } }', undefined, production.base);
    expect(errorCodes(typeQuery)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(typeQuery.errors![0]!.message).toMatch(/introspection/i);

    const answered = await gql(INTROSPECTION);
    expect(answered.status).toBe(200);
    expect(answered.errors).toBeUndefined();
    expect(answered.data.__schema.types.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['Offering', 'Municipality', 'Provider']),
    );
  });

  it('still answers __typename in production (it is not introspection of the schema)', async () => {
    const answer = await gql('{ __typename }', undefined, production.base);
    expect(answer).toEqual({ status: 200, data: { __typename: 'Query' } });
  });
});

describe('field suggestions', () => {
  const TYPO = '{ municipalitie { code } }';

  it('are given in development and withheld in production', async () => {
    const dev = await gql(TYPO);
    expect(dev.status).toBe(400);
    expect(errorCodes(dev)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(dev.errors![0]!.message).toContain('Did you mean');
    expect(dev.errors![0]!.message).toContain('municipalities');

    const prod = await gql(TYPO, undefined, production.base);
    expect(prod.status).toBe(400);
    expect(errorCodes(prod)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(prod.errors![0]!.message).toContain('municipalitie');
    expect(prod.errors![0]!.message).not.toContain('Did you mean');
    expect(prod.errors![0]!.message).not.toContain('municipalities');
    expect(prod.data).toBeUndefined();
  });

  it('are withheld in production for arguments and enum values too', async () => {
    const prod = await gql('{ offerings(frist: 1, orderBy: START) { totalCount } }', undefined, production.base);
    expect(errorCodes(prod).length).toBeGreaterThan(0);
    expect(new Set(errorCodes(prod))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    for (const error of prod.errors!) expect(error.message).not.toContain('Did you mean');
  });
});

describe('errors in production', () => {
  it('carry no stack, SQL or host names: an invalid cursor', async () => {
    const answer = await gql('{ offerings(after: "bm9wZQ") { totalCount } }', undefined, production.base);
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.message).toMatch(/cursor/);
    expect(answer.data ?? null).toBeNull();
    expectNothingInternal(answer);
  });

  it('carry no stack, SQL or host names: errors raised in the subgraphs and by their database', async () => {
    const cases: [string, Record<string, unknown> | undefined, string, Record<string, unknown>][] = [
      ['{ offerings(first: 1000) { totalCount } }', undefined, 'BAD_USER_INPUT', { argumentName: 'first', serviceName: 'offerings' }],
      // a value PostgreSQL cannot take (a NUL character)
      [
        'query($text: String!) { offerings(filter: { text: $text }) { totalCount } }',
        { text: 'a\u0000b' },
        'BAD_USER_INPUT',
        { argumentName: 'filter.text', serviceName: 'offerings' },
      ],
      ['query($id: ID!) { provider(id: $id) { id } }', { id: '\u0000' }, 'BAD_USER_INPUT', { argumentName: 'id', serviceName: 'providers' }],
      [
        'mutation { updateOffering(id: "0180-000001", input: { seats: 3 }) { id } }',
        undefined,
        'UNAUTHENTICATED',
        { serviceName: 'offerings' },
      ],
    ];
    for (const [query, variables, code, extensions] of cases) {
      const answer = await gql(query, variables, production.base);
      expect({ query, status: answer.status, extensions: answer.errors?.map((e) => e.extensions) }).toEqual({
        query,
        status: 200,
        extensions: [{ code, ...extensions }],
      });
      expectNothingInternal(answer);
    }
  });

  it('carry no internals for refused tokens either', async () => {
    for (const bearer of [await token({ role: 'admin' }, { foreignKey: true }), 'not-a-token']) {
      const answer = await gqlAs(bearer, '{ viewer { role } }', undefined, production.base);
      expect(answer.status).toBe(401);
      expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
      expect(answer.data).toBeUndefined();
      expectNothingInternal(answer);
    }
  });
});

describe('batched requests', () => {
  it('are refused in production with 400 and no data', async () => {
    const batch = [{ query: '{ __typename }' }, { query: '{ municipalities { code } }' }];
    const answer = await post(production.base, batch);
    expect(answer.status).toBe(400);
    expect(answer.json).not.toBeInstanceOf(Array);
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors).toEqual([
      { message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } },
    ]);
  });
});

describe('the safelist (PERSISTED_OPERATIONS_PATH)', () => {
  it('runs a listed operation, also with other whitespace and commas', async () => {
    const answer = await gql(MUNICIPALITIES, undefined, safelisted.base);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.municipalities).toHaveLength(26);
    expect(answer.data.municipalities).toContainEqual({ code: '0180', name: 'Stockholm' });

    const reformatted = await gql('query Municipalities {\n  municipalities {\n    code,\n    name\n  }\n}\n', undefined, safelisted.base);
    expect(reformatted.status).toBe(200);
    expect(reformatted.errors).toBeUndefined();
    expect(reformatted.data).toEqual(answer.data);
  });

  it('runs a listed operation sent by its hash only', async () => {
    const answer = await post(safelisted.base, { variables: { id: offeringId }, extensions: persisted(sha256(OFFERING)) });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { offering: { id: offeringId, title: offeringTitle } } });
  });

  it('refuses an unlisted operation with 400 PERSISTED_QUERY_NOT_IN_LIST and runs nothing', async () => {
    for (const query of [
      'query Municipalities { municipalities { code } }', // a listed operation's name, another body
      '{ offerings(first: 1) { totalCount } }',
      '{ municipalitie { code } }', // invalid: refused, not answered with a validation message
    ]) {
      const answer = await gql(query, undefined, safelisted.base);
      expect({ query, status: answer.status, codes: errorCodes(answer) }).toEqual({
        query,
        status: 400,
        codes: ['PERSISTED_QUERY_NOT_IN_LIST'],
      });
      expect(answer.errors![0]!.message).toMatch(/safelist/);
      expect(answer.data).toBeUndefined();
    }
  });

  it('does not let an unlisted operation register itself with its hash', async () => {
    const query = '{ offerings(first: 2) { edges { node { id } } } }';
    const hash = sha256(query);
    const registering = await post(safelisted.base, { query, extensions: persisted(hash) });
    expect(registering.status).toBe(400);
    expect(registering.json.data).toBeUndefined();
    expect(registering.json.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);

    const byHash = await post(safelisted.base, { extensions: persisted(hash) });
    expect(byHash.status).toBe(200); // Apollo's APQ protocol: the client may then send the query
    expect(byHash.json.data).toBeUndefined();
    expect(byHash.json.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('refuses introspection as one more unlisted operation', async () => {
    const answer = await gql('{ __schema { types { name } } }', undefined, safelisted.base);
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });
});

describe('a broken manifest', () => {
  it('stops the gateway at start-up with a non-zero exit code, naming the file', async () => {
    const file = join(dir, 'broken-manifest.json');
    writeFileSync(file, JSON.stringify(manifest([{ ...listed('Municipalities', MUNICIPALITIES), id: sha256('something else') }])));
    const broken = await startGateway({ PERSISTED_OPERATIONS_PATH: file }, false);
    await expect(waitHealthy(`${broken.base}/health`, 30_000, broken.proc)).rejects.toThrow(/exited/);
    const { code } = await broken.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(broken.output()).toContain(file);
    expect(broken.output()).toMatch(/doesn't match the sha256 of its body/);
  });
});

describe('query limits in production', () => {
  it('refuse a nested bomb before it runs', async () => {
    const bomb =
      '{ municipalities { offerings(first: 100) { edges { node { provider { offerings(first: 100) { edges { node { id } } } } } } } } }';
    const answer = await gql(bomb, undefined, production.base);
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.errors![0]!.message).toMatch(/^Query cost /);
    expect(answer.data).toBeUndefined();
  });
});
