import { GraphQLDateTime, GraphQLDate } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType, UseMiddleware } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { PRIVATE } from '../kit/cache-control';
import { shard } from '../kit/shard';
import { SchoolForm } from '../kit/domain';
import { ApplicationStatus, DecisionOutcome, EducationLevel, Grade, LabourMarketStatus, LegalBasis } from './domain';
import { PersonOrHomeOfficer } from './scope';

const PERSONAL = 'For the person, their home municipality’s officers and admins; null with FORBIDDEN for anyone else.';

/**
 * Sökande: a person applying. Known only to this subgraph. The personal identity number
 * is kept sealed (AES-256-GCM) with a keyed hash for look-up, never in clear.
 */
@Entity('applicants')
@Directive(PRIVATE)
@ObjectType({ description: 'A person applying (sökande). Seen only by the person, their home municipality’s officers and admins.' })
export class Applicant {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID, { description: 'Pseudonymous id: the applicant token’s subject.' })
  id!: string;

  @Column({ name: 'home_municipality', type: 'char', length: 4 })
  homeMunicipalityCode!: string;

  @Column({ name: 'pin_sealed', type: 'bytea' })
  pinSealed!: Buffer;

  @Column({ name: 'pin_hash', type: 'bytea' })
  pinHash!: Buffer;

  @Column({ name: 'birth_date', type: 'date' })
  @Field(() => GraphQLDate, { nullable: true, description: PERSONAL })
  @UseMiddleware(PersonOrHomeOfficer)
  birthDate!: string;

  @Column({ name: 'given_name', type: 'text' })
  @Field()
  givenName!: string;

  @Column({ name: 'family_name', type: 'text' })
  @Field()
  familyName!: string;

  @Column({ name: 'education_level', type: 'text' })
  @Field(() => EducationLevel, { nullable: true, description: PERSONAL })
  @UseMiddleware(PersonOrHomeOfficer)
  educationLevel!: EducationLevel;

  @Column({ name: 'labour_market_status', type: 'text' })
  @Field(() => LabourMarketStatus, { nullable: true, description: PERSONAL })
  @UseMiddleware(PersonOrHomeOfficer)
  labourMarketStatus!: LabourMarketStatus;

  @Column({ name: 'needs_swedish', type: 'boolean' })
  @Field(() => Boolean, { nullable: true, description: `Lacks basic Swedish (the right to Sfi). ${PERSONAL}` })
  @UseMiddleware(PersonOrHomeOfficer)
  needsSwedish!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Directive(PRIVATE)
@ObjectType({ description: 'What the region’s admission rules recommend for an application, and why.' })
export class Recommendation {
  @Field(() => DecisionOutcome)
  outcome!: DecisionOutcome;

  @Field(() => LegalBasis)
  basis!: LegalBasis;

  @Field(() => Int, { description: '1: a right; 2–8: the municipality’s priority order (lower first); 9: rejection recommended.' })
  priority!: number;

  @Field()
  reason!: string;
}

@Directive(PRIVATE)
@ObjectType({ description: 'The home municipality’s decision (beslut).' })
export class Decision {
  @Field(() => DecisionOutcome)
  outcome!: DecisionOutcome;

  @Field(() => LegalBasis)
  basis!: LegalBasis;

  @Field(() => String, { nullable: true, description: 'Why, in the officer’s words; required when the recommendation is overruled.' })
  note!: string | null;

  @Field({ description: 'The deciding officer (token subject).' })
  decidedBy!: string;

  @Field(() => GraphQLDateTime)
  decidedAt!: Date;

  @Field({ description: 'Whether the decision went against the recommendation.' })
  overruled!: boolean;
}

