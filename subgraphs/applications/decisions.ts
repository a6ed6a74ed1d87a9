import { Arg, Authorized, Ctx, Directive, ID, Int, Mutation, Resolver } from 'type-graphql';
import { changed, changedIn } from '../kit/cache-tags';
import { shard } from '../kit/shard';
import { Role } from '../../common/auth/roles';
import { ErrorCode, badUserInput, userError } from '../../common/errors';
import { assertOwnMunicipality, assertOwnProvider } from '../kit/auth';
import { checkText } from '../kit/validate';
import { ApplicationStatus, DecisionOutcome, Grade, LegalBasis, PlacementOutcome } from './domain';
import type { Context } from './loaders';
import { Application } from './model';
import { lockApplication, moveApplication } from './record';
import { OPEN_STATUSES } from './transitions';

/**
 * Everything that moves an application after it is sent: the applicant withdraws it,
 * the home municipality's officer decides it, the offering's provider places, grades or
 * drops it, and a cancelled offering cancels it. Each runs in one transaction with the
 * application locked; a refused move writes nothing.
 */

/** Every open application for an offering, in this instance, to CANCELLED (one transaction). */
function cancelApplications(ctx: Context, offeringId: string, why: string): Promise<number> {
  return ctx.db.dataSource.transaction(async (tx) => {
    const open = await tx
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.offering_id = :offeringId AND a.status IN (:...open)', { offeringId, open: OPEN_STATUSES })
      .orderBy('a.id')
      .getMany();
    for (const app of open) await moveApplication(tx, ctx, app, ApplicationStatus.CANCELLED, why);
    return open.length;
  });
}

function checkReason(reason: string | null | undefined, argumentName: string, required: boolean): string | null {
  checkText(reason, argumentName, 2000);
  const trimmed = reason?.trim() || null;
  if (required && !trimmed) throw badUserInput(`${argumentName} is required here.`, { argumentName });
  return trimmed;
}

@Resolver()
export class DecisionResolver {
  @Authorized(Role.APPLICANT)
  @Directive(shard({ route: 'arg:id' }))
  @Mutation(() => Application, { description: 'Takes back one of your applications (before you are enrolled).' })
  async withdrawApplication(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<Application> {
    checkText(id, 'id', 200);
    const why = checkReason(reason, 'reason', false);
    return ctx.db.dataSource.transaction(async (tx) => {
      const app = await lockApplication(tx, id, (a) => ctx.viewer.role === Role.ADMIN || a.applicantId === ctx.viewer.subject);
      const moved = await moveApplication(tx, ctx, app, ApplicationStatus.WITHDRAWN, why);
      ctx.logger.info({ application: id }, 'application withdrawn');
      return moved;
    });
  }

  @Authorized(Role.OFFICER)
  @Directive(shard({ route: 'arg:id' }))
  @Mutation(() => Application, {
    description:
      'The home municipality decides: GRANTED or REJECTED, on a legal basis. Going against the recommendation needs a note saying why.',
  })
  async decideApplication(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => DecisionOutcome) outcome: DecisionOutcome,
    @Arg('basis', () => LegalBasis) basis: LegalBasis,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<Application> {
    checkText(id, 'id', 200);
    return ctx.db.dataSource.transaction(async (tx) => {
      const app = await lockApplication(tx, id, () => true);
      assertOwnMunicipality(ctx.viewer, app.homeMunicipalityCode);
      const overruled = outcome !== app.recommendationOutcome;
      const why = checkReason(note, 'note', overruled || basis === LegalBasis.OTHER);
      const to = outcome === DecisionOutcome.GRANTED ? ApplicationStatus.GRANTED : ApplicationStatus.REJECTED;
      const moved = await moveApplication(tx, ctx, app, to, why ?? basis, {
        decisionOutcome: outcome,
        decisionBasis: basis,
        decisionNote: why,
        decidedBy: ctx.viewer.subject ?? ctx.viewer.role,
        decidedAt: new Date(),
      });
      ctx.logger.info({ application: id, outcome, overruled }, 'application decided');
      return moved;
    });
  }

  @Authorized(Role.PROVIDER)
  @Directive(shard({ route: 'arg:id' }))
  @Mutation(() => Application, {
    description:
      'The offering’s provider places a granted (or waitlisted) application: ENROLLED takes one of the offering’s seats, ' +
      'and is refused (CONFLICT) when none is left; WAITLISTED puts it on the waiting list.',
  })
  async placeApplication(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => PlacementOutcome) outcome: PlacementOutcome,
    @Ctx() ctx: Context,
  ): Promise<Application> {
    checkText(id, 'id', 200);
    const { offerings } = ctx.loaders.services;
    const to = outcome === PlacementOutcome.ENROLLED ? ApplicationStatus.ENROLLED : ApplicationStatus.WAITLISTED;
    // Set once a seat may have been taken for this application.
    let seatOf: string | undefined;
    try {
      return await ctx.db.dataSource.transaction(async (tx) => {
        const app = await lockApplication(tx, id, () => true);
        assertOwnProvider(ctx.viewer, app.providerId);
        // Refuses a move the machine does not allow before any seat is taken for it.
        const moved = await moveApplication(tx, ctx, app, to, null);
        if (to === ApplicationStatus.ENROLLED) {
          seatOf = app.offeringId;
          changedIn(ctx, 'offerings', 'Offering', app.offeringId);
          // The seat ledger is the offering owner's: it serialises every instance's placements.
          if (!(await offerings.reserveSeat(app.offeringId, app.id))) {
            throw userError(ErrorCode.CONFLICT, `Offering ${app.offeringId} has no seat left: place the application on the waiting list.`);
          }
        }
        return moved;
      });
    } catch (err) {
      // No enrolment was committed: give back any seat held for it (releasing is idempotent; a retry reserves again).
      if (seatOf) await offerings.releaseSeat(seatOf, id).catch(() => ctx.logger.warn({ application: id }, 'seat not released'));
      throw err;
    }
  }

