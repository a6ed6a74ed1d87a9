import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { type Safelist, loadSafelist, safelistPlugin, safelistQueryCache } from '../gateway/safelist';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const HELLO = 'query Hello {\n  hello\n}';
const TWICE = 'query Twice { a: hello, b: hello }';
const operation = (name: string, body: string, type = 'query') => ({ id: sha256(body), name, type, body });
const manifest = (operations: unknown[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations });

let dir: string;
let counter = 0;
/** Writes `content` (serialized unless already a string) to a fresh file in the temp dir. */
function write(content: unknown): string {
  const file = join(dir, `manifest-${++counter}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'safelist-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadSafelist', () => {
  it('loads a valid manifest', () => {
    const list = loadSafelist(write(manifest([operation('Hello', HELLO), operation('Twice', TWICE)])));
    expect(list.size).toBe(2);
  });

  it('refuses an operation whose id is not the sha256 of its body, naming it', () => {
    const file = write(manifest([{ ...operation('Hello', HELLO), id: sha256('something else') }]));
    expect(() => loadSafelist(file)).toThrow(file);
    expect(() => loadSafelist(file)).toThrow(/"Hello".*id .* doesn't match/);
  });

  it('refuses a file that is not JSON', () => {
    const file = write('{ "format": "apollo-persisted-query-manifest", ');
    expect(() => loadSafelist(file)).toThrow(new RegExp(`${escape(file)}: is not valid JSON`));
  });

  it('refuses a file that is missing', () => {
    const file = join(dir, 'nowhere.json');
    expect(() => loadSafelist(file)).toThrow(new RegExp(`${escape(file)}: cannot be read`));
  });

  it('refuses the wrong format, version or operations', () => {
    const wrongFormat = write({ ...manifest([]), format: 'relay-persisted-queries' });
    expect(() => loadSafelist(wrongFormat)).toThrow(
      new RegExp(`${escape(wrongFormat)}: "format" is "relay-persisted-queries", expected "apollo-persisted-query-manifest"`),
    );
    expect(() => loadSafelist(write({ ...manifest([]), version: 2 }))).toThrow(/"version" is 2, expected 1/);
    expect(() => loadSafelist(write({ ...manifest([]), operations: {} }))).toThrow(/"operations" is not an array/);
    expect(() => loadSafelist(write([]))).toThrow(/is not a JSON object/);
    expect(() => loadSafelist(write(manifest([operation('Hello', HELLO, 'fragment')])))).toThrow(
      /operation 0 \("Hello"\) has "type" "fragment"/,
    );
    expect(() => loadSafelist(write(manifest([{ name: 'NoBody', type: 'query', id: 'x' }])))).toThrow(
      /operation 0 \("NoBody"\) has no string "body"/,
    );
    expect(() => loadSafelist(write(manifest([operation('Hello', HELLO, 'mutation')])))).toThrow(
      /"type" is mutation but the body is a query/,
    );
  });

  it('refuses a body that does not parse, naming the operation', () => {
    const file = write(manifest([operation('Hello', HELLO), operation('Broken', 'query Broken { hello')]));
    expect(() => loadSafelist(file)).toThrow(file);
    expect(() => loadSafelist(file)).toThrow(/operation 1 \("Broken"\): the body does not parse \(Syntax Error/);
  });

  it('refuses a body the gateway would refuse to run, by its length or its tokens', () => {
    const file = write(manifest([operation('Hello', HELLO), operation('Twice', TWICE)]));
    expect(() => loadSafelist(file, { maxQueryLength: 30, maxQueryTokens: 100 })).toThrow(
      /operation 1 \("Twice"\): the body is 34 characters long; MAX_QUERY_LENGTH is 30/,
    );
    expect(() => loadSafelist(file, { maxQueryLength: 100, maxQueryTokens: 5 })).toThrow(
      /operation 1 \("Twice"\): the body has more than 5 tokens \(MAX_QUERY_TOKENS\)/,
    );
    expect(loadSafelist(file, { maxQueryLength: 34, maxQueryTokens: 10 }).size).toBe(2);
  });
});

describe('a loaded safelist', () => {
  let list: Safelist;
  beforeAll(() => {
    list = loadSafelist(write(manifest([operation('Hello', HELLO), operation('Twice', TWICE)])));
  });

  it('allows a listed body exactly as listed', () => {
    expect(list.allows(HELLO)).toBe(true);
    expect(list.allows(TWICE)).toBe(true);
  });

  it('allows a listed body that differs only in whitespace, commas and comments', () => {
    expect(list.allows('query Hello { hello }')).toBe(true);
    expect(list.allows('# the greeting\nquery   Hello{hello,}\n')).toBe(true);
    expect(list.allows('query Twice {\n  a: hello\n  b: hello\n}')).toBe(true);
  });

  it('refuses anything else', () => {
    expect(list.allows('query Hello { hi: hello }')).toBe(false);
    expect(list.allows('query Other { hello }')).toBe(false);
    expect(list.allows('{ hello }')).toBe(false);
    expect(list.allows('')).toBe(false);
  });

  it('refuses a source that does not parse', () => {
    expect(list.allows('query Hello { hello')).toBe(false);
    expect(list.allows('query Hello { "unterminated }')).toBe(false);
  });

  it('gives the body of a listed id, and nothing for an unknown one', () => {
    expect(list.bodyOf(sha256(HELLO))).toBe(HELLO);
    expect(list.bodyOf(sha256(TWICE))).toBe(TWICE);
    expect(list.bodyOf(sha256('{ hello }'))).toBeUndefined();
    expect(list.bodyOf('')).toBeUndefined();
  });
});

describe('safelistPlugin in Apollo Server', () => {
  let server: ApolloServer;
  beforeAll(async () => {
    const list = loadSafelist(write(manifest([operation('Hello', HELLO)])));
    server = new ApolloServer({
      typeDefs: 'type Query { hello: String }',
      resolvers: { Query: { hello: () => 'hej' } },
      plugins: [safelistPlugin(list)],
      persistedQueries: { cache: safelistQueryCache(list) },
    });
    await server.start();
  });
  afterAll(() => server.stop());

  async function post(body: object): Promise<{ status: number; json: any }> {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body,
      },
      context: async () => ({}),
    });
    if (response.body.kind !== 'complete') throw new Error('expected a complete body');
    return { status: response.status ?? 200, json: JSON.parse(response.body.string) };
  }

  const expectRefused = ({ status, json }: { status: number; json: any }) => {
    expect(status).toBe(400);
    expect(json.data).toBeUndefined();
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(json.errors[0].message).toMatch(/not in the gateway’s safelist/);
    expect(json.errors[0].extensions.http).toBeUndefined();
  };

  it('runs a listed operation', async () => {
    const { status, json } = await post({ query: HELLO });
    expect(status).toBe(200);
    expect(json).toEqual({ data: { hello: 'hej' } });
  });

  it('runs a listed operation written with other whitespace', async () => {
    const { status, json } = await post({ query: 'query Hello { hello }' });
    expect(status).toBe(200);
    expect(json).toEqual({ data: { hello: 'hej' } });
  });

  it('refuses an unlisted operation with 400 and PERSISTED_QUERY_NOT_IN_LIST', async () => {
    expectRefused(await post({ query: '{ hello }' }));
  });

  it('refuses an unlisted operation that would fail to validate or parse, without saying why', async () => {
    expectRefused(await post({ query: '{ goodbye }' }));
    expectRefused(await post({ query: '{ hello' }));
  });

  it('runs a listed operation sent by its hash alone', async () => {
    const { status, json } = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(HELLO) } } });
    expect(status).toBe(200);
    expect(json).toEqual({ data: { hello: 'hej' } });
  });

  it('does not let automatic persisted queries register an unlisted operation', async () => {
    const query = '{ hello }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    expectRefused(await post({ query, extensions }));
    const { json } = await post({ extensions });
    expect(json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
