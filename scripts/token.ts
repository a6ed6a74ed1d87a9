import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { TOKEN_ROLES, viewerFromClaims } from '../common/auth/roles';
import { authConfig, devSigningKeyPath } from '../common/config';
import { MUNICIPALITY_CODES } from '../common/region';
import { readSigningKey } from '../common/auth/service-token';
import { ensureDevKeys } from './dev-keys';

const USAGE = `usage: npm run -s token -- --role ROLE [--municipality CODE] [--provider ID] [--sub ID] [--expires-in 1h]
  Prints a development bearer token signed with the key \`npm start\` made.
  ROLE: ${TOKEN_ROLES.join(', ')}
    officer needs --municipality (e.g. 0180), provider needs --provider (a provider id),
    applicant needs --sub (their pseudonymous id) and takes --municipality (their home).
  e.g. curl -H "authorization: Bearer $(npm run -s token -- --role officer --municipality 0180)" …`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      municipality: { type: 'string' },
      provider: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string', default: '8h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.role) fail('--role is required');
  if (values.municipality !== undefined && !MUNICIPALITY_CODES.has(values.municipality)) {
    fail(`--municipality ${values.municipality} is not a Stockholm county municipality code`);
  }
  const claims: Record<string, unknown> = { role: values.role, sub: values.sub ?? `dev-${values.role}` };
  if (values.role === 'applicant' && !values.sub) fail('an applicant token needs --sub (the applicant’s id)');
  if (values.municipality) claims.municipality = values.municipality;
  if (values.provider) claims.provider = values.provider;
  const viewer = viewerFromClaims(claims);
  if (typeof viewer === 'string') fail(viewer);
  if (!/^\d+[smhd]$/.test(values['expires-in'])) fail('--expires-in takes a duration such as 30m, 8h or 2d');

  const auth = authConfig();
  const keyPath = devSigningKeyPath();
  await ensureDevKeys(auth, keyPath);
  const { key, kid, alg } = await readSigningKey(keyPath);
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setIssuedAt()
    .setExpirationTime(values['expires-in'])
    .sign(key);
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