  @Authorized(Role.PROVIDER)
  @Directive(shard({ route: 'arg:id' }))
  @Mutation(() => Application, { description: 'The provider reports the result of an enrolled student: the application is COMPLETED.' })
  async recordResult(@Arg('id', () => ID) id: string, @Arg('grade', () => Grade) grade: Grade, @Ctx() ctx: Context): Promise<Application> {
    checkText(id, 'id', 200);
    return ctx.db.dataSource.transaction(async (tx) => {
      const app = await lockApplication(tx, id, () => true);
      assertOwnProvider(ctx.viewer, app.providerId);
      return moveApplication(tx, ctx, app, ApplicationStatus.COMPLETED, `grade ${grade}`, { grade });
    });
  }

  @Authorized(Role.PROVIDER)
  @Directive(shard({ route: 'arg:id' }))
  @Mutation(() => Application, { description: 'The provider reports that an enrolled student left the course; the seat is freed.' })
  async recordDropout(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<Application> {
    checkText(id, 'id', 200);
    const why = checkReason(reason, 'reason', false);
    const moved = await ctx.db.dataSource.transaction(async (tx) => {
      const app = await lockApplication(tx, id, () => true);
      assertOwnProvider(ctx.viewer, app.providerId);
      return moveApplication(tx, ctx, app, ApplicationStatus.DROPPED_OUT, why);
    });
    changedIn(ctx, 'offerings', 'Offering', moved.offeringId);
    // The dropout stands whatever happens next; a seat not given back shows in the log.
    await ctx.loaders.services.offerings
      .releaseSeat(moved.offeringId, moved.id)
      .catch(() => ctx.logger.warn({ application: id, offering: moved.offeringId }, 'seat not released after a dropout'));
    return moved;
  }

  @Authorized(Role.PROVIDER, Role.OFFICER)
  @Directive(shard({ route: 'arg:id' }))
  @Mutation(() => Int, {
    description:
      'Cancels an offering (too few students, say): the offering’s provider or an officer of the organising municipality. ' +
      'Every open application for it becomes CANCELLED with the reason; the number of applications cancelled.',
  })
  async cancelOffering(@Arg('id', () => ID) offeringId: string, @Arg('reason') reason: string, @Ctx() ctx: Context): Promise<number> {
    checkText(offeringId, 'id', 200);
    const why = checkReason(reason, 'reason', true)!;
    const { offerings } = ctx.loaders.services;
    const offering = await offerings.load(offeringId);
    if (!offering) throw userError(ErrorCode.NOT_FOUND, `No offering has id "${offeringId}".`, { argumentName: 'id' });
    assertOwnProvider(ctx.viewer, offering.providerId);
    assertOwnMunicipality(ctx.viewer, offering.municipalityCode);
    // The offering's owner first: once cancelled there, no new application or seat can be had.
    await offerings.recordCancellation(offeringId, why);
    changedIn(ctx, 'offerings', 'Offering', offeringId);
    changedIn(ctx, 'offerings', 'Offering');
    changed(ctx, 'Offering', offeringId);
    // Then the applications here, and those every other applications instance holds.
    const here = await cancelApplications(ctx, offeringId, why);
    const elsewhere = await ctx.loaders.services.peers.cancelElsewhere(offeringId, why);
    ctx.logger.info({ offering: offeringId, applications: here + elsewhere }, 'offering cancelled');
    return here + elsewhere;
  }

  @Authorized(Role.SERVICE)
  @Directive('@inaccessible')
  @Mutation(() => Int, { description: 'Another applications instance passes on a cancelled offering: its open applications here become CANCELLED.' })
  applyOfferingCancellation(@Arg('offeringId', () => ID) offeringId: string, @Arg('reason') reason: string, @Ctx() ctx: Context): Promise<number> {
    checkText(offeringId, 'offeringId', 200);
    return cancelApplications(ctx, offeringId, checkReason(reason, 'reason', true)!);
  }
}
