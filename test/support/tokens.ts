import { SignJWT, generateKeyPair } from 'jose';
import { authConfig, devSigningKeyPath } from '../../common/config';
import { readSigningKey } from '../../common/auth/service-token';

/** Claims of a token: role and scope. */
export type Claims = { role: string; sub?: string; municipality?: string; provider?: string };

interface TokenOptions {
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  notBefore?: number;
  /** Seconds from now of `iat`. */
  issuedAt?: number;
  issuer?: string;
  audience?: string;
  /** Sign with a key the region does not know. */
  foreignKey?: boolean;
}

/** A token signed with the test run's key (or, to forge one, another key), valid unless told otherwise. */
export async function token(claims: Claims, opts: TokenOptions = {}): Promise<string> {
  const auth = authConfig();
  const now = Math.floor(Date.now() / 1000);
  const signing = opts.foreignKey
    ? { key: (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey, kid: undefined, alg: 'EdDSA' }
    : await readSigningKey(devSigningKeyPath());
  const jwt = new SignJWT({ sub: `test-${claims.role}`, ...claims })
    .setProtectedHeader({ alg: signing.alg, ...(signing.kid ? { kid: signing.kid } : {}) })
    .setIssuer(opts.issuer ?? auth.issuer)
    .setAudience(opts.audience ?? auth.audience)
    .setIssuedAt(now + (opts.issuedAt ?? 0))
    .setExpirationTime(now + (opts.expiresIn ?? 600));
  if (opts.notBefore !== undefined) jwt.setNotBefore(now + opts.notBefore);
  return jwt.sign(signing.key);
}

/** An unsigned token (`alg: none`) with the given claims, valid in every other way. */
export function unsignedToken(claims: Claims): string {
  const auth = authConfig();
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: auth.issuer, aud: auth.audience, iat: now, exp: now + 600, ...claims })}.`;
}
