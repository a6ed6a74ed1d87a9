import { Ctx, FieldResolver, Resolver, Root, UseMiddleware } from 'type-graphql';
import { PersonalIdentityNumberScalar } from '../kit/personal-identity-number';
import type { Context } from './loaders';
import { PersonOrHomeOfficer } from './scope';
import { Applicant, Application, ApplicationEvent, Decision, Municipality, Offering, Provider, Recommendation } from './model';

@Resolver(() => Application)
export class ApplicationFieldsResolver {
  @FieldResolver(() => Offering)
  offering(@Root() app: Application): Offering {
    return { id: app.offeringId };
  }

  @FieldResolver(() => Applicant, { description: 'Who applied (a provider user sees the name only).' })
  async applicant(@Root() app: Application, @Ctx() ctx: Context): Promise<Applicant> {
    const applicant = await ctx.loaders.applicant.load(app.applicantId);
    if (!applicant) throw new Error(`applicant ${app.applicantId} is missing`);
    return applicant;
  }

  @FieldResolver(() => Municipality, { description: 'The applicant’s home municipality: it decides and pays.' })
  homeMunicipality(@Root() app: Application): Municipality {
    return { code: app.homeMunicipalityCode };
  }

  @FieldResolver(() => Municipality, { description: 'The municipality organising the offering.' })
  organisingMunicipality(@Root() app: Application): Municipality {
    return { code: app.organisingMunicipalityCode };
  }

  @FieldResolver(() => Provider)
  provider(@Root() app: Application): Provider {
    return { id: app.providerId };
  }

  @FieldResolver(() => Boolean, { description: 'The offering is in another municipality than the applicant’s home (interkommunal).' })
  intermunicipal(@Root() app: Application): boolean {
    return app.homeMunicipalityCode !== app.organisingMunicipalityCode;
  }

  @FieldResolver(() => Recommendation)
  recommendation(@Root() app: Application): Recommendation {
    return {
      outcome: app.recommendationOutcome,
      basis: app.recommendationBasis,
      priority: app.recommendationPriority,
      reason: app.recommendationReason,
    };
  }

  @FieldResolver(() => Decision, { nullable: true, description: 'Null until the home municipality decides.' })
  decision(@Root() app: Application): Decision | null {
    if (!app.decisionOutcome || !app.decisionBasis || !app.decidedAt) return null;
    return {
      outcome: app.decisionOutcome,
      basis: app.decisionBasis,
      note: app.decisionNote,
      decidedBy: app.decidedBy ?? '',
      decidedAt: app.decidedAt,
      overruled: app.decisionOutcome !== app.recommendationOutcome,
    };
  }

  @FieldResolver(() => [ApplicationEvent], { description: 'Every change of status, oldest first.' })
  history(@Root() app: Application, @Ctx() ctx: Context): Promise<ApplicationEvent[]> {
    return ctx.loaders.history.load(app.id);
  }
}

@Resolver(() => Applicant)
export class ApplicantFieldsResolver {
  @FieldResolver(() => PersonalIdentityNumberScalar, {
    nullable: true,
    description: 'For the person, their home municipality’s officers and admins; null with FORBIDDEN for anyone else.',
  })
  @UseMiddleware(PersonOrHomeOfficer)
  personalIdentityNumber(@Root() applicant: Applicant, @Ctx() ctx: Context): string {
    return ctx.loaders.services.cipher.open(applicant.pinSealed);
  }

  @FieldResolver(() => Municipality)
  homeMunicipality(@Root() applicant: Applicant): Municipality {
    return { code: applicant.homeMunicipalityCode };
  }
}
