import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { badUserInput } from '../../common/errors';
import { todayInSweden } from '../kit/dates';
import { SchoolForm } from '../kit/domain';
import { mustExist } from '../kit/loaders';
import type { GraphQLResolveInfo } from 'graphql';
import { PageArgs, PageInfo, connectionOf, pageSize } from '../kit/pagination';
import { selectsField } from '../kit/selection';
import { SqlParams } from '../kit/sql';
import { checkText } from '../kit/validate';
import { OfferingFilter, OfferingOrder, checkFilter, filterConditions, searchText } from './filter';
import type { Context } from './loaders';
import { Course, Municipality, Offering, Provider, Site, StudyMode } from './model';
import {
  type FacetCounts,
  type OfferingRow,
  type ParentColumn,
  cursorOf,
  queryCount,
  queryFacets,
  queryPage,
} from './queries';

@ObjectType()
class OfferingEdge {
  @Field()
  cursor!: string;

  @Field(() => Offering)
  node!: Offering;
}

@ObjectType()
class SchoolFormFacet {
  @Field(() => SchoolForm)
  value!: SchoolForm;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
class MunicipalityFacet {
  @Field(() => Municipality)
  municipality!: Municipality;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
class StudyModeFacet {
  @Field(() => StudyMode)
  value!: StudyMode;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Counts over the whole filtered set; each list sums to totalCount.' })
class OfferingFacets {
  @Field(() => [SchoolFormFacet])
  schoolForms!: SchoolFormFacet[];

  @Field(() => [MunicipalityFacet])
  municipalities!: MunicipalityFacet[];

  @Field(() => [StudyModeFacet])
  studyModes!: StudyModeFacet[];
}

/** What a connection lists: a catalogue filter, or one parent's offerings. */
type OfferingScope =
  | { kind: 'filter'; filter: OfferingFilter | null }
  | { kind: 'parent'; column: ParentColumn; key: string };

@ObjectType()
class OfferingConnection {
  @Field(() => [OfferingEdge])
  edges!: OfferingEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  scope!: OfferingScope;

  /** Whether the query asks for facets too: then totalCount is their sum, not a second scan. */
  withFacets!: boolean;

  /** The facet counts, once loaded. */
  facetCounts?: Promise<FacetCounts>;
}

function connection(
  rows: OfferingRow[],
  first: number,
  order: OfferingOrder,
  after: string | null | undefined,
  scope: OfferingScope,
  info: GraphQLResolveInfo,
): OfferingConnection {
  const withFacets = selectsField(info, 'facets');
  // An instance, not a plain object: type-graphql hands each field resolver a copy of a
  // plain root, and the facet memo must be shared by totalCount and facets.
  return Object.assign(new OfferingConnection(), {
    ...connectionOf(rows, first, after, (row) => cursorOf(order, row)),
    scope,
    withFacets,
  });
}

function facetCountsOf(conn: OfferingConnection, ctx: Context): Promise<FacetCounts> {
  const { scope } = conn;
  conn.facetCounts ??=
    scope.kind === 'parent'
      ? ctx.loaders.byParent.facets(scope.column).load(scope.key)
      : (() => {
          const params = new SqlParams();
          return queryFacets(ctx.db.dataSource, filterConditions(scope.filter, params).conditions, params);
        })();
  return conn.facetCounts;
}

const byValue = <T extends { value: string }>(a: T, b: T) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

function facetsView(f: FacetCounts): OfferingFacets {
  return {
    schoolForms: [...f.schoolForms].map(([value, count]) => ({ value: value as SchoolForm, count })).sort(byValue),
    studyModes: [...f.studyModes].map(([value, count]) => ({ value: value as StudyMode, count })).sort(byValue),
    municipalities: [...f.municipalities]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, count]) => ({ municipality: { code }, count })),
  };
}

@Resolver(() => Offering)
export class OfferingResolver {
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
    return connection(rows, size, orderBy, after, { kind: 'filter', filter }, info);
  }

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

  @FieldResolver(() => Boolean, { description: 'Whether applications are accepted today.' })
  openForApplication(@Root() offering: Offering): boolean {
    const today = todayInSweden();
    return offering.applicationOpens <= today && today <= offering.applicationCloses;
  }
}

@Resolver(() => OfferingConnection)
export class OfferingConnectionResolver {
  @FieldResolver(() => Int, { description: 'Size of the whole filtered set.' })
  async totalCount(@Root() conn: OfferingConnection, @Ctx() ctx: Context): Promise<number> {
    const { scope } = conn;
    if (conn.withFacets) {
      let sum = 0;
      for (const n of (await facetCountsOf(conn, ctx)).schoolForms.values()) sum += n;
      return sum;
    }
    if (scope.kind === 'parent') return ctx.loaders.byParent.count(scope.column).load(scope.key);
    const params = new SqlParams();
    return queryCount(ctx.db.dataSource, filterConditions(scope.filter, params).conditions, params);
  }

  @FieldResolver(() => OfferingFacets)
  async facets(@Root() conn: OfferingConnection, @Ctx() ctx: Context): Promise<OfferingFacets> {
    return facetsView(await facetCountsOf(conn, ctx));
  }
}

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => [Course], { description: 'The course catalogue, by code; optionally one school form.' })
  courses(
    @Arg('schoolForm', () => SchoolForm, { nullable: true }) schoolForm: SchoolForm | null,
    @Ctx() ctx: Context,
  ): Promise<Course[]> {
    return ctx.db.dataSource
      .getRepository(Course)
      .find({ where: schoolForm ? { schoolForm } : {}, order: { code: 'ASC' } });
  }

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
  return connection(rows, size, OfferingOrder.START_DATE, after, { kind: 'parent', column, key }, info);
}

@Resolver(() => Provider)
export class ProviderOfferingsResolver {
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
] as const;
