import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { Role } from '../../common/auth/roles';
import { PRIVATE } from '../kit/cache-control';
import { shard } from '../kit/shard';
import { SuppressedCount, SuppressedRate, figures } from '../kit/suppressed';
import { checkTerm } from '../kit/terms';
import type { Context } from './loaders';
import { Municipality, Offering, Provider } from './model';

/**
 * Figures the applications subgraph adds to other subgraphs' entities: counts over
 * people, each suppressed when the group is too small. Every field is one SQL statement
 * per batch of parents (the loaders). For every signed-in role but applicants.
 */

const FIGURES = [Role.OFFICER, Role.PROVIDER, Role.STATISTICIAN, Role.COORDINATOR];

/** Every applications instance counts its own applicants: the gateway adds them up. */
const SUM = shard({ merge: 'sum' });

@Directive(PRIVATE)
@ObjectType({ description: 'What applications say about one offering.' })
export class ApplicationStats {
  @Field(() => SuppressedCount, { description: 'People who applied (withdrawn applications included).' })
  applicants!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Applicants for whom this was the first choice.' })
  firstChoiceApplicants!: SuppressedCount;

  @Field(() => SuppressedCount)
  granted!: SuppressedCount;

  @Field(() => SuppressedCount)
  rejected!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Ever enrolled: enrolled now, completed or dropped out.' })
  enrolled!: SuppressedCount;

  @Field(() => SuppressedCount)
  waitlisted!: SuppressedCount;

  @Field(() => SuppressedCount)
  completed!: SuppressedCount;

  @Directive(shard({ merge: 'same' }))
  @Field(() => Int, { description: 'Seats not held by an enrolled student (the offering’s seat ledger).' })
  seatsLeft!: number;
}

@Directive(PRIVATE)
@ObjectType({ description: 'A municipality’s residents’ applications in a term, and the intermunicipal flows.' })
export class MunicipalityApplicationStats {
  @Field()
  term!: string;

  @Field(() => SuppressedCount, { description: 'Residents who applied.' })
  applicants!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Residents’ applications.' })
  applications!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Residents granted their first choice.' })
  firstChoiceGranted!: SuppressedCount;

  @Field(() => SuppressedCount)
  granted!: SuppressedCount;

  @Field(() => SuppressedCount)
  rejected!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Residents’ enrolments (enrolled now, completed or dropped out).' })
  enrolled!: SuppressedCount;

  @Field(() => SuppressedCount)
  completed!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Residents’ enrolments at offerings another municipality organises.' })
  studyingElsewhere!: SuppressedCount;

  @Field(() => SuppressedCount, { description: 'Other municipalities’ residents’ enrolments at this municipality’s offerings.' })
  fromElsewhere!: SuppressedCount;
}

@Directive(PRIVATE)
@ObjectType({ description: 'A provider’s results in a term.' })
export class ProviderResultStats {
  @Field()
  term!: string;

  @Field(() => SuppressedCount, { description: 'Enrolments (enrolled now, completed or dropped out).' })
  enrolled!: SuppressedCount;

  @Field(() => SuppressedCount)
  completed!: SuppressedCount;

  @Field(() => SuppressedRate, { description: 'Passing grades (A–E or pass) among the completed.' })
  passRate!: SuppressedRate;

  @Field(() => SuppressedRate, { description: 'Dropouts among the enrolments.' })
  dropoutRate!: SuppressedRate;
}

@Resolver(() => Offering)
export class OfferingStatsResolver {
  @Authorized(...FIGURES)
  @Directive('@requires(fields: "seatsLeft")')
  @Directive(SUM)
  @FieldResolver(() => ApplicationStats, { nullable: true })
  async applicationStats(@Root() offering: Offering, @Ctx() ctx: Context): Promise<ApplicationStats> {
    const c = await ctx.loaders.offeringCounts.load(offering.id);
    const { count: suppressedCount } = figures(ctx.rawAggregates);
    return {
      applicants: suppressedCount(c.applicants),
      firstChoiceApplicants: suppressedCount(c.firstChoiceApplicants),
      granted: suppressedCount(c.granted),
      rejected: suppressedCount(c.rejected),
      enrolled: suppressedCount(c.enrolled),
      waitlisted: suppressedCount(c.waitlisted),
      completed: suppressedCount(c.completed),
      seatsLeft: offering.seatsLeft ?? 0,
    };
  }
}

@Resolver(() => Municipality)
export class MunicipalityStatsResolver {
  @Authorized(...FIGURES)
  @Directive(SUM)
  @FieldResolver(() => MunicipalityApplicationStats, { nullable: true })
  async applicationStats(
    @Root() municipality: Municipality,
    @Arg('term', { description: 'e.g. "VT2027".' }) term: string,
    @Ctx() ctx: Context,
  ): Promise<MunicipalityApplicationStats> {
    checkTerm(term, 'term');
    const c = await ctx.loaders.municipalityCounts(term).load(municipality.code);
    const { count: suppressedCount } = figures(ctx.rawAggregates);
    return {
      term,
      applicants: suppressedCount(c.applicants),
      applications: suppressedCount(c.applications),
      firstChoiceGranted: suppressedCount(c.firstChoiceGranted),
      granted: suppressedCount(c.granted),
      rejected: suppressedCount(c.rejected),
      enrolled: suppressedCount(c.enrolled),
      completed: suppressedCount(c.completed),
      studyingElsewhere: suppressedCount(c.studyingElsewhere),
      fromElsewhere: suppressedCount(c.fromElsewhere),
    };
  }
}

@Resolver(() => Provider)
export class ProviderStatsResolver {
  @Authorized(...FIGURES)
  @Directive(SUM)
  @FieldResolver(() => ProviderResultStats, { nullable: true })
  async resultStats(
    @Root() provider: Provider,
    @Arg('term', { description: 'e.g. "VT2026".' }) term: string,
    @Ctx() ctx: Context,
  ): Promise<ProviderResultStats> {
    checkTerm(term, 'term');
    const c = await ctx.loaders.providerCounts(term).load(provider.id);
    const { count: suppressedCount, rate: suppressedRate } = figures(ctx.rawAggregates);
    return {
      term,
      enrolled: suppressedCount(c.enrolled),
      completed: suppressedCount(c.completed),
      passRate: suppressedRate(c.passed, c.completed),
      dropoutRate: suppressedRate(c.droppedOut, c.enrolled),
    };
  }
}
