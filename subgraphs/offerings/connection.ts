import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { SchoolForm } from '../kit/domain';
import { PageInfo, pageOf } from '../kit/pagination';
import { selectsField } from '../kit/selection';
import { SqlParams } from '../kit/sql';
import { type OfferingFilter, type OfferingOrder, filterConditions } from './filter';
import type { Context } from './loaders';
import { Municipality, Offering, StudyMode } from './model';
import { PUBLIC_CATALOGUE } from '../kit/cache-control';
import { type FacetCounts, type OfferingRow, type ParentColumn, cursorOf, queryCount, queryFacets } from './queries';

/** The offerings connection: edges, page info, and totalCount and facets computed only when asked for. */

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
class OfferingEdge {
  @Field()
  cursor!: string;

  @Field(() => Offering)
  node!: Offering;
}

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
class SchoolFormFacet {
  @Field(() => SchoolForm)
  value!: SchoolForm;

  @Field(() => Int)
  count!: number;
}

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
class MunicipalityFacet {
  @Field(() => Municipality)
  municipality!: Municipality;

  @Field(() => Int)
  count!: number;
}

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
class StudyModeFacet {
  @Field(() => StudyMode)
  value!: StudyMode;

  @Field(() => Int)
  count!: number;
}

@Directive(PUBLIC_CATALOGUE)
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
export type OfferingScope =
  | { kind: 'filter'; filter: OfferingFilter | null }
  | { kind: 'parent'; column: ParentColumn; key: string };

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
export class OfferingConnection {
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

export function connection(
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
    ...pageOf(rows, first, after, (row) => cursorOf(order, row)),
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

