import { GraphQLDate } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Directive, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { shard } from '../kit/shard';
import { ErrorCode, badUserInput, userError } from '../../common/errors';
import { Role, assertOwnMunicipality, assertOwnProvider } from '../kit/auth';
import { changed } from '../kit/cache-tags';
import { isoDate } from '../kit/dates';
import { checkDate, checkText } from '../kit/validate';
import type { Context } from './loaders';
import { Offering } from './model';

@InputType({ description: 'What to change on an offering; fields left out stay as they are.' })
export class OfferingUpdate {
  @Field(() => Int, { nullable: true, description: 'Seats (platser), 0–10000.' })
  seats?: number | null;

  @Field(() => GraphQLDate, { nullable: true })
  applicationOpens?: Date | null;

  @Field(() => GraphQLDate, { nullable: true, description: 'On or after applicationOpens, and before the end date.' })
  applicationCloses?: Date | null;

  @Field(() => String, { nullable: true, description: 'Swedish description, 1–4000 characters.' })
  description?: string | null;
}

const FIELDS = ['seats', 'applicationOpens', 'applicationCloses', 'description'] as const;

function checkUpdate(input: OfferingUpdate): void {
  const given = FIELDS.filter((f) => input[f] !== undefined);
  if (given.length === 0) throw badUserInput(`Give at least one of ${FIELDS.join(', ')} to change.`, { argumentName: 'input' });
  for (const f of given) {
    if (input[f] === null) throw badUserInput(`input.${f} cannot be cleared; leave it out to keep it.`, { argumentName: `input.${f}` });
  }
  if (input.seats != null && (input.seats < 0 || input.seats > 10_000)) {
    throw badUserInput('input.seats must be between 0 and 10000.', { argumentName: 'input.seats' });
  }
  checkDate(input.applicationOpens, 'input.applicationOpens');
  checkDate(input.applicationCloses, 'input.applicationCloses');
  if (input.description != null) {
    checkText(input.description, 'input.description', 4000);
    if (!input.description.trim()) throw badUserInput('input.description cannot be blank.', { argumentName: 'input.description' });
  }
}

@Resolver(() => Offering)
export class OfferingUpdateResolver {
  @Authorized(Role.OFFICER, Role.PROVIDER)
  @Directive(shard({ route: 'arg:id' }))
  @Mutation(() => Offering, {
    description:
      'Changes an offering’s seats, application window or description. Officers may change their municipality’s offerings, provider users their own provider’s.',
  })
  async updateOffering(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => OfferingUpdate) input: OfferingUpdate,
    @Ctx() ctx: Context,
  ): Promise<Offering> {
    checkText(id, 'id', 200);
    checkUpdate(input);
    const updated = await ctx.db.dataSource.transaction(async (tx) => {
      const offerings = tx.getRepository(Offering);
      const current = await offerings.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw userError(ErrorCode.NOT_FOUND, `No offering has id "${id}".`, { argumentName: 'id' });
      assertOwnMunicipality(ctx.viewer, current.municipalityCode);
      assertOwnProvider(ctx.viewer, current.providerId);
      const next: Offering = { ...current };
      if (input.seats != null) next.seats = input.seats;
      if (next.seats < current.seatsTaken) {
        throw badUserInput(`${current.seatsTaken} seats are held by enrolled students: input.seats cannot be less.`, {
          argumentName: 'input.seats',
        });
      }
      if (input.description != null) next.description = input.description.trim();
      if (input.applicationOpens) next.applicationOpens = isoDate(input.applicationOpens);
      if (input.applicationCloses) next.applicationCloses = isoDate(input.applicationCloses);
      if (next.applicationOpens > next.applicationCloses) {
        throw badUserInput(
          `The application window would open (${next.applicationOpens}) after it closes (${next.applicationCloses}).`,
          { argumentName: 'input' },
        );
      }
      if (next.applicationCloses > next.endDate) {
        throw badUserInput(`Applications cannot close after the offering ends (${next.endDate}).`, {
          argumentName: 'input.applicationCloses',
        });
      }
      await offerings.update(
        { id },
        {
          seats: next.seats,
          description: next.description,
          applicationOpens: next.applicationOpens,
          applicationCloses: next.applicationCloses,
        },
      );
      ctx.logger.info({ offering: id, role: ctx.viewer.role, fields: FIELDS.filter((f) => input[f] != null) }, 'offering updated');
      return next;
    });
    // Seats, window and description decide filters and search results: lists change too.
    changed(ctx, 'Offering', id);
    changed(ctx, 'Offering');
    return updated;
  }
}
