import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { sql } from './support/db';
import { errorCodes, gatewayUrl, gqlAs, subgraphUrl } from './support/graphql';
import { runScript, stopServices } from './support/services';
import { token, unsignedToken } from './support/tokens';

/**
 * Bearer tokens as every process checks them: the gateway, and each subgraph called
 * directly (as on a municipality's own network). A refused token is HTTP 401 with
 * UNAUTHENTICATED, never a downgrade to anonymous; no token is anonymous.
 */

const OFFICER = { role: 'officer', municipality: '0180' };

const BAD_TOKENS: [string, () => Promise<string> | string, RegExp][] = [
  ['expired', () => token(OFFICER, { expiresIn: -120 }), /expired/],
  ['not valid yet', () => token(OFFICER, { notBefore: 3600 }), /not valid yet/],
  ['issued more than 12 hours ago', () => token(OFFICER, { issuedAt: -13 * 3600, expiresIn: 3600 }), /expired/],
  ['issued in the future', () => token(OFFICER, { issuedAt: 3600, expiresIn: 7200 }), /not valid yet/],
  ['signed by another key', () => token(OFFICER, { foreignKey: true }), /signature/],
  ['alg: none', () => unsignedToken(OFFICER), /algorithm/],
  ['for another audience', () => token(OFFICER, { audience: 'someone-else' }), /audience/],
  ['from another issuer', () => token(OFFICER, { issuer: 'https://elsewhere.example' }), /issued by/],
  ['an officer without a municipality', () => token({ role: 'officer' }), /municipality/],
  [
    'an officer of a municipality outside the county (Göteborg)',
    () => token({ role: 'officer', municipality: '1480' }),
    /"1480" is not a Stockholm county municipality code/,
  ],
  ['an unknown role', () => token({ role: 'superuser' }), /role/],
  ['not a JWT', () => 'not-a-token', /well-formed/],
  ['a tampered payload', async () => tamper(await token({ role: 'statistician' }), { role: 'admin' }), /signature/],
];

/** The same token with claims changed and the signature kept. */
function tamper(jwt: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = jwt.split('.');
  const changed = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), ...claims };
  return `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
}

const TARGETS: [string, () => string, string][] = [
  ['gateway', gatewayUrl, '{ municipality(code: "0180") { contracts { id } } }'],
  ['providers subgraph', () => subgraphUrl('providers'), '{ municipality(code: "0180") { contracts { id } } }'],
  ['offerings subgraph', () => subgraphUrl('offerings'), '{ offerings(first: 1) { totalCount } }'],
];

describe.each(TARGETS)('%s', (_name, base, query) => {
  it.each(BAD_TOKENS)('refuses a token %s with 401 and no data', async (_what, make, reason) => {
    const res = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await make()}` },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await res.json()) as any;
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(body.errors[0].message).toMatch(reason);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const res = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46YWRtaW4=' },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

it('treats a request without a token as anonymous everywhere: the catalogue, never contracts', async () => {
  for (const base of [gatewayUrl(), subgraphUrl('providers')]) {
    const answer = await gqlAs(undefined, '{ viewer { role } municipality(code: "0180") { name contracts { id } } }', undefined, base);
    expect(answer.data).toEqual({ viewer: { role: 'ANONYMOUS' }, municipality: { name: 'Stockholm', contracts: null } });
    expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
  }
});

it('gives a direct _entities call without a token no contracts', async () => {
  const [row] = await sql<{ provider_id: string }>('providers', 'SELECT provider_id FROM contracts LIMIT 1');
  const answer = await gqlAs(
    undefined,
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on Provider { id contracts { id } } } }',
    { r: [{ __typename: 'Provider', id: row!.provider_id }] },
    subgraphUrl('providers'),
  );
  expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
  expect(answer.data?._entities).toEqual([{ id: row!.provider_id, contracts: null }]);
});

