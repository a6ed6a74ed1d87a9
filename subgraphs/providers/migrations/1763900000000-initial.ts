import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipalities (
        code char(4) PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
        name text NOT NULL,
        population integer NOT NULL CHECK (population >= 0),
        own_schools boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE providers (
        id text PRIMARY KEY,
        name text NOT NULL,
        organisation_number char(11) NOT NULL UNIQUE CHECK (organisation_number ~ '^[0-9]{6}-[0-9]{4}$'),
        kind text NOT NULL CHECK (kind IN ('MUNICIPAL', 'EXTERNAL')),
        grading_rights boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX providers_name_idx ON providers (name COLLATE "sv-SE-x-icu", id)`);
    await q.query(`
      CREATE TABLE sites (
        id text PRIMARY KEY,
        provider_id text NOT NULL REFERENCES providers (id),
        name text NOT NULL,
        street_address text NOT NULL,
        postal_code char(6) NOT NULL CHECK (postal_code ~ '^[0-9]{3} [0-9]{2}$'),
        city text NOT NULL,
        municipality_code char(4) NOT NULL REFERENCES municipalities (code),
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180)
      )`);
    await q.query(`CREATE INDEX sites_provider_idx ON sites (provider_id, id)`);
    await q.query(`
      CREATE TABLE contracts (
        id text PRIMARY KEY,
        provider_id text NOT NULL REFERENCES providers (id),
        municipality_code char(4) NOT NULL REFERENCES municipalities (code),
        procurement_model text NOT NULL CHECK (procurement_model IN
          ('OWN_REGI', 'PROCUREMENT_LOU', 'AUTHORISATION_LOV', 'SERVICE_CONCESSION', 'INTERMUNICIPAL')),
        school_forms text[] NOT NULL CHECK (cardinality(school_forms) > 0 AND school_forms <@
          ARRAY['BASIC', 'UPPER_SECONDARY', 'VOCATIONAL', 'SFI', 'SPECIAL']),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX contracts_provider_idx ON contracts (provider_id, id)`);
    await q.query(`CREATE INDEX contracts_municipality_idx ON contracts (municipality_code, provider_id)`);
    await q.query(`CREATE INDEX contracts_school_forms_idx ON contracts USING gin (school_forms)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contracts, sites, providers, municipalities');
  }
}
