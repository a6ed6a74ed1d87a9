import { Arg, Authorized, Ctx, Directive, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ErrorCode, userError } from '../../common/errors';
import { Role } from '../kit/auth';
import { checkText } from '../kit/validate';
import type { Context } from './loaders';
import { Offering, SeatReservation } from './model';

/**
 * The seat ledger, for the applications subgraph alone (a service token): a provider
 * enrolling a student reserves a seat here, in the offering's own database, so that an
 * offering never holds more students than seats however many applications instances
 * place students at once. Reserving and releasing are idempotent per application.
 * Hidden from the region's API (`@inaccessible`): clients go through the applications
 * subgraph's mutations.
 */

@Directive('@inaccessible')
@ObjectType({ description: 'What reserving a seat came to.' })
export class SeatReservationResult {
  @Field({ description: 'true: the application holds a seat (now or already); false: the offering is full.' })
  reserved!: boolean;

  @Field(() => Int)
  seatsLeft!: number;
}

const notFound = (id: string) => userError(ErrorCode.NOT_FOUND, `No offering has id "${id}".`, { argumentName: 'offeringId' });

@Resolver()
export class SeatLedgerResolver {
  @Authorized(Role.SERVICE)
  @Directive('@inaccessible')
  @Mutation(() => SeatReservationResult, { description: 'Holds a seat of the offering for an application, if one is left.' })
  async reserveSeat(
    @Arg('offeringId', () => ID) offeringId: string,
    @Arg('applicationId', () => ID) applicationId: string,
    @Ctx() ctx: Context,
  ): Promise<SeatReservationResult> {
    checkText(offeringId, 'offeringId', 200);
    checkText(applicationId, 'applicationId', 200);
    return ctx.db.dataSource.transaction(async (tx) => {
      // The offering's row lock serialises every reservation for it: no check-then-write race.
      const offering = await tx.getRepository(Offering).findOne({ where: { id: offeringId }, lock: { mode: 'pessimistic_write' } });
      if (!offering) throw notFound(offeringId);
      const left = () => offering.seats - offering.seatsTaken;
      const held = await tx.getRepository(SeatReservation).findOneBy({ applicationId });
      if (held) {
        if (held.offeringId !== offeringId) {
          throw userError(ErrorCode.CONFLICT, `Application ${applicationId} holds a seat of offering ${held.offeringId}, not ${offeringId}.`);
        }
        return { reserved: true, seatsLeft: Math.max(0, left()) };
      }
      if (offering.cancelledAt) throw userError(ErrorCode.CONFLICT, `Offering ${offeringId} is cancelled.`);
      if (left() <= 0) return { reserved: false, seatsLeft: 0 };
      await tx.insert(SeatReservation, { applicationId, offeringId });
      await tx.increment(Offering, { id: offeringId }, 'seatsTaken', 1);
      return { reserved: true, seatsLeft: left() - 1 };
    });
  }

  @Authorized(Role.SERVICE)
  @Directive('@inaccessible')
  @Mutation(() => Int, { description: 'Gives back the seat an application held (none held: nothing changes); the seats left.' })
  async releaseSeat(
    @Arg('offeringId', () => ID) offeringId: string,
    @Arg('applicationId', () => ID) applicationId: string,
    @Ctx() ctx: Context,
  ): Promise<number> {
    checkText(offeringId, 'offeringId', 200);
    checkText(applicationId, 'applicationId', 200);
    return ctx.db.dataSource.transaction(async (tx) => {
      const offering = await tx.getRepository(Offering).findOne({ where: { id: offeringId }, lock: { mode: 'pessimistic_write' } });
      if (!offering) throw notFound(offeringId);
      const released = await tx.delete(SeatReservation, { applicationId, offeringId });
      if (released.affected) await tx.decrement(Offering, { id: offeringId }, 'seatsTaken', released.affected);
      return Math.max(0, offering.seats - offering.seatsTaken + (released.affected ?? 0));
    });
  }

  @Authorized(Role.SERVICE)
  @Directive('@inaccessible')
  @Mutation(() => Offering, { description: 'Marks the offering cancelled, with the reason (already cancelled: unchanged).' })
  async recordOfferingCancellation(
    @Arg('offeringId', () => ID) offeringId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Offering> {
    checkText(offeringId, 'offeringId', 200);
    checkText(reason, 'reason', 1000);
    return ctx.db.dataSource.transaction(async (tx) => {
      const offerings = tx.getRepository(Offering);
      const offering = await offerings.findOne({ where: { id: offeringId }, lock: { mode: 'pessimistic_write' } });
      if (!offering) throw notFound(offeringId);
      if (offering.cancelledAt) return offering;
      const cancelledAt = new Date();
      await offerings.update({ id: offeringId }, { cancelledAt, cancellationReason: reason });
      ctx.logger.info({ offering: offeringId }, 'offering cancelled');
      return { ...offering, cancelledAt, cancellationReason: reason };
    });
  }
}
