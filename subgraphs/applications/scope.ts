import type { MiddlewareFn } from 'type-graphql';
import { Role, type Viewer } from '../../common/auth/roles';
import { forbidden } from '../kit/auth';
import type { SqlParams } from '../kit/sql';

/**
 * The applications a viewer may see, as a condition on `applications a`: an applicant
 * their own; an officer their municipality's residents'; a provider user the granted
 * applications to their provider's offerings; an admin all; anyone else none
 * (statisticians see aggregates only).
 */
export function applicationScope(viewer: Viewer, params: SqlParams): string {
  switch (viewer.role) {
    case Role.ADMIN:
      return 'TRUE';
    case Role.APPLICANT:
      return `a.applicant_id = ${params.add(viewer.subject)}`;
    case Role.OFFICER:
      return `a.home_municipality = ${params.add(viewer.municipality)}`;
    case Role.PROVIDER:
      return `(a.provider_id = ${params.add(viewer.provider)} AND a.decision_outcome = 'GRANTED')`;
    default:
      return 'FALSE';
  }
}

/** Whether a viewer may see one application (the same rule as applicationScope). */
export function canSee(
  viewer: Viewer,
  a: { applicantId: string; homeMunicipalityCode: string; providerId: string; decisionOutcome: string | null },
): boolean {
  switch (viewer.role) {
    case Role.ADMIN:
      return true;
    case Role.APPLICANT:
      return a.applicantId === viewer.subject;
    case Role.OFFICER:
      return a.homeMunicipalityCode === viewer.municipality;
    case Role.PROVIDER:
      return a.providerId === viewer.provider && a.decisionOutcome === 'GRANTED';
    default:
      return false;
  }
}

/**
 * For an applicant's personal details (birth date, education, labour-market status,
 * Swedish need, personal identity number): the person, their home municipality's
 * officers and admins. A provider user placing a student sees the name only.
 */
export const PersonOrHomeOfficer: MiddlewareFn<{ viewer: Viewer }> = ({ root, context, info }, next) => {
  const v = context.viewer;
  const applicant = root as { id: string; homeMunicipalityCode: string };
  const allowed =
    v.role === Role.ADMIN ||
    (v.role === Role.APPLICANT && v.subject === applicant.id) ||
    (v.role === Role.OFFICER && v.municipality === applicant.homeMunicipalityCode);
  if (!allowed) throw forbidden(`Applicant.${info.fieldName} is for the person and their home municipality’s officers only.`);
  return next();
};
