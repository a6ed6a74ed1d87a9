import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an enrolment is worth under the region's price list: the course's points, or for
 * Sfi (priced per week) the offering's weeks; facts of the offering that never change,
 * recorded when the application is made. Null where the catalogue gives no points.
 */
export class Volume1764800000000 implements MigrationInterface {
  name = 'Volume1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications
      ADD COLUMN course_points integer CHECK (course_points > 0),
      ADD COLUMN study_weeks integer CHECK (study_weeks > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE applications DROP COLUMN course_points, DROP COLUMN study_weeks');
  }
}
