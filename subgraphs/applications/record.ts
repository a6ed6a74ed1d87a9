import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth/roles';
import { ErrorCode, userError } from '../../common/errors';
import type { ApplicationStatus } from './domain';
import { Application, ApplicationEvent } from './model';
import { assertTransition } from './transitions';
import { type TaggedContext, changed } from '../kit/cache-tags';

/** The application locked for the rest of the transaction, or NOT_FOUND when the viewer may not have it. */
export async function lockApplication(
  tx: EntityManager,
  id: string,
  visible: (a: Application) => boolean,
): Promise<Application> {
  const app = await tx.getRepository(Application).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!app || !visible(app)) throw userError(ErrorCode.NOT_FOUND, `No application "${id}" that you may change.`, { argumentName: 'id' });
  return app;
}

/**
 * Moves a locked application to `to` if the status machine allows it, with the other
 * columns in `patch`, and writes the step into its history: both in the caller's
 * transaction, so that a refusal writes nothing.
 */
export async function moveApplication(
  tx: EntityManager,
  ctx: { viewer: Viewer } & TaggedContext,
  app: Application,
  to: ApplicationStatus,
  reason: string | null,
  patch: Partial<Application> = {},
): Promise<Application> {
  const { viewer } = ctx;
  assertTransition(app.id, app.status, to);
  // For the gateway's response cache: this application, and the figures of its offering.
  changed(ctx, 'Application', app.id);
  changed(ctx, 'Offering', app.offeringId);
  const at = new Date();
  const next: Application = { ...app, ...patch, status: to, updatedAt: at };
  await tx.update(Application, { id: app.id }, { ...patch, status: to, updatedAt: at });
  await tx.insert(ApplicationEvent, {
    applicationId: app.id,
    at,
    from: app.status,
    to,
    actorRole: viewer.role,
    actor: viewer.subject ?? null,
    reason,
  });
  return next;
}
