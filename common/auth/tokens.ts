import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { type JSONWebKeySet, createLocalJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { ErrorCode } from '../errors';
import { ANONYMOUS, type Viewer, viewerFromClaims } from './roles';

/** Asymmetric algorithms only: a shared secret would let every subgraph mint tokens. */
export const TOKEN_ALGORITHMS = ['EdDSA', 'RS256'];

export interface TokenRules {
  issuer: string;
  audience: string;
  jwks: JSONWebKeySet;
  clockToleranceSec: number;
  /** The oldest a token may be (from its `iat`), whatever its `exp` says. */
  maxTokenAgeSec: number;
}

/** A refused token: HTTP 401 with a challenge, never a downgrade to anonymous. */
export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`The bearer token was refused: ${reason}.`, {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      http: {
        status: 401,
        headers: new Map([['www-authenticate', `Bearer error="invalid_token"`]]),
      },
    },
  });
}

function reasonOf(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'it has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return `it has no "${err.claim}" claim`;
    switch (err.claim) {
      case 'nbf':
      case 'iat':
        return 'it is not valid yet';
      case 'iss':
        return 'it was issued by someone else than this region’s issuer';
      case 'aud':
        return 'it is meant for another audience';
      default:
        return `its "${err.claim}" claim is invalid`;
    }
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return `its algorithm is not allowed (use ${TOKEN_ALGORITHMS.join(' or ')})`;
  if (err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWSSignatureVerificationFailed) {
    return 'its signature does not verify with the region’s keys';
  }
  return 'it is not a well-formed signed JWT';
}

/**
 * Verifies bearer tokens with the region's public keys: signature, issuer, audience,
 * expiry and not-before, and the role claims. The same rules run in the gateway and in
 * every subgraph.
 */
export function tokenVerifier(rules: TokenRules) {
  const keys = createLocalJWKSet(rules.jwks);

  async function verify(token: string): Promise<Viewer> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: rules.issuer,
        audience: rules.audience,
        algorithms: TOKEN_ALGORITHMS,
        clockTolerance: rules.clockToleranceSec,
        maxTokenAge: rules.maxTokenAgeSec,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (err) {
      throw unauthenticated(reasonOf(err));
    }
    const viewer = viewerFromClaims(payload);
    if (typeof viewer === 'string') throw unauthenticated(viewer);
    return viewer;
  }

  /** The viewer of a request: anonymous without an Authorization header, else the verified token's. */
  async function viewerOf(req: Pick<IncomingMessage, 'headers'>): Promise<Viewer> {
    const header = req.headers.authorization;
    if (header === undefined) return ANONYMOUS;
    const m = /^Bearer +([A-Za-z0-9\-_.]+=*) *$/i.exec(header);
    if (!m?.[1]) throw unauthenticated('send it as "Authorization: Bearer <JWT>"');
    return verify(m[1]);
  }

  return { verify, viewerOf };
}

export type TokenVerifier = ReturnType<typeof tokenVerifier>;
