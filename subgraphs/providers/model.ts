import { Field, Float, ID, Int, ObjectType, Directive, registerEnumType } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PRIVATE, PUBLIC_CATALOGUE } from '../kit/cache-control';
import { SchoolForm } from '../kit/domain';

export enum ProviderKind {
  MUNICIPAL = 'MUNICIPAL',
  EXTERNAL = 'EXTERNAL',
}
registerEnumType(ProviderKind, {
  name: 'ProviderKind',
  description: 'A municipality’s own school (egen regi) or an external provider (utförare).',
});

export enum ProcurementModel {
  OWN_REGI = 'OWN_REGI',
  PROCUREMENT_LOU = 'PROCUREMENT_LOU',
  AUTHORISATION_LOV = 'AUTHORISATION_LOV',
  SERVICE_CONCESSION = 'SERVICE_CONCESSION',
  INTERMUNICIPAL = 'INTERMUNICIPAL',
}
registerEnumType(ProcurementModel, {
  name: 'ProcurementModel',
  description: 'How a municipality has the education provided.',
  valuesConfig: {
    OWN_REGI: { description: 'Egen regi: the municipality’s own school.' },
    PROCUREMENT_LOU: { description: 'Upphandling enligt LOU: won in public procurement.' },
    AUTHORISATION_LOV: { description: 'Auktorisation (LOV): every provider meeting the requirements is approved.' },
    SERVICE_CONCESSION: { description: 'Tjänstekoncession: the provider carries the risk, paid per student.' },
    INTERMUNICIPAL: { description: 'Interkommunal ersättning: another municipality’s school, paid per student.' },
  },
});

/** Kommun: one of the county's 26 municipalities. The code is the region's shard key. */
@Entity('municipalities')
@Directive(PUBLIC_CATALOGUE)
@ObjectType({ description: 'A municipality (kommun) of Stockholm county.' })
@Directive('@key(fields: "code")')
export class Municipality {
  @PrimaryColumn({ type: 'char', length: 4 })
  @Field(() => ID, { description: 'Official 4-digit municipality code (kommunkod), e.g. "0180".' })
  code!: string;

  @Column({ type: 'text' })
  @Field()
  name!: string;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Approximate population, for proportioning.' })
  population!: number;

  @Column({ name: 'own_schools', type: 'boolean' })
  @Field({ description: 'Whether the municipality runs adult education in its own regi.' })
  ownSchools!: boolean;
}

/** Utbildningsanordnare: a municipal school or an external provider. */
@Entity('providers')
@Directive(PUBLIC_CATALOGUE)
@ObjectType({ description: 'An education provider (utbildningsanordnare).' })
@Directive('@key(fields: "id")')
export class Provider {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'text' })
  @Field()
  name!: string;

  @Column({ name: 'organisation_number', type: 'char', length: 11 })
  @Field({ description: 'Swedish organisation number, NNNNNN-NNNN.' })
  organisationNumber!: string;

  @Column({ type: 'text' })
  @Field(() => ProviderKind)
  kind!: ProviderKind;

  @Column({ name: 'grading_rights', type: 'boolean' })
  @Field({ description: 'Betygsrätt: may set grades.' })
  gradingRights!: boolean;
}

@Directive(PUBLIC_CATALOGUE)
@ObjectType({ description: 'WGS 84 coordinates.' })
export class Coordinates {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;
}

/** A provider's school building. */
@Entity('sites')
@Directive(PUBLIC_CATALOGUE)
@ObjectType({ description: 'A place where a provider teaches.' })
@Directive('@key(fields: "id")')
export class Site {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'provider_id', type: 'text' })
  providerId!: string;

  @Column({ type: 'text' })
  @Field()
  name!: string;

  @Column({ name: 'street_address', type: 'text' })
  @Field()
  streetAddress!: string;

  @Column({ name: 'postal_code', type: 'char', length: 6 })
  @Field()
  postalCode!: string;

  @Column({ type: 'text' })
  @Field()
  city!: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode!: string;

  @Column({ type: 'double precision' })
  latitude!: number;

  @Column({ type: 'double precision' })
  longitude!: number;
}

/** Avtal: a municipality's contract with a provider for some school forms. */
@Entity('contracts')
@Directive(PRIVATE)
@ObjectType({ description: 'A municipality’s contract with a provider.' })
export class Contract {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'provider_id', type: 'text' })
  providerId!: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode!: string;

  @Column({ name: 'procurement_model', type: 'text' })
  @Field(() => ProcurementModel)
  procurementModel!: ProcurementModel;

  @Column({ name: 'school_forms', type: 'text', array: true })
  @Field(() => [SchoolForm])
  schoolForms!: SchoolForm[];

  @Column({ name: 'valid_from', type: 'date' })
  @Field(() => GraphQLDate)
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Null: until further notice.' })
  validTo!: string | null;
}

export const ENTITIES = [Municipality, Provider, Site, Contract];
