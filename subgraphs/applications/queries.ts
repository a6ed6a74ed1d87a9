import { Arg, Args, Authorized, Ctx, Directive, Field, ID, InputType, Int, Query, Resolver, registerEnumType } from 'type-graphql';
import { shard } from '../kit/shard';
import { Role } from '../../common/auth/roles';
import { PRIVATE } from '../kit/cache-control';
import { type Connection, connectionType } from '../kit/connection';
import { SchoolForm } from '../kit/domain';
import { type CursorShape, PageArgs, decodeCursor, encodeCursor, pageOf, pageSize } from '../kit/pagination';
import { SqlParams, columnsOf } from '../kit/sql';
import { checkTerm } from '../kit/terms';
import { checkMaxItems, checkMunicipalityCodes, checkTexts } from '../kit/validate';
import { ApplicationStatus } from './domain';
import type { Context } from './loaders';
import { Applicant, Application } from './model';
import { applicationScope, canSee } from './scope';

export enum ApplicationOrder {
  SUBMITTED_AT = 'SUBMITTED_AT',
  PRIORITY = 'PRIORITY',
}
registerEnumType(ApplicationOrder, {
  name: 'ApplicationOrder',
  valuesConfig: {
    SUBMITTED_AT: { description: 'Oldest first (the default).' },
    PRIORITY: { description: 'As the admission rules rank them: rights first, then the municipality’s priority order; oldest first within.' },
  },
});

@InputType({ description: 'Narrows the list; all given conditions must hold, a list matches any of its values.' })
export class ApplicationFilter {
  @Field(() => [ApplicationStatus], { nullable: true })
  statuses?: ApplicationStatus[];

  @Field(() => [String], { nullable: true, description: 'Terms such as "VT2027".' })
  terms?: string[];

  @Field(() => [SchoolForm], { nullable: true })
  schoolForms?: SchoolForm[];

  @Field(() => [ID], { nullable: true })
  offeringIds?: string[];

  @Field(() => [ID], { nullable: true })
  providerIds?: string[];

  @Field(() => [Int], { nullable: true, description: '1: first choices.' })
  rankings?: number[];

  @Field(() => [ID], { nullable: true, description: 'Home municipalities (only narrows what you may see anyway).' })
  homeMunicipalities?: string[];
}

const ApplicationConnection = connectionType('Application', Application, {
  cacheControl: PRIVATE,
  description: 'Applications the viewer may see.',
});
type ApplicationConnection = Connection<Application>;

function filterConditions(filter: ApplicationFilter | null, params: SqlParams): string[] {
  const where: string[] = [];
  if (!filter) return where;
  for (const [list, name] of [
    [filter.statuses, 'filter.statuses'],
    [filter.schoolForms, 'filter.schoolForms'],
    [filter.rankings, 'filter.rankings'],
  ] as const) {
    checkMaxItems(list, 100, name);
  }
  checkTexts(filter.offeringIds, 'filter.offeringIds');
  checkTexts(filter.providerIds, 'filter.providerIds');
  checkMaxItems(filter.terms, 20, 'filter.terms');
  for (const term of filter.terms ?? []) checkTerm(term, 'filter.terms');
  checkMunicipalityCodes(filter.homeMunicipalities, 'filter.homeMunicipalities');
  const anyOf = (column: string, values: readonly unknown[] | undefined, cast: string) => {
    if (values?.length) where.push(`a.${column} = ANY(${params.add(values)}::${cast}[])`);
  };
  anyOf('status', filter.statuses, 'text');
  anyOf('term', filter.terms, 'text');
  anyOf('school_form', filter.schoolForms, 'text');
  anyOf('offering_id', filter.offeringIds, 'text');
  anyOf('provider_id', filter.providerIds, 'text');
  anyOf('ranking', filter.rankings, 'smallint');
  anyOf('home_municipality', filter.homeMunicipalities, 'bpchar');
  return where;
}

interface Order {
  tag: string;
  columns: string[];
  casts: string[];
  shape: CursorShape;
  values: (a: Application) => string[];
}

