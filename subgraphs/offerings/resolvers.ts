import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { shard } from '../kit/shard';
import { badUserInput } from '../../common/errors';
import { todayInSweden } from '../kit/dates';
import { SchoolForm } from '../kit/domain';
import { mustExist } from '../kit/loaders';
import { PageArgs, pageSize } from '../kit/pagination';
import { SqlParams } from '../kit/sql';
import { checkText } from '../kit/validate';
import { OfferingConnection, OfferingConnectionResolver, connection } from './connection';
import { OfferingFilter, OfferingOrder, checkFilter, filterConditions, searchText } from './filter';
import type { Context } from './loaders';
import { Course, Municipality, Offering, Provider, Site } from './model';
import { type ParentColumn, queryPage } from './queries';
import { ReportRowOfferingsResolver } from './reports';
import { SeatLedgerResolver } from './seats';
import { OfferingUpdateResolver } from './update';

@Resolver(() => Offering)
export class OfferingResolver {
  @Directive(shard({ route: 'all:filter.municipalities', merge: 'connection' }))
  @Query(() => OfferingConnection, { description: 'The regional catalogue: search, filter and page through offerings.' })
  async offerings(
    @Arg('filter', () => OfferingFilter, { nullable: true }) filter: OfferingFilter | null,
    @Arg('orderBy', () => OfferingOrder, { defaultValue: OfferingOrder.START_DATE }) orderBy: OfferingOrder,
    @Args() { first, after }: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OfferingConnection> {
    const size = pageSize(first);
    checkFilter(filter);
    if (orderBy === OfferingOrder.RELEVANCE && !searchText(filter)) {
      throw badUserInput('orderBy RELEVANCE needs a search text in filter.text.', { argumentName: 'orderBy' });
    }
    const params = new SqlParams();
    const { conditions, textParam } = filterConditions(filter, params);
    const rows = await queryPage(ctx.db.dataSource, {
      conditions,
      params,
      order: orderBy,
      textParam,
      after,
      limit: size + 1,
    });
    return connection(rows, size, orderBy, after, { kind: 'filter', filter }, ctx, info);
  }

  @Directive(shard({ route: 'arg:id' }))
  @Query(() => Offering, { nullable: true })
  offering(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Offering | null> {
    checkText(id, 'id', 200);
    return ctx.loaders.offering.load(id);
  }

  @FieldResolver(() => Course)
  async course(@Root() offering: Offering, @Ctx() ctx: Context): Promise<Course> {
    return mustExist(await ctx.loaders.course.load(offering.courseCode), 'course', offering.courseCode);
  }

  @FieldResolver(() => Municipality, { description: 'The organising municipality.' })
  municipality(@Root() offering: Offering): Municipality {
    return { code: offering.municipalityCode };
  }

  @FieldResolver(() => Provider)
  provider(@Root() offering: Offering): Provider {
    return { id: offering.providerId };
  }

  @FieldResolver(() => Site, { nullable: true, description: 'Null for distance offerings.' })
  site(@Root() offering: Offering): Site | null {
    return offering.siteId ? { id: offering.siteId } : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether applications are accepted today (never for a cancelled offering).' })
  openForApplication(@Root() offering: Offering): boolean {
    const today = todayInSweden();
    return !offering.cancelledAt && offering.applicationOpens <= today && today <= offering.applicationCloses;
  }

  @FieldResolver(() => Int, { description: 'Seats not yet held by an enrolled student.' })
  seatsLeft(@Root() offering: Offering): number {
    return Math.max(0, offering.seats - offering.seatsTaken);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the provider cancelled the offering (too few students, say).' })
  cancelled(@Root() offering: Offering): boolean {
    return offering.cancelledAt !== null;
  }
}

@Resolver(() => Course)
export class CourseResolver {
  @Directive(shard({ route: 'regional' }))
  @Query(() => [Course], { description: 'The course catalogue, by code; optionally one school form.' })
  courses(
    @Arg('schoolForm', () => SchoolForm, { nullable: true }) schoolForm: SchoolForm | null,
    @Ctx() ctx: Context,
  ): Promise<Course[]> {
    return ctx.db.dataSource
      .getRepository(Course)
      .find({ where: schoolForm ? { schoolForm } : {}, order: { code: 'ASC' } });
  }

  @Directive(shard({ route: 'regional' }))
  @Query(() => Course, { nullable: true })
  course(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Course | null> {
    checkText(code, 'code', 200);
    return ctx.loaders.course.load(code);
  }
}

async function parentOfferings(
  ctx: Context,
  info: GraphQLResolveInfo,
  column: ParentColumn,
  key: string,
  { first, after }: PageArgs,
): Promise<OfferingConnection> {
  const size = pageSize(first);
  const rows = await ctx.loaders.byParent.page(column, after, size + 1).load(key);
  return connection(rows, size, OfferingOrder.START_DATE, after, { kind: 'parent', column, key }, ctx, info);
}

@Resolver(() => Provider)
export class ProviderOfferingsResolver {
  @Directive(shard({ merge: 'connection' }))
  @FieldResolver(() => OfferingConnection, { description: 'The provider’s offerings, earliest start first.' })
  offerings(
    @Root() provider: Provider,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OfferingConnection> {
    return parentOfferings(ctx, info, 'provider_id', provider.id, page);
  }
}

@Resolver(() => Municipality)
export class MunicipalityOfferingsResolver {
  @FieldResolver(() => OfferingConnection, {
    description: 'Offerings the municipality organises, earliest start first.',
  })
  offerings(
    @Root() municipality: Municipality,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OfferingConnection> {
    return parentOfferings(ctx, info, 'municipality_code', municipality.code, page);
  }
}

export const RESOLVERS = [
  OfferingResolver,
  OfferingConnectionResolver,
  CourseResolver,
  ProviderOfferingsResolver,
  MunicipalityOfferingsResolver,
  OfferingUpdateResolver,
  SeatLedgerResolver,
  ReportRowOfferingsResolver,
] as const;
