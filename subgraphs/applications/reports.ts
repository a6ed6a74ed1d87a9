import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../common/auth/roles';
import { PRIVATE } from '../kit/cache-control';
import { SchoolForm } from '../kit/domain';
import { shard } from '../kit/shard';
import { SuppressedCount, SuppressedRate, figures } from '../kit/suppressed';
import { checkTerm } from '../kit/terms';
import type { Context } from './loaders';
import { Municipality } from './model';
import { compensationRows } from './report-queries';

/** The providers subgraph's report row; this subgraph adds what applications say about its scope. */
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

  @Directive('@external')
  @Field(() => [ID])
  externalProviders!: string[];
}

@Directive(PRIVATE)
@ObjectType({ description: 'A report row’s applicants, admissions and results (its municipalities: their residents).' })
export class ApplicationFigures {
  @Field(() => SuppressedCount, { description: 'People who applied in the term.' })
  applicants!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Applicants granted their first choice.' })
  firstChoiceAdmitted!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Applications granted.' })
  granted!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Enrolments: enrolled now, completed or dropped out.' })
  enrolled!: SuppressedCount;

  @Field(() => SuppressedCount)
  completed!: SuppressedCount;

  @Field(() => SuppressedRate, { description: 'Passing grades (A–E or pass) among the completed.' })
  passRate!: SuppressedRate;

  @Field(() => SuppressedRate, { description: 'Dropouts among the enrolments.' })
  dropoutRate!: SuppressedRate;

  @Field(() => SuppressedRate, { description: 'Enrolments at external providers among the enrolments (the region’s headline share).' })
  externalShare!: SuppressedRate;

  @Field(() => SuppressedCount, { description: 'Residents’ enrolments at offerings other municipalities organise.' })
  studyingElsewhere!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Other municipalities’ residents’ enrolments at the row’s municipalities’ offerings.' })
  fromElsewhere!: SuppressedCount;
}

@Resolver(() => ReportRow)
export class ReportRowApplicationsResolver {
  @Authorized(Role.STATISTICIAN, Role.COORDINATOR, Role.OFFICER)
  @Directive('@requires(fields: "term scopeMunicipalities scopeProviders scopeSchoolForms externalProviders")')
  @Directive(shard({ merge: 'sum' }))
  @FieldResolver(() => ApplicationFigures, { nullable: true })
  async applications(@Root() row: ReportRow, @Ctx() ctx: Context): Promise<ApplicationFigures> {
    const c = await ctx.loaders.reportCounts.load({
      term: row.term,
      municipalities: row.scopeMunicipalities,
      providers: row.scopeProviders,
      schoolForms: row.scopeSchoolForms,
      externalProviders: row.externalProviders,
    });
    const { count, rate } = figures(ctx.rawAggregates);
    return {
      applicants: count(c.applicants),
      firstChoiceAdmitted: count(c.firstChoiceAdmitted),
      granted: count(c.granted),
      enrolled: count(c.enrolled),
      completed: count(c.completed),
      passRate: rate(c.passed, c.completed),
      dropoutRate: rate(c.droppedOut, c.enrolled),
      externalShare: rate(c.atExternal, c.enrolled),
      studyingElsewhere: count(c.studyingElsewhere),
      fromElsewhere: count(c.fromElsewhere),
    };
  }
}

/**
 * What a home municipality owes an organising one for its residents' studies in a term,
 * per school form (interkommunal ersättning): the students, and the volume the price list
 * applies to (course points, or weeks for Sfi). The providers subgraph adds the amount
 * from the region's price list.
 */
@Directive(PRIVATE)
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'An intermunicipal compensation entry: one home municipality, one organiser, one school form, one term.' })
export class CompensationEntry {
  @Field(() => ID, { description: '"<term>|<home>|<organiser>|<school form>".' })
  id!: string;

  @Field()
  term!: string;

  @Field(() => Municipality, { description: 'Decides and pays.' })
  home!: Municipality;

  @Field(() => Municipality, { description: 'Organises the offerings and is paid.' })
  organiser!: Municipality;

  @Field(() => SchoolForm)
  schoolForm!: SchoolForm;

  @Field(() => SuppressedCount, { description: 'Residents enrolled (people, suppressed when few).' })
  students!: SuppressedCount;

  @Directive(shard({ merge: 'sum' }))
  @Field(() => Int, { description: 'Enrolments (an accounting volume, not suppressed).' })
  enrolments!: number;

  @Directive(shard({ merge: 'sum' }))
  @Field(() => Int, { description: 'The enrolled courses’ points.' })
  coursePoints!: number;

  @Directive(shard({ merge: 'sum' }))
  @Field(() => Int, { description: 'The enrolled offerings’ weeks (what Sfi is priced by).' })
  studyWeeks!: number;
}

@Resolver(() => CompensationEntry)
export class CompensationResolver {
  @Authorized(Role.STATISTICIAN, Role.COORDINATOR, Role.OFFICER)
  @Directive(shard({ route: 'all', merge: 'sorted:home.code,organiser.code,schoolForm' }))
  @Query(() => [CompensationEntry], {
    description:
      'Intermunicipal compensation for a term: residents enrolled at other municipalities’ offerings, per home, organiser ' +
      'and school form, by home then organiser then school form. An officer sees their municipality’s residents only.',
  })
  async intermunicipalCompensation(@Arg('term') term: string, @Ctx() ctx: Context): Promise<CompensationEntry[]> {
    checkTerm(term, 'term');
    const homes = ctx.viewer.role === Role.OFFICER ? [ctx.viewer.municipality!] : null;
    const rows = await compensationRows(ctx.db.dataSource, term, homes);
    const { count } = figures(ctx.rawAggregates);
    return rows.map((r) => ({
      id: `${term}|${r.home}|${r.organiser}|${r.schoolForm}`,
      term,
      home: { code: r.home },
      organiser: { code: r.organiser },
      schoolForm: r.schoolForm as SchoolForm,
      students: count(r.students),
      enrolments: r.enrolments,
      coursePoints: r.coursePoints,
      studyWeeks: r.studyWeeks,
    }));
  }
}
