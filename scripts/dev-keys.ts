import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { PersonalDataConfig, authConfig } from '../common/config';
import type { Logger } from '../common/logger';

type AuthConfig = ReturnType<typeof authConfig>;

/**
 * A development key pair, made once: the private key (for `npm run token`) and the public
 * JWKS every process verifies with. Nothing is made when keys are configured already
 * (inline AUTH_JWKS, or a JWKS file in place).
 */
export async function ensureDevKeys(auth: AuthConfig, signingKeyPath: string, logger?: Logger): Promise<void> {
  if (auth.jwks || existsSync(auth.jwksPath)) return;
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub);
  const meta = { kid, alg: 'EdDSA', use: 'sig' };
  mkdirSync(dirname(signingKeyPath), { recursive: true });
  mkdirSync(dirname(auth.jwksPath), { recursive: true });
  writeFileSync(signingKeyPath, JSON.stringify({ ...(await exportJWK(privateKey)), ...meta }, null, 2), { mode: 0o600 });
  writeFileSync(auth.jwksPath, JSON.stringify({ keys: [{ ...pub, ...meta }] }, null, 2));
  logger?.info({ jwks: auth.jwksPath, kid }, 'created a development token key pair');
}

/**
 * A development master key for personal data (base64 of 32 random bytes, readable by its
 * owner only), made once: nothing is made when PERSONAL_DATA_KEY is set or the file exists.
 */
export function ensureDevPersonalDataKey(config: PersonalDataConfig, logger?: Logger): void {
  if (config.inlineKey() || existsSync(config.keyPath)) return;
  mkdirSync(dirname(config.keyPath), { recursive: true, mode: 0o700 });
  try {
    // 'wx': a key another process has just written is never replaced.
    writeFileSync(config.keyPath, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  }
  logger?.info({ path: config.keyPath }, 'created a development personal data key');
}
