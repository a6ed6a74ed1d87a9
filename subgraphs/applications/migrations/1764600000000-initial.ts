import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'SUBMITTED', 'WITHDRAWN', 'GRANTED', 'REJECTED', 'WAITLISTED', 'ENROLLED', 'COMPLETED', 'DROPPED_OUT', 'CANCELLED'`;
/** Statuses in which an application still counts: a withdrawn or cancelled one may be made again. */
const LIVE = `status NOT IN ('WITHDRAWN', 'CANCELLED')`;

export class Initial1764600000000 implements MigrationInterface {
  name = 'Initial1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE applicants (
        id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
        home_municipality char(4) NOT NULL CHECK (home_municipality ~ '^[0-9]{4}$'),
        pin_sealed bytea NOT NULL,
        pin_hash bytea NOT NULL UNIQUE,
        birth_date date NOT NULL,
        given_name text NOT NULL,
        family_name text NOT NULL,
        education_level text NOT NULL CHECK (education_level IN ('NONE', 'COMPULSORY_INCOMPLETE', 'COMPULSORY',
          'UPPER_SECONDARY_INCOMPLETE', 'UPPER_SECONDARY_WITHOUT_ELIGIBILITY', 'UPPER_SECONDARY_WITH_ELIGIBILITY', 'POST_SECONDARY')),
        labour_market_status text NOT NULL CHECK (labour_market_status IN ('EMPLOYED', 'UNEMPLOYED', 'IN_PROGRAMME', 'OTHER')),
        needs_swedish boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE applications (
        id text PRIMARY KEY CHECK (id ~ '^[0-9]{4}-'),
        applicant_id text NOT NULL REFERENCES applicants (id),
        home_municipality char(4) NOT NULL CHECK (home_municipality = left(id, 4)),
        offering_id text NOT NULL,
        organising_municipality char(4) NOT NULL CHECK (organising_municipality = left(offering_id, 4)),
        provider_id text NOT NULL,
        school_form text NOT NULL CHECK (school_form IN ('BASIC', 'UPPER_SECONDARY', 'VOCATIONAL', 'SFI', 'SPECIAL')),
        term text NOT NULL CHECK (term ~ '^(HT|VT)[0-9]{4}$'),
        ranking smallint NOT NULL CHECK (ranking BETWEEN 1 AND 50),
        motivation text,
        status text NOT NULL CHECK (status IN (${STATUSES})),
        recommendation_outcome text NOT NULL CHECK (recommendation_outcome IN ('GRANTED', 'REJECTED')),
        recommendation_basis text NOT NULL,
        recommendation_priority smallint NOT NULL,
        recommendation_reason text NOT NULL,
        decision_outcome text CHECK (decision_outcome IN ('GRANTED', 'REJECTED')),
        decision_basis text,
        decision_note text,
        decided_by text,
        decided_at timestamptz,
        grade text CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F', 'PASS', 'FAIL')),
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((decision_outcome IS NULL) = (decided_at IS NULL)),
        CHECK ((grade IS NOT NULL) = (status = 'COMPLETED'))
      )`);
    // One live application per applicant and offering, and one per ranking and term.
    await q.query(`CREATE UNIQUE INDEX applications_applicant_offering_key ON applications (applicant_id, offering_id) WHERE ${LIVE}`);
    await q.query(`CREATE UNIQUE INDEX applications_applicant_ranking_key ON applications (applicant_id, term, ranking) WHERE ${LIVE}`);
    await q.query('CREATE INDEX applications_offering_idx ON applications (offering_id, status)');
    await q.query('CREATE INDEX applications_home_idx ON applications (home_municipality, term, status)');
    await q.query('CREATE INDEX applications_organiser_idx ON applications (organising_municipality, term)');
    await q.query('CREATE INDEX applications_provider_idx ON applications (provider_id, term, status)');
    await q.query('CREATE INDEX applications_submitted_idx ON applications (submitted_at, id)');
    await q.query('CREATE INDEX applications_priority_idx ON applications (recommendation_priority, submitted_at, id)');
    await q.query(`
      CREATE TABLE application_events (
        id bigserial PRIMARY KEY,
        application_id text NOT NULL REFERENCES applications (id),
        at timestamptz NOT NULL,
        from_status text CHECK (from_status IN (${STATUSES})),
        to_status text NOT NULL CHECK (to_status IN (${STATUSES})),
        actor_role text NOT NULL,
        actor text,
        reason text
      )`);
    await q.query('CREATE INDEX application_events_application_idx ON application_events (application_id, id)');
    await q.query(`
      CREATE TABLE idempotency_keys (
        applicant_id text NOT NULL REFERENCES applicants (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash bytea NOT NULL,
        -- Written first in a submission's transaction, before its application: checked at commit.
        application_id text NOT NULL REFERENCES applications (id) DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (applicant_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys, application_events, applications, applicants');
  }
}
