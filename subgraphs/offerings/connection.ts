import type { GraphQLResolveInfo } from 'graphql';
import { Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { type Connection, connectionType, once } from '../kit/connection';
import { SchoolForm } from '../kit/domain';
import { pageOf } from '../kit/pagination';
import { selectsField } from '../kit/selection';
import { shard } from '../kit/shard';
import { SqlParams } from '../kit/sql';
import { type OfferingFilter, type OfferingOrder, filterConditions } from './filter';
import type { Context } from './loaders';
import { Municipality, Offering, StudyMode } from './model';
import { PUBLIC_CATALOGUE } from '../kit/cache-control';
import { type FacetCounts, type OfferingRow, type ParentColumn, cursorOf, queryCount, queryFacets } from './queries';

/** Facet counts from several instances add up. */
const SUM = shard({ merge: 'sum' });

/** The offerings connection: the kit's connection, plus facets computed only when asked for. */

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
class SchoolFormFacet {
  @Field(() => SchoolForm)
  value!: SchoolForm;

  @Directive(SUM)
  @Field(() => Int)
  count!: number;
}

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
class MunicipalityFacet {
  @Field(() => Municipality)
  municipality!: Municipality;

  @Directive(SUM)
  @Field(() => Int)
  count!: number;
}

@Directive(PUBLIC_CATALOGUE)
@ObjectType()
class StudyModeFacet {
  @Field(() => StudyMode)
  value!: StudyMode;

  @Directive(SUM)
  @Field(() => Int)
  count!: number;
}

@Directive(PUBLIC_CATALOGUE)
@ObjectType({ description: 'Counts over the whole filtered set; each list sums to totalCount.' })
class OfferingFacets {
  @Directive(shard({ merge: 'group:value' }))
  @Field(() => [SchoolFormFacet])
  schoolForms!: SchoolFormFacet[];

  @Directive(shard({ merge: 'group:municipality.code' }))
  @Field(() => [MunicipalityFacet])
  municipalities!: MunicipalityFacet[];

  @Directive(shard({ merge: 'group:value' }))
  @Field(() => [StudyModeFacet])
  studyModes!: StudyModeFacet[];
}

/** What a connection lists: a catalogue filter, or one parent's offerings. */
export type OfferingScope =
  | { kind: 'filter'; filter: OfferingFilter | null }
  | { kind: 'parent'; column: ParentColumn; key: string };

/** What the facets field needs: the facet counts, loaded once and shared with totalCount. */
interface OfferingConnectionOwn {
  facetCounts: () => Promise<FacetCounts>;
}

export const OfferingConnection = connectionType<Offering, OfferingConnectionOwn>('Offering', Offering, {
  cacheControl: PUBLIC_CATALOGUE,
});
export type OfferingConnection = Connection<Offering, OfferingConnectionOwn>;

function loadFacets(scope: OfferingScope, ctx: Context): Promise<FacetCounts> {
  if (scope.kind === 'parent') return ctx.loaders.byParent.facets(scope.column).load(scope.key);
  const params = new SqlParams();
  return queryFacets(ctx.db.dataSource, filterConditions(scope.filter, params).conditions, params);
}

function loadCount(scope: OfferingScope, ctx: Context): Promise<number> {
  if (scope.kind === 'parent') return ctx.loaders.byParent.count(scope.column).load(scope.key);
  const params = new SqlParams();
  return queryCount(ctx.db.dataSource, filterConditions(scope.filter, params).conditions, params);
}

export function connection(
  rows: OfferingRow[],
  first: number,
  order: OfferingOrder,
  after: string | null | undefined,
  scope: OfferingScope,
  ctx: Context,
  info: GraphQLResolveInfo,
): OfferingConnection {
  const facetCounts = once(() => loadFacets(scope, ctx));
  // With facets asked for too, totalCount is their sum rather than a second scan.
  const count = selectsField(info, 'facets')
    ? async () => {
        let sum = 0;
        for (const n of (await facetCounts()).schoolForms.values()) sum += n;
        return sum;
      }
    : () => loadCount(scope, ctx);
  return OfferingConnection.of({ ...pageOf(rows, first, after, (row) => cursorOf(order, row)), count, facetCounts });
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
  @FieldResolver(() => OfferingFacets)
  async facets(@Root() conn: OfferingConnection): Promise<OfferingFacets> {
    return facetsView(await conn.facetCounts());
  }
}
