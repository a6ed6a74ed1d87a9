import type { AuthChecker } from 'type-graphql';
import { ANONYMOUS, Role, type Viewer } from '../../common/auth/roles';
import { ErrorCode, userError } from '../../common/errors';

export { Role };

/**
 * The one auth checker of every subgraph, for type-graphql's `@Authorized(...roles)`:
 * admin may do everything; anonymous is told to sign in (UNAUTHENTICATED); any other
 * role outside the list is refused (FORBIDDEN). Row scoping happens in the queries.
 */
export const authChecker: AuthChecker<{ viewer?: Viewer }, Role> = ({ context, info }, roles) => {
  const viewer = context.viewer ?? ANONYMOUS;
  if (viewer.role === Role.ADMIN || roles.includes(viewer.role)) return true;
  const what = `${info.parentType.name}.${info.fieldName}`;
  const who = roles.length ? `${roles.join(', ')} or admin` : 'any signed-in role';
  if (viewer.role === Role.ANONYMOUS) {
    throw userError(ErrorCode.UNAUTHENTICATED, `${what} needs a bearer token (${who}); sign in first.`);
  }
  throw forbidden(`${what} is not for the ${viewer.role} role (it needs ${who}).`);
};

export const forbidden = (message: string) => userError(ErrorCode.FORBIDDEN, message);

/** An officer may act only for their own municipality. */
export function assertOwnMunicipality(viewer: Viewer, code: string): void {
  if (viewer.role === Role.OFFICER && viewer.municipality !== code) {
    throw forbidden(`An officer of ${viewer.municipality} may not see or change municipality ${code}'s data.`);
  }
}

/** A provider user may act only for their own provider. */
export function assertOwnProvider(viewer: Viewer, providerId: string): void {
  if (viewer.role === Role.PROVIDER && viewer.provider !== providerId) {
    throw forbidden(`A user of provider ${viewer.provider} may not see or change provider ${providerId}'s data.`);
  }
}
