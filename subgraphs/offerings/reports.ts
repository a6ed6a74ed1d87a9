import type { DataSource } from 'typeorm';
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { PRIVATE } from '../kit/cache-control';
import { SchoolForm } from '../kit/domain';
import { shard } from '../kit/shard';
import type { Context } from './loaders';

/** The providers subgraph's report row; this subgraph adds the offerings in its scope. */
@Directive(PRIVATE)
@ObjectType()
@Directive('@key(fields: "id")')
export class ReportRow {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field()
  term!: string;

  @Directive('@external')
  @Field(() => [ID])
  scopeMunicipalities!: string[];

  @Directive('@external')
  @Field(() => [ID])
  scopeProviders!: string[];

  @Directive('@external')
  @Field(() => [SchoolForm])
  scopeSchoolForms!: SchoolForm[];
}

export interface OfferingScope {
  term: string;
  municipalities: string[];
  providers: string[];
  schoolForms: string[];
}

/** The start dates a term covers: HT from 1 July, VT from 1 January. */
function termDates(term: string): [string, string] {
  const year = Number(term.slice(2));
  return term.startsWith('HT') ? [`${year}-07-01`, `${year}-12-31`] : [`${year}-01-01`, `${year}-06-30`];
}

/** Offerings starting in each row's term within its scope (organised by its municipalities): one statement per batch. */
export async function offeringCounts(ds: DataSource, rows: readonly OfferingScope[]): Promise<number[]> {
  const result: { i: number; n: number }[] = await ds.query(
    `SELECT r.i, (SELECT count(*)::int FROM offerings o
        WHERE o.start_date BETWEEN r.starts::date AND r.ends::date
          AND (cardinality(r.munis) = 0 OR o.municipality_code = ANY(r.munis))
          AND (cardinality(r.providers) = 0 OR o.provider_id = ANY(r.providers))
          AND (cardinality(r.forms) = 0 OR o.school_form = ANY(r.forms))) AS n
       FROM jsonb_to_recordset($1::jsonb) AS r(i int, starts text, ends text, munis text[], providers text[], forms text[])
      ORDER BY r.i`,
    [
      JSON.stringify(
        rows.map((r, i) => {
          const [starts, ends] = termDates(r.term);
          return { i, starts, ends, munis: r.municipalities, providers: r.providers, forms: r.schoolForms };
        }),
      ),
    ],
  );
  return result.map((r) => r.n);
}

@Resolver(() => ReportRow)
export class ReportRowOfferingsResolver {
  @Directive('@requires(fields: "term scopeMunicipalities scopeProviders scopeSchoolForms")')
  @Directive(shard({ merge: 'sum' }))
  @FieldResolver(() => Int, { nullable: true, description: 'Offerings starting in the term within the row’s scope (organised by its municipalities).' })
  offerings(@Root() row: ReportRow, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.reportOfferings.load({
      term: row.term,
      municipalities: row.scopeMunicipalities,
      providers: row.scopeProviders,
      schoolForms: row.scopeSchoolForms,
    });
  }
}