/** Ansökan: one application for one offering, owned by the applicant's home municipality. */
@Entity('applications')
@Directive(PRIVATE)
@ObjectType({ description: 'An application (ansökan) for one offering. Its id starts with the applicant’s home municipality’s code.' })
@Directive('@key(fields: "id")')
@Directive(shard({ key: 'id' }))
export class Application {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'applicant_id', type: 'text' })
  applicantId!: string;

  /** Decides and pays (huvudman). */
  @Column({ name: 'home_municipality', type: 'char', length: 4 })
  homeMunicipalityCode!: string;

  @Column({ name: 'offering_id', type: 'text' })
  offeringId!: string;

  /** Organises the offering; differs from the home municipality for intermunicipal studies. */
  @Column({ name: 'organising_municipality', type: 'char', length: 4 })
  organisingMunicipalityCode!: string;

  @Column({ name: 'provider_id', type: 'text' })
  providerId!: string;

  @Column({ name: 'school_form', type: 'text' })
  @Field(() => SchoolForm)
  schoolForm!: SchoolForm;

  @Column({ type: 'text' })
  @Field({ description: 'The term the offering starts in, e.g. "VT2027".' })
  term!: string;

  @Column({ type: 'smallint' })
  @Field(() => Int, { description: 'The applicant’s order of preference among their applications for the term: 1 is the first choice.' })
  ranking!: number;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  motivation!: string | null;

  @Column({ type: 'text' })
  @Field(() => ApplicationStatus)
  status!: ApplicationStatus;

  @Column({ name: 'recommendation_outcome', type: 'text' })
  recommendationOutcome!: DecisionOutcome;

  @Column({ name: 'recommendation_basis', type: 'text' })
  recommendationBasis!: LegalBasis;

  @Column({ name: 'recommendation_priority', type: 'smallint' })
  recommendationPriority!: number;

  @Column({ name: 'recommendation_reason', type: 'text' })
  recommendationReason!: string;

  @Column({ name: 'decision_outcome', type: 'text', nullable: true })
  decisionOutcome!: DecisionOutcome | null;

  @Column({ name: 'decision_basis', type: 'text', nullable: true })
  decisionBasis!: LegalBasis | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => Grade, { nullable: true, description: 'Set when the provider reports the result.' })
  grade!: Grade | null;

  /** The course's points (null where the catalogue has none), recorded with the application. */
  @Column({ name: 'course_points', type: 'integer', nullable: true })
  coursePoints!: number | null;

  /** The offering's length in weeks, recorded with the application (Sfi is priced per week). */
  @Column({ name: 'study_weeks', type: 'integer', nullable: true })
  studyWeeks!: number | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime)
  submittedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime)
  updatedAt!: Date;
}

/** One step in an application's life: who moved it, when, from where to where, and why. */
@Entity('application_events')
@Directive(PRIVATE)
@ObjectType({ description: 'A change of an application’s status.' })
export class ApplicationEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'application_id', type: 'text' })
  applicationId!: string;

  @Column({ type: 'timestamptz' })
  @Field(() => GraphQLDateTime)
  at!: Date;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  @Field(() => ApplicationStatus, { nullable: true, description: 'Null for the submission itself.' })
  from!: ApplicationStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  @Field(() => ApplicationStatus)
  to!: ApplicationStatus;

  @Column({ name: 'actor_role', type: 'text' })
  @Field({ description: 'The role that made the change: applicant, officer, provider, admin.' })
  actorRole!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who made it (token subject).' })
  actor!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason!: string | null;
}

/** A retried submission with the same key returns the same application. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'applicant_id', type: 'text' })
  applicantId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'request_hash', type: 'bytea' })
  requestHash!: Buffer;

  @Column({ name: 'application_id', type: 'text' })
  applicationId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The offerings subgraph's offering; this subgraph adds what applications say about it. */
@Directive(PRIVATE)
@ObjectType()
@Directive('@key(fields: "id")')
export class Offering {
  @Field(() => ID)
  id!: string;

  /** From the offerings subgraph (the seat ledger), when a field requires it. */
  @Directive('@external')
  @Directive(shard({ merge: 'same' }))
  @Field(() => Int)
  seatsLeft?: number;
}

/** The providers subgraph's municipality; this subgraph adds application figures. */
@Directive(PRIVATE)
@ObjectType()
@Directive('@key(fields: "code")')
export class Municipality {
  @Field(() => ID)
  code!: string;
}

/** The providers subgraph's provider; this subgraph adds result figures. */
@Directive(PRIVATE)
@ObjectType()
@Directive('@key(fields: "id")')
export class Provider {
  @Field(() => ID)
  id!: string;
}

export const ENTITIES = [Applicant, Application, ApplicationEvent, IdempotencyKey];
