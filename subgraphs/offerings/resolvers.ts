import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
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
import { PageArgs, PageInfo, pageSize, toPage } from '../kit/pagination';
import { SqlParams } from '../kit/sql';
import { OfferingFilter, OfferingOrder, checkFilter, filterConditions, searchText } from './filter';
import type { Context } from './loaders';
import { Course, Municipality, Offering, Provider, Site, StudyMode } from './model';
import {
  type FacetCounts,
  type OfferingRow,
  type ParentColumn,
  cursorOf,
  facetsOrEmpty,
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
}

function connectionOf(
  rows: OfferingRow[],
  size: number,
  order: OfferingOrder,
  after: string | null | undefined,
  scope: OfferingScope,
): OfferingConnection {
  const page = toPage(rows, size);
  const edges = page.items.map((node) => ({ node, cursor: cursorOf(order, node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    scope,
  };
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
  ): Promise<OfferingConnection> {
    const size = pageSize(first);
    checkFilter(filter);
    if (orderBy === OfferingOrder.RELEVANCE && !searchText(filter)) {
      throw badUserInput('orderBy RELEVANCE needs a search text in filter.text.', { argumentName: 'orderBy' });
    }
    const params = new SqlParams();
    const { conditions, textParam } = filterConditions(filter, params);
    const rows =
      size === 0 && !after
        ? []
        : await queryPage(ctx.db.dataSource, { conditions, params, order: orderBy, textParam, after, limit: size + 1 });
    return connectionOf(rows, size, orderBy, after, { kind: 'filter', filter });
  }

  @Query(() => Offering, { nullable: true })
  offering(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Offering | null> {
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
  totalCount(@Root() conn: OfferingConnection, @Ctx() ctx: Context): Promise<number> {
    const { scope } = conn;
    if (scope.kind === 'parent') return ctx.loaders.byParent.count(scope.column).load(scope.key);
    const params = new SqlParams();
    return queryCount(ctx.db.dataSource, filterConditions(scope.filter, params).conditions, params);
  }

  @FieldResolver(() => OfferingFacets)
  async facets(@Root() conn: OfferingConnection, @Ctx() ctx: Context): Promise<OfferingFacets> {
    const { scope } = conn;
    if (scope.kind === 'parent') return facetsView(await ctx.loaders.byParent.facets(scope.column).load(scope.key));
    const params = new SqlParams();
    const counts = await queryFacets(ctx.db.dataSource, filterConditions(scope.filter, params).conditions, params);
    return facetsView(facetsOrEmpty(counts, null));
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
    return ctx.loaders.course.load(code);
  }
}

async function parentOfferings(
  ctx: Context,
  column: ParentColumn,
  key: string,
  { first, after }: PageArgs,
): Promise<OfferingConnection> {
  const size = pageSize(first);
  const rows = size === 0 && !after ? [] : await ctx.loaders.byParent.page(column, after, size + 1).load(key);
  return connectionOf(rows, size, OfferingOrder.START_DATE, after, { kind: 'parent', column, key });
}

@Resolver(() => Provider)
export class ProviderOfferingsResolver {
  @FieldResolver(() => OfferingConnection, { description: 'The provider’s offerings, earliest start first.' })
  offerings(@Root() provider: Provider, @Args() page: PageArgs, @Ctx() ctx: Context): Promise<OfferingConnection> {
    return parentOfferings(ctx, 'provider_id', provider.id, page);
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
  ): Promise<OfferingConnection> {
    return parentOfferings(ctx, 'municipality_code', municipality.code, page);
  }
}

export const RESOLVERS = [
  OfferingResolver,
  OfferingConnectionResolver,
  CourseResolver,
  ProviderOfferingsResolver,
  MunicipalityOfferingsResolver,
] as const;