it('writes nothing for a forged token sent straight to the offerings subgraph', async () => {
  const [before] = await sql<{ id: string; seats: number }>('offerings', 'SELECT id, seats FROM offerings ORDER BY id LIMIT 1');
  for (const forged of [await token({ role: 'admin' }, { foreignKey: true }), unsignedToken({ role: 'admin' })]) {
    const answer = await gqlAs(
      forged,
      'mutation($id: ID!) { updateOffering(id: $id, input: { seats: 1 }) { seats } }',
      { id: before!.id },
      subgraphUrl('offerings'),
    );
    expect(answer.status).toBe(401);
    expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
  }
  const [after] = await sql<{ seats: number }>('offerings', 'SELECT seats FROM offerings WHERE id = $1', [before!.id]);
  expect(after!.seats).toBe(before!.seats);
});

it('accepts a valid token in every process, each deriving the same viewer', async () => {
  const bearer = await token({ role: 'provider', provider: 'p-does-not-matter' });
  const answer = await gqlAs(bearer, '{ viewer { role } }', undefined, subgraphUrl('providers'));
  expect(answer.data).toEqual({ viewer: { role: 'PROVIDER' } });
  const direct = await gqlAs(bearer, '{ offerings(first: 1) { totalCount } }', undefined, subgraphUrl('offerings'));
  expect(direct.errors).toBeUndefined();
});

describe('npm run token', () => {
  const run = (...args: string[]) => runScript('scripts/token.js', args);

  afterAll(() => stopServices());

  it('keeps the development keys it makes under VUXHUB_DATA_DIR, and signs with them', async () => {
    const dataDir = join(process.env.TEST_DATA_DIR!, 'token-data-dir');
    rmSync(dataDir, { recursive: true, force: true });
    // Unset (empty): the defaults, which follow the data directory.
    const minted = await runScript('scripts/token.js', ['--role', 'admin'], { VUXHUB_DATA_DIR: dataDir, AUTH_JWKS_PATH: '', AUTH_DEV_SIGNING_KEY_PATH: '' });
    expect(minted.stderr).toBe('');
    expect(minted.code).toBe(0);
    expect(existsSync(join(dataDir, 'auth', 'dev-signing-key.json'))).toBe(true);
    const jwks = JSON.parse(readFileSync(join(dataDir, 'auth', 'jwks.json'), 'utf8'));
    const { payload } = await jwtVerify(minted.stdout.trim(), createLocalJWKSet(jwks));
    expect(payload.role).toBe('admin');
  });

  it('mints a development token the gateway accepts, with the role and scope asked for', async () => {
    const minted = await run('--role', 'officer', '--municipality', '0180');
    expect(minted.code).toBe(0);
    const answer = await gqlAs(minted.stdout.trim(), '{ viewer { role municipality { name } } }');
    expect(answer.data).toEqual({ viewer: { role: 'OFFICER', municipality: { name: 'Stockholm' } } });
  });

  it.each([
    [['--role', 'officer'], /municipality/],
    [['--role', 'officer', '--municipality', '9999'], /not a Stockholm county municipality code/],
    [['--role', 'provider'], /provider/],
    [['--role', 'applicant'], /--sub/],
    [['--role', 'root'], /role/],
    [['--role', 'admin', '--expires-in', 'forever'], /duration/],
  ])('refuses %j with a message and exit code 2', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('service tokens (one part of the region calling another)', () => {
  const RESERVE = 'mutation { reserveSeat(offeringId: "0180-000001", applicationId: "0180-TEST") { reserved } }';

  it('are refused at the gateway: they are never a client’s', async () => {
    const service = await token({ role: 'service', sub: 'applications' });
    const answer = await gqlAs(service, '{ municipality(code: "0180") { name } }');
    expect(answer.status).toBe(401);
    expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
    expect(answer.errors![0]!.message).toMatch(/service token/);
  });

  it('alone may use the seat ledger, which the region’s API does not show', async () => {
    for (const role of [{ role: 'provider', provider: 'prov-001' }, { role: 'officer', municipality: '0180' }]) {
      const answer = await gqlAs(await token(role), RESERVE, undefined, subgraphUrl('offerings'));
      expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
    }
    expect(await sql('offerings', `SELECT 1 FROM seat_reservations WHERE application_id = '0180-TEST'`)).toEqual([]);
    const viaGateway = await gqlAs(await token({ role: 'admin' }), RESERVE);
    expect(errorCodes(viaGateway)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
