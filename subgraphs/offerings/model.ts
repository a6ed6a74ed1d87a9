import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PUBLIC_CATALOGUE } from '../kit/cache-control';
import { shard } from '../kit/shard';
import { SchoolForm } from '../kit/domain';

export enum StudyMode {
  ON_SITE = 'ON_SITE',
  DISTANCE = 'DISTANCE',
  HYBRID = 'HYBRID',
}
registerEnumType(StudyMode, {
  name: 'StudyMode',
  valuesConfig: {
    ON_SITE: { description: 'Närundervisning: taught at a site.' },
    DISTANCE: { description: 'Distans: taught remotely; no site.' },
    HYBRID: { description: 'Partly at a site, partly remote.' },
  },
});

/** Kurs: a course of the national (or, for Sfi and särskild utbildning, local) catalogue. */
@Entity('courses')
@Directive(PUBLIC_CATALOGUE)
@ObjectType({ description: 'A course (kurs) of the komvux catalogue.' })
export class Course {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID, { description: 'Course code (kurskod); Sfi and särskild utbildning use local codes.' })
  code!: string;

  @Column({ type: 'text' })
  @Field()
  name!: string;

  @Column({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Points (poäng); null where the catalogue has none.' })
  points!: number | null;

  @Column({ type: 'text' })
  @Field()
  subject!: string;

  @Column({ name: 'school_form', type: 'text' })
  @Field(() => SchoolForm)
  schoolForm!: SchoolForm;

  @Column({ name: 'vocational_packages', type: 'text', array: true })
  @Field(() => [String], { description: 'Vocational packages (yrkespaket) the course belongs to.' })
  vocationalPackages!: string[];
}

/** Kurstillfälle: one run of a course by a provider, organised by a municipality. */
@Entity('offerings')
@Directive(PUBLIC_CATALOGUE)
@ObjectType({ description: 'A course offering (kurstillfälle).' })
@Directive('@key(fields: "id")')
@Directive(shard({ key: 'id' }))
export class Offering {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID, { description: 'Starts with the organising municipality’s code, e.g. "0180-000123".' })
  id!: string;

  @Column({ name: 'course_code', type: 'text' })
  courseCode!: string;

  /** Copied from the course so that full-text search needs no join. */
  @Column({ name: 'course_name', type: 'text' })
  courseName!: string;

  @Column({ name: 'school_form', type: 'text' })
  @Field(() => SchoolForm)
  schoolForm!: SchoolForm;

  @Column({ type: 'text' })
  @Field()
  title!: string;

  /** The title's Swedish sort key (../kit/sort-key), compared byte-wise. */
  @Column({ name: 'title_key', type: 'text' })
  titleKey!: string;

  @Column({ type: 'text' })
  @Field({ description: 'Swedish description.' })
  description!: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode!: string;

  @Column({ name: 'provider_id', type: 'text' })
  providerId!: string;

  @Column({ name: 'site_id', type: 'text', nullable: true })
  siteId!: string | null;

  @Column({ name: 'study_mode', type: 'text' })
  @Field(() => StudyMode)
  studyMode!: StudyMode;

  @Column({ type: 'smallint' })
  @Field(() => Int, { description: 'Studietakt: percent of full time (25, 50, 75 or 100).' })
  pace!: number;

  @Column({ name: 'start_date', type: 'date' })
  @Field(() => GraphQLDate)
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  @Field(() => GraphQLDate)
  endDate!: string;

  @Column({ name: 'application_opens', type: 'date' })
  @Field(() => GraphQLDate)
  applicationOpens!: string;

  @Column({ name: 'application_closes', type: 'date' })
  @Field(() => GraphQLDate)
  applicationCloses!: string;

  @Column({ type: 'integer' })
  @Field(() => Int)
  seats!: number;

  @Column({ type: 'text' })
  @Field({ description: 'Language of instruction (ISO 639-1), mostly "sv".' })
  language!: string;

  /** Seats held by enrolled students (the seat ledger's count). */
  @Column({ name: 'seats_taken', type: 'integer', default: 0 })
  seatsTaken!: number;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the provider cancelled the offering; null unless cancelled.' })
  cancellationReason!: string | null;
}

/** The providers subgraph's municipality; this subgraph adds its offerings (all on the instance holding it). */
@Directive(PUBLIC_CATALOGUE)
@ObjectType()
@Directive('@key(fields: "code")')
@Directive(shard({ key: 'code' }))
export class Municipality {
  @Field(() => ID)
  code!: string;
}

/** The providers subgraph's provider; this subgraph adds its offerings. */
@Directive(PUBLIC_CATALOGUE)
@ObjectType()
@Directive('@key(fields: "id")')
export class Provider {
  @Field(() => ID)
  id!: string;
}

/** A provider's site, owned by the providers subgraph. */
@Directive(PUBLIC_CATALOGUE)
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Site {
  @Field(() => ID)
  id!: string;
}

/** A seat held by one application (the seat ledger). */
@Entity('seat_reservations')
export class SeatReservation {
  @PrimaryColumn({ name: 'application_id', type: 'text' })
  applicationId!: string;

  @Column({ name: 'offering_id', type: 'text' })
  offeringId!: string;

  @Column({ name: 'reserved_at', type: 'timestamptz' })
  reservedAt!: Date;
}

export const ENTITIES = [Course, Offering, SeatReservation];
