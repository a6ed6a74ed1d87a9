import { createHash } from 'node:crypto';
import { Arg, Authorized, Ctx, Directive, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { changed } from '../kit/cache-tags';
import { shard } from '../kit/shard';
import { Role } from '../../common/auth/roles';
import { ErrorCode, badUserInput, userError } from '../../common/errors';
import { todayInSweden } from '../kit/dates';
import { PersonalIdentityNumberScalar, parsePersonalIdentityNumber } from '../kit/personal-identity-number';
import { termOf } from '../kit/terms';
import { checkText } from '../kit/validate';
import { ApplicationStatus, EducationLevel, LabourMarketStatus } from './domain';
import { newApplicationId } from './ids';
import type { Context } from './loaders';
import { Applicant, Application, ApplicationEvent, IdempotencyKey } from './model';
import { recommend, residenceRule, windowRule } from './rules';

@InputType({ description: 'Who the applicant is; saved once and used for every application.' })
export class ApplicantInput {
  @Field(() => PersonalIdentityNumberScalar, { description: 'Cannot change once saved.' })
  personalIdentityNumber!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => ID, { description: 'Home municipality (folkbokföringskommun), a 4-digit code; cannot change while applications are open.' })
  homeMunicipality!: string;

  @Field(() => EducationLevel)
  educationLevel!: EducationLevel;

  @Field(() => LabourMarketStatus)
  labourMarketStatus!: LabourMarketStatus;

  @Field({ description: 'Lacks basic Swedish (the right to Sfi).' })
  needsSwedish!: boolean;
}

@InputType()
export class ApplicationInput {
  @Field(() => ID)
  offeringId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Order of preference among your applications for the term (1: first choice); the next free one when left out.',
  })
  ranking?: number | null;

  @Field(() => String, { nullable: true, description: 'Why you apply; at most 2000 characters.' })
  motivation?: string | null;
}

