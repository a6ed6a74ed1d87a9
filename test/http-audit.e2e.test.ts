import { type Audit, type AuditResult, serverAudits } from 'graphql-http';
import { gatewayUrl } from './support/graphql';

/**
 * The gateway against the GraphQL-over-HTTP server audit of `graphql-http`
 * (https://graphql.github.io/graphql-over-http/draft/), one test per audit.
 */

const endpoint = () => `${gatewayUrl()}/graphql`;

/**
 * MAY audits that send a GET with neither a non-simple content-type nor a CSRF-prevention
 * header: a request any web page can make a browser send without a preflight. Apollo's CSRF
 * prevention refuses them (400, an audit "notice"); with `apollo-require-preflight` they pass.
 */
const CSRF_PREVENTED = new Set(['5A70', 'D6D5', '6A70']);

/** 'ok', or what failed, with the answer's status and body. */
async function outcome(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return 'ok';
  const body = await result.response.text().catch(() => '');
  return `${result.status}: ${result.reason}; HTTP ${result.response.status} ${body.slice(0, 500)}`;
}

const withPreflightHeader = (input: string | URL | Request, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('apollo-require-preflight', 'true');
  return fetch(input, { ...init, headers });
};

const table = (audits: Audit[]) => audits.map((a) => [a.id, a.name, a] as const);

describe('the graphql-http server audit', () => {
  const audits = serverAudits({ url: endpoint });

  it('has audits to run', () => {
    expect(audits.length).toBeGreaterThan(50);
  });

  it.each(table(audits.filter((a) => !CSRF_PREVENTED.has(a.id))))('%s %s', async (_id, _name, audit) => {
    expect(await outcome(await audit.fn())).toBe('ok');
  });

  it.each(table(audits.filter((a) => CSRF_PREVENTED.has(a.id))))(
    '%s %s: refused by CSRF prevention (a notice, not a warning)',
    async (_id, _name, audit) => {
      const result = await audit.fn();
      expect(result.status).toBe('notice');
      if (result.status === 'ok') return;
      expect(result.response.status).toBe(400);
      expect(await result.response.text()).toContain('Cross-Site Request Forgery');
    },
  );
});

describe('the GET audits with the CSRF-prevention header a client sends', () => {
  const audits = serverAudits({ url: endpoint, fetchFn: withPreflightHeader }).filter((a) => CSRF_PREVENTED.has(a.id));

  it.each(table(audits))('%s %s', async (_id, _name, audit) => {
    expect(await outcome(await audit.fn())).toBe('ok');
  });
});

describe('status codes beyond the audit', () => {
  const post = (headers: Record<string, string>, body: string = JSON.stringify({ query: '{ __typename }' }), method = 'POST') =>
    fetch(endpoint(), { method, headers, body });

  it('answers other methods with 405 and Allow', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: '{ __typename }' }), method);
      expect({ method, status: res.status, allow: res.headers.get('allow') }).toEqual({ method, status: 405, allow: 'GET, POST, OPTIONS' });
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('refuses a mutation over GET with 405 and Allow: POST, and runs queries over GET', async () => {
    const get = (query: string) =>
      fetch(`${endpoint()}?query=${encodeURIComponent(query)}`, {
        headers: { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' },
      });
    const mutation = await get('mutation { updateOffering(id: "0180-000001", input: { seats: 3 }) { id } }');
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('allow')).toBe('POST');
    const query = await get('{ __typename }');
    expect(query.status).toBe(200);
    expect(query.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses an Accept it cannot answer with 406 before running anything', async () => {
    const res = await post({ 'content-type': 'application/json', accept: 'text/csv' });
    expect(res.status).toBe(406);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses bodies that are not JSON in utf-8 with 415', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/graphql', 'application/json; charset=latin1']) {
      const res = await post({ 'content-type': contentType });
      expect({ contentType, status: res.status }).toEqual({ contentType, status: 415 });
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
    const none = await fetch(endpoint(), { method: 'POST', body: new Blob([JSON.stringify({ query: '{ __typename }' })]) });
    expect(none.status).toBe(415);
    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON; charset="UTF-8"']) {
      const res = await post({ 'content-type': contentType });
      expect({ contentType, status: res.status }).toEqual({ contentType, status: 200 });
    }
  });

  it('gives request errors 400 with graphql-response+json and */*, 200 to an application/json client', async () => {
    const cases: [string, number, string][] = [
      ['application/graphql-response+json', 400, 'application/graphql-response+json; charset=utf-8'],
      ['*/*', 400, 'application/json; charset=utf-8'],
      ['application/json', 200, 'application/json; charset=utf-8'],
      ['application/graphql-response+json, application/json;q=0.9', 400, 'application/graphql-response+json; charset=utf-8'],
    ];
    for (const [accept, status, type] of cases) {
      for (const query of ['{', '{ nope }']) {
        const res = await post({ 'content-type': 'application/json', accept }, JSON.stringify({ query }));
        const answer = (await res.json()) as any;
        expect({ accept, query, status: res.status, type: res.headers.get('content-type'), data: answer.data }).toEqual({
          accept,
          query,
          status,
          type,
          data: undefined,
        });
        expect(answer.errors[0].extensions.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
      }
    }
  });

  it('answers its own refusals in the media type the client prefers', async () => {
    const res = await post({ 'content-type': 'application/json', accept: 'application/graphql-response+json' }, '{ not json');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
  });
});
