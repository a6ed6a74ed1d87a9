import { MUNICIPALITY_CODES } from '../region';

/**
 * Who a request speaks for. Every process (gateway and subgraphs) derives it from the
 * same verified token claims, so a subgraph never trusts the gateway's word for it.
 */
export const Role = {
  ANONYMOUS: 'anonymous',
  /** Sökande: sees only their own applications (`sub` is their pseudonymous id). */
  APPLICANT: 'applicant',
  /** Handläggare of one municipality (`municipality` claim). */
  OFFICER: 'officer',
  /** Staff of one education provider (`provider` claim). */
  PROVIDER: 'provider',
  /** Aggregates only, never a row about a person. */
  STATISTICIAN: 'statistician',
  /**
   * The region's coordinator (regional samordnare): reads every municipality's contracts,
   * follow-ups and aggregates; writes nothing about applicants.
   */
  COORDINATOR: 'coordinator',
  ADMIN: 'admin',
  /** Another part of the region calling (`sub` names it): never a person, never accepted from clients at the gateway. */
  SERVICE: 'service',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Roles a token may carry (anonymous is the absence of a token). */
export const TOKEN_ROLES: readonly Role[] = [
  Role.APPLICANT,
  Role.OFFICER,
  Role.PROVIDER,
  Role.STATISTICIAN,
  Role.COORDINATOR,
  Role.ADMIN,
  Role.SERVICE,
];

export interface Viewer {
  role: Role;
  /** The token's subject; for an applicant, their pseudonymous id. */
  subject?: string;
  /**
   * An officer's municipality code; an applicant's home municipality (as the identity
   * provider knows it), which is where the region keeps their applications.
   */
  municipality?: string;
  /** A provider user's provider id. */
  provider?: string;
}

export const ANONYMOUS: Viewer = Object.freeze({ role: Role.ANONYMOUS });

/** Why a verified token's claims still cannot be used, or the viewer they describe. */
export function viewerFromClaims(claims: Record<string, unknown>): Viewer | string {
  const { role, sub, municipality, provider } = claims;
  if (typeof role !== 'string' || !(TOKEN_ROLES as readonly string[]).includes(role)) {
    return `the "role" claim must be one of ${TOKEN_ROLES.join(', ')}`;
  }
  const subject = typeof sub === 'string' && sub.length > 0 && sub.length <= 200 ? sub : undefined;
  switch (role) {
    case Role.APPLICANT:
      if (!subject) return 'an applicant token needs a "sub" claim (the applicant’s id)';
      if (municipality === undefined) return { role, subject };
      return typeof municipality === 'string' && /^\d{4}$/.test(municipality)
        ? { role, subject, municipality }
        : 'an applicant token’s "municipality" claim must be the 4-digit code of their home municipality';
    case Role.OFFICER:
      if (typeof municipality !== 'string' || !/^\d{4}$/.test(municipality)) {
        return 'an officer token needs a "municipality" claim with a 4-digit municipality code';
      }
      return MUNICIPALITY_CODES.has(municipality)
        ? { role, subject, municipality }
        : `the "municipality" claim "${municipality}" is not a Stockholm county municipality code`;
    case Role.PROVIDER:
      return typeof provider === 'string' && provider.length > 0 && provider.length <= 200
        ? { role, subject, provider }
        : 'a provider token needs a "provider" claim with the provider’s id';
    case Role.SERVICE:
      return subject ? { role, subject } : 'a service token needs a "sub" claim naming the service';
    default:
      return { role: role as Role, subject };
  }
}