const MAX_RANKING = 50;
const LIVE = [ApplicationStatus.WITHDRAWN, ApplicationStatus.CANCELLED];
/** Weeks from the first day to the last, started weeks counted whole. */
export function studyWeeks(startDate: string, endDate: string): number {
  const days = (Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000 + 1;
  return Math.max(1, Math.ceil(days / 7));
}

function checkName(value: string, argumentName: string): string {
  checkText(value, argumentName, 200);
  const trimmed = value.trim();
  if (!trimmed) throw badUserInput(`${argumentName} cannot be blank.`, { argumentName });
  return trimmed;
}

function requestHash(input: ApplicationInput): Buffer {
  return createHash('sha256').update(JSON.stringify([input.offeringId, input.ranking ?? null, input.motivation ?? null])).digest();
}

function checkApplicationInput(input: ApplicationInput, idempotencyKey: string): void {
  checkText(input.offeringId, 'input.offeringId', 200);
  checkText(input.motivation, 'input.motivation', 2000);
  if (!/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
    throw badUserInput('idempotencyKey must be 1–200 printable ASCII characters without spaces (a UUID, say).', {
      argumentName: 'idempotencyKey',
    });
  }
  if (input.ranking != null && (input.ranking < 1 || input.ranking > MAX_RANKING)) {
    throw badUserInput(`input.ranking must be between 1 and ${MAX_RANKING}.`, { argumentName: 'input.ranking' });
  }
}

@Resolver()
export class SubmissionResolver {
  @Authorized(Role.APPLICANT)
  @Directive(shard({ route: 'arg:input.homeMunicipality' }))
  @Mutation(() => Applicant, { description: 'Saves who you are (the applicant role): needed once before the first application.' })
  async saveApplicantProfile(@Arg('input', () => ApplicantInput) input: ApplicantInput, @Ctx() ctx: Context): Promise<Applicant> {
    const id = ctx.viewer.subject!;
    const givenName = checkName(input.givenName, 'input.givenName');
    const familyName = checkName(input.familyName, 'input.familyName');
    if (!/^\d{4}$/.test(input.homeMunicipality)) {
      throw badUserInput('input.homeMunicipality must be a 4-digit municipality code, e.g. "0180".', { argumentName: 'input.homeMunicipality' });
    }
    // The identity provider's word on where the applicant lives (and where the region keeps their applications).
    if (ctx.viewer.municipality && ctx.viewer.municipality !== input.homeMunicipality) {
      throw badUserInput(`input.homeMunicipality must be your home municipality as your sign-in says (${ctx.viewer.municipality}).`, {
        argumentName: 'input.homeMunicipality',
      });
    }
    const { normalized, birthDate } = parsePersonalIdentityNumber(input.personalIdentityNumber);
    const { cipher } = ctx.loaders.services;
    const pinHash = cipher.lookupHash(normalized);
    return ctx.db.dataSource.transaction(async (tx) => {
      const applicants = tx.getRepository(Applicant);
      const current = await applicants.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const holder = await applicants.findOneBy({ pinHash });
      if (holder && holder.id !== id) {
        throw userError(ErrorCode.CONFLICT, 'This personal identity number is registered to another applicant account.', {
          argumentName: 'input.personalIdentityNumber',
        });
      }
      // No answer anyone may cache holds an applicant; the declaration keeps the rest of the cache.
      changed(ctx, 'Application');
      const now = new Date();
      const profile = {
        givenName,
        familyName,
        homeMunicipalityCode: input.homeMunicipality,
        educationLevel: input.educationLevel,
        labourMarketStatus: input.labourMarketStatus,
        needsSwedish: input.needsSwedish,
        updatedAt: now,
      };
      if (!current) {
        const created = { id, pinSealed: cipher.seal(normalized), pinHash, birthDate, createdAt: now, ...profile };
        await tx.insert(Applicant, created);
        ctx.logger.info({ applicant: id }, 'applicant profile created');
        return created;
      }
      if (!current.pinHash.equals(pinHash)) {
        throw userError(ErrorCode.CONFLICT, 'An applicant’s personal identity number cannot change once saved.', {
          argumentName: 'input.personalIdentityNumber',
        });
      }
      if (current.homeMunicipalityCode !== input.homeMunicipality) {
        const open = await tx
          .getRepository(Application)
          .createQueryBuilder('a')
          .where('a.applicant_id = :id AND a.status IN (:...open)', { id, open: ['SUBMITTED', 'GRANTED', 'WAITLISTED', 'ENROLLED'] })
          .getCount();
        if (open > 0) {
          throw userError(ErrorCode.CONFLICT, `The home municipality cannot change while ${open} application(s) are open; withdraw them first.`, {
            argumentName: 'input.homeMunicipality',
          });
        }
      }
      await tx.update(Applicant, { id }, profile);
      ctx.logger.info({ applicant: id }, 'applicant profile updated');
      return { ...current, ...profile };
    });
  }

  @Authorized(Role.APPLICANT)
  @Directive(shard({ route: 'viewer' }))
  @Mutation(() => Application, {
    description:
      'Applies for an offering. Retrying with the same idempotencyKey returns the same application and creates nothing; ' +
      'the same key with another input is a CONFLICT.',
  })
  async submitApplication(
    @Arg('input', () => ApplicationInput) input: ApplicationInput,
    @Arg('idempotencyKey') idempotencyKey: string,
    @Ctx() ctx: Context,
  ): Promise<Application> {
    checkApplicationInput(input, idempotencyKey);
    const applicantId = ctx.viewer.subject!;
    const hash = requestHash(input);
    const ds = ctx.db.dataSource;
    const replay = async (key: IdempotencyKey): Promise<Application> => {
      changed(ctx, 'Application', key.applicationId);
      if (!key.requestHash.equals(hash)) {
        throw userError(ErrorCode.CONFLICT, 'This idempotencyKey was used for a different application; use a new key.', {
          argumentName: 'idempotencyKey',
        });
      }
      return (await ds.getRepository(Application).findOneByOrFail({ id: key.applicationId }));
    };
    const earlier = await ds.getRepository(IdempotencyKey).findOneBy({ applicantId, key: idempotencyKey });
    if (earlier) return replay(earlier);

    const applicant = await ctx.loaders.applicant.load(applicantId);
    if (!applicant) throw userError(ErrorCode.CONFLICT, 'Save your applicant profile first (saveApplicantProfile).');
    const notResident = residenceRule({ homeMunicipality: applicant.homeMunicipalityCode });
    if (notResident) throw userError(ErrorCode.FORBIDDEN, notResident);
    const offering = await ctx.loaders.services.offerings.load(input.offeringId);
    if (!offering) throw userError(ErrorCode.NOT_FOUND, `No offering has id "${input.offeringId}".`, { argumentName: 'input.offeringId' });
    const closed = windowRule(offering, todayInSweden());
    if (closed) throw userError(ErrorCode.CONFLICT, closed, { argumentName: 'input.offeringId' });
    const recommendation = recommend(
      {
        birthDate: applicant.birthDate,
        homeMunicipality: applicant.homeMunicipalityCode,
        educationLevel: applicant.educationLevel,
        labourMarketStatus: applicant.labourMarketStatus,
        needsSwedish: applicant.needsSwedish,
      },
      offering,
    );
    const term = termOf(offering.startDate);

    return ds.transaction(async (tx) => {
      // Every submission of one applicant in turn: rankings and the idempotency key see each other.
      await tx.getRepository(Applicant).findOne({ where: { id: applicantId }, lock: { mode: 'pessimistic_write' } });
      const id = newApplicationId(applicant.homeMunicipalityCode);
      const claimed: { application_id: string }[] = await tx.query(
        `INSERT INTO idempotency_keys (applicant_id, key, request_hash, application_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING application_id`,
        [applicantId, idempotencyKey, hash, id],
      );
      if (claimed.length === 0) {
        return replay(await tx.getRepository(IdempotencyKey).findOneByOrFail({ applicantId, key: idempotencyKey }));
      }
      const live = await tx
        .getRepository(Application)
        .createQueryBuilder('a')
        .where('a.applicant_id = :applicantId AND a.term = :term AND a.status NOT IN (:...ended)', { applicantId, term, ended: LIVE })
        .getMany();
      const same = live.find((a) => a.offeringId === offering.id);
      if (same) {
        throw userError(ErrorCode.CONFLICT, `You have applied for offering ${offering.id} already (application ${same.id}).`, {
          argumentName: 'input.offeringId',
        });
      }
      const taken = new Set(live.map((a) => a.ranking));
      const ranking = input.ranking ?? Math.max(0, ...taken) + 1;
      if (taken.has(ranking)) {
        throw userError(ErrorCode.CONFLICT, `Another of your ${term} applications has ranking ${ranking}; choose a free one.`, {
          argumentName: 'input.ranking',
        });
      }
      if (ranking > MAX_RANKING) throw userError(ErrorCode.CONFLICT, `At most ${MAX_RANKING} applications per term.`);
      const now = new Date();
      const application: Application = {
        id,
        applicantId,
        homeMunicipalityCode: applicant.homeMunicipalityCode,
        offeringId: offering.id,
        organisingMunicipalityCode: offering.municipalityCode,
        providerId: offering.providerId,
        schoolForm: offering.schoolForm,
        term,
        ranking,
        motivation: input.motivation?.trim() || null,
        status: ApplicationStatus.SUBMITTED,
        recommendationOutcome: recommendation.outcome,
        recommendationBasis: recommendation.basis,
        recommendationPriority: recommendation.priority,
        recommendationReason: recommendation.reason,
        decisionOutcome: null,
        decisionBasis: null,
        decisionNote: null,
        decidedBy: null,
        decidedAt: null,
        grade: null,
        coursePoints: offering.coursePoints ?? null,
        studyWeeks: studyWeeks(offering.startDate, offering.endDate),
        submittedAt: now,
        updatedAt: now,
      };
      await tx.insert(Application, application);
      await tx.insert(ApplicationEvent, {
        applicationId: id,
        at: now,
        from: null,
        to: ApplicationStatus.SUBMITTED,
        actorRole: ctx.viewer.role,
        actor: applicantId,
        reason: null,
      });
      changed(ctx, 'Application', id);
      changed(ctx, 'Offering', offering.id);
      ctx.logger.info({ application: id, offering: offering.id }, 'application submitted');
      return application;
    });
  }
}
