import { readFileSync } from 'node:fs';
import { type JWK, type KeyLike, SignJWT, importJWK } from 'jose';
import { Role } from './roles';

export interface SigningKey {
  key: KeyLike | Uint8Array;
  kid?: string;
  alg: string;
}

/** A private signing key (a JWK file): the development key `npm start` makes, or a service's own. */
export async function readSigningKey(path: string): Promise<SigningKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  } catch {
    throw new Error(`No signing key at ${path}: run \`npm start\` once (it creates a development key), or point the setting at a private JWK.`);
  }
  const alg = jwk.alg ?? 'EdDSA';
  return { key: await importJWK(jwk, alg), kid: jwk.kid, alg };
}

export interface ServiceTokenOptions {
  /** The private key; its public half must be in the region's JWKS. */
  keyPath: string;
  issuer: string;
  audience: string;
  /** Who the service is (`sub`), e.g. "applications". */
  service: string;
  lifetimeSec?: number;
}

/**
 * Short-lived tokens with role `service`, for one service calling another (the
 * applications subgraph asking the offerings subgraph about an offering, the gateway
 * asking an instance for raw counts). A token is made once and reused until a minute
 * before it expires.
 */
export function serviceTokens(opts: ServiceTokenOptions): () => Promise<string> {
  const lifetime = opts.lifetimeSec ?? 600;
  let key: Promise<SigningKey> | undefined;
  let cached: { token: string; renewAt: number } | undefined;
  return async () => {
    const now = Math.floor(Date.now() / 1000);
    if (cached && now < cached.renewAt) return cached.token;
    key ??= readSigningKey(opts.keyPath);
    const { key: signingKey, kid, alg } = await key;
    const token = await new SignJWT({ role: Role.SERVICE })
      .setProtectedHeader({ alg, ...(kid ? { kid } : {}), typ: 'JWT' })
      .setSubject(opts.service)
      .setIssuer(opts.issuer)
      .setAudience(opts.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetime)
      .sign(signingKey);
    cached = { token, renewAt: now + lifetime - 60 };
    return token;
  };
}
