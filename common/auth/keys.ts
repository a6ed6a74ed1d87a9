import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';

export interface KeySource {
  /** Inline JWKS JSON (takes precedence). */
  jwks?: string;
  /** Path of a JWKS file. */
  jwksPath: string;
}

/** The region's public keys, from inline JSON or a file; a clear error when neither is usable. */
export function loadPublicKeys(source: KeySource): JSONWebKeySet {
  let text: string;
  let where: string;
  if (source.jwks) {
    text = source.jwks;
    where = 'AUTH_JWKS';
  } else {
    where = source.jwksPath;
    try {
      text = readFileSync(source.jwksPath, 'utf8');
    } catch {
      throw new Error(
        `No token keys: ${source.jwksPath} cannot be read. Set AUTH_JWKS_PATH (or AUTH_JWKS) to the region's public JWKS; ` +
          '`npm start` creates a development key set there on its first run.',
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not valid JSON (expected a JWKS: {"keys": [...]})`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${where} holds no keys (expected {"keys": [...]})`);
  for (const key of keys as Record<string, unknown>[]) {
    if ('d' in key) throw new Error(`${where} holds a private key; give the verifiers public keys only`);
    if (key.kty !== 'OKP' && key.kty !== 'RSA') throw new Error(`${where}: only Ed25519 (OKP) and RSA keys are accepted`);
  }
  return parsed as JSONWebKeySet;
}