const ORDERS: Record<ApplicationOrder, Order> = {
  SUBMITTED_AT: {
    tag: 'application-submitted',
    columns: ['a.submitted_at', 'a.id'],
    casts: ['timestamptz', 'text'],
    shape: ['timestamp', 'string'],
    values: (a) => [new Date(a.submittedAt).toISOString(), a.id],
  },
  PRIORITY: {
    tag: 'application-priority',
    columns: ['a.recommendation_priority', 'a.submitted_at', 'a.id'],
    casts: ['smallint', 'timestamptz', 'text'],
    shape: ['integer', 'timestamp', 'string'],
    values: (a) => [String(a.recommendationPriority), new Date(a.submittedAt).toISOString(), a.id],
  },
};

@Resolver(() => Application)
export class ApplicationQueryResolver {
  @Authorized(Role.APPLICANT)
  @Directive(shard({ route: 'viewer' }))
  @Query(() => Applicant, { nullable: true, description: 'Your applicant profile (the applicant role); null until saved.' })
  myApplicant(@Ctx() ctx: Context): Promise<Applicant | null> {
    return ctx.loaders.applicant.load(ctx.viewer.subject!);
  }

  @Authorized(Role.APPLICANT)
  @Directive(shard({ route: 'viewer', merge: 'list' }))
  @Query(() => [Application], { description: 'Your applications (the applicant role), by term and ranking.' })
  myApplications(
    @Arg('term', () => String, { nullable: true, description: 'Only this term, e.g. "VT2027".' }) term: string | null,
    @Ctx() ctx: Context,
  ): Promise<Application[]> {
    checkTerm(term, 'term');
    return ctx.db.dataSource.getRepository(Application).find({
      where: { applicantId: ctx.viewer.subject!, ...(term ? { term } : {}) },
      order: { term: 'ASC', ranking: 'ASC', submittedAt: 'ASC' },
    });
  }

  @Authorized(Role.APPLICANT, Role.OFFICER, Role.PROVIDER)
  @Directive(shard({ route: 'arg:id' }))
  @Query(() => Application, { nullable: true, description: 'One application, if you may see it.' })
  async application(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Application | null> {
    checkTexts([id], 'id');
    const app = await ctx.loaders.application.load(id);
    return app && canSee(ctx.viewer, app) ? app : null;
  }

  @Authorized(Role.OFFICER, Role.PROVIDER)
  @Directive(shard({ route: 'all', merge: 'connection' }))
  @Query(() => ApplicationConnection, {
    description:
      'Applications: an officer sees their municipality’s residents’, a provider user the granted ones for their provider’s offerings, an admin all.',
  })
  async applications(
    @Arg('filter', () => ApplicationFilter, { nullable: true }) filter: ApplicationFilter | null,
    @Arg('orderBy', () => ApplicationOrder, { defaultValue: ApplicationOrder.SUBMITTED_AT }) orderBy: ApplicationOrder,
    @Args() { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ApplicationConnection> {
    const size = pageSize(first);
    const ds = ctx.db.dataSource;
    const order = ORDERS[orderBy];
    const where = (params: SqlParams) => [applicationScope(ctx.viewer, params), ...filterConditions(filter, params)];

    const countParams = new SqlParams();
    const countWhere = where(countParams);
    const count = async () => {
      const rows: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM applications a WHERE ${countWhere.join(' AND ')}`, countParams.values);
      return rows[0]?.n ?? 0;
    };

    const params = new SqlParams();
    const conditions = where(params);
    if (after) {
      const values = decodeCursor(after, order.tag, order.shape);
      conditions.push(`(${order.columns.join(', ')}) > (${values.map((v, i) => `${params.add(v)}::${order.casts[i]}`).join(', ')})`);
    }
    const rows: Application[] = await ds.query(
      `SELECT ${columnsOf(ds, Application, 'a')} FROM applications a WHERE ${conditions.join(' AND ')}
       ORDER BY ${order.columns.join(', ')} LIMIT ${params.add(size + 1)}`,
      params.values,
    );
    return ApplicationConnection.of({ ...pageOf(rows, size, after, (a) => encodeCursor(order.tag, order.values(a))), count });
  }
}
