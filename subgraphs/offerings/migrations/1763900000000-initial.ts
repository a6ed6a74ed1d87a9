import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE courses (
        code text PRIMARY KEY,
        name text NOT NULL,
        points integer CHECK (points > 0),
        subject text NOT NULL,
        school_form text NOT NULL CHECK (school_form IN ('BASIC', 'UPPER_SECONDARY', 'VOCATIONAL', 'SFI', 'SPECIAL')),
        vocational_packages text[] NOT NULL DEFAULT '{}',
        UNIQUE (code, name, school_form)
      )`);
    await q.query(`
      CREATE TABLE offerings (
        id text PRIMARY KEY CHECK (id ~ '^[0-9]{4}-'),
        course_code text NOT NULL,
        course_name text NOT NULL,
        school_form text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        municipality_code char(4) NOT NULL CHECK (municipality_code = left(id, 4)),
        provider_id text NOT NULL,
        site_id text,
        study_mode text NOT NULL CHECK (study_mode IN ('ON_SITE', 'DISTANCE', 'HYBRID')),
        pace smallint NOT NULL CHECK (pace IN (25, 50, 75, 100)),
        start_date date NOT NULL,
        end_date date NOT NULL CHECK (end_date >= start_date),
        application_opens date NOT NULL,
        application_closes date NOT NULL CHECK (application_closes >= application_opens),
        seats integer NOT NULL CHECK (seats >= 0),
        language text NOT NULL,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('swedish', title), 'A') ||
          setweight(to_tsvector('swedish', course_name), 'B') ||
          setweight(to_tsvector('swedish', description), 'C')
        ) STORED,
        CHECK ((study_mode = 'DISTANCE') = (site_id IS NULL)),
        -- The course's name and school form are copied for search and facets; the key
        -- keeps the copies true, and a renamed course renames them.
        FOREIGN KEY (course_code, course_name, school_form)
          REFERENCES courses (code, name, school_form) ON UPDATE CASCADE
      )`);
    // One index per catalogue filter and order; the planner combines them with bitmap scans.
    await q.query('CREATE INDEX offerings_search_idx ON offerings USING gin (search_vector)');
    await q.query('CREATE INDEX offerings_start_idx ON offerings (start_date, id)');
    await q.query('CREATE INDEX offerings_title_idx ON offerings ((title COLLATE "sv-SE-x-icu"), id)');
    await q.query('CREATE INDEX offerings_municipality_idx ON offerings (municipality_code, start_date, id)');
    await q.query('CREATE INDEX offerings_provider_idx ON offerings (provider_id, start_date, id)');
    await q.query('CREATE INDEX offerings_school_form_idx ON offerings (school_form, start_date)');
    await q.query('CREATE INDEX offerings_course_idx ON offerings (course_code)');
    await q.query('CREATE INDEX offerings_study_mode_idx ON offerings (study_mode)');
    await q.query('CREATE INDEX offerings_pace_idx ON offerings (pace)');
    await q.query('CREATE INDEX offerings_application_idx ON offerings (application_closes, application_opens)');
    await q.query('CREATE INDEX courses_school_form_idx ON courses (school_form, code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE offerings, courses');
  }
}
