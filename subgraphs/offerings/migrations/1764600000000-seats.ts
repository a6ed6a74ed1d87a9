import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seat ledger and cancellations. The offering's owner counts its seats: applications
 * for one offering come from every municipality (and so from every applications
 * instance), and only the offering's own database can say how many seats are left.
 */
export class Seats1764600000000 implements MigrationInterface {
  name = 'Seats1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE offerings
        ADD COLUMN seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancellation_reason text,
        ADD CONSTRAINT offerings_seats_within_check CHECK (seats_taken <= seats),
        ADD CONSTRAINT offerings_cancellation_check CHECK ((cancelled_at IS NULL) = (cancellation_reason IS NULL))`);
    // One row per application holding a seat: reserving twice for one application is a no-op.
    await q.query(`
      CREATE TABLE seat_reservations (
        application_id text PRIMARY KEY,
        offering_id text NOT NULL REFERENCES offerings (id),
        reserved_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX seat_reservations_offering_idx ON seat_reservations (offering_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE seat_reservations');
    await q.query(`ALTER TABLE offerings DROP COLUMN seats_taken, DROP COLUMN cancelled_at, DROP COLUMN cancellation_reason`);
  }
}
