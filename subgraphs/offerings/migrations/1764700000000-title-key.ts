import type { MigrationInterface, QueryRunner } from 'typeorm';
import { swedishSortKey } from '../../kit/sort-key';

/**
 * The title order from a stored ASCII sort key compared byte-wise, instead of the ICU
 * collation: every instance (and the gateway merging their pages) then orders titles
 * alike, whichever ICU version a municipality's PostgreSQL has.
 */
export class TitleKey1764700000000 implements MigrationInterface {
  name = 'TitleKey1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offerings ADD COLUMN title_key text COLLATE "C"`);
    const rows: { id: string; title: string }[] = await q.query('SELECT id, title FROM offerings');
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await q.query(
        `UPDATE offerings o SET title_key = k.key FROM unnest($1::text[], $2::text[]) AS k(id, key) WHERE o.id = k.id`,
        [chunk.map((r) => r.id), chunk.map((r) => swedishSortKey(r.title))],
      );
    }
    await q.query('ALTER TABLE offerings ALTER COLUMN title_key SET NOT NULL');
    await q.query('DROP INDEX offerings_title_idx');
    await q.query('CREATE INDEX offerings_title_idx ON offerings (title_key, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX offerings_title_idx');
    await q.query('ALTER TABLE offerings DROP COLUMN title_key');
    await q.query('CREATE INDEX offerings_title_idx ON offerings ((title COLLATE "sv-SE-x-icu"), id)');
  }
}
