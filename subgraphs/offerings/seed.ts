import { holds } from '../kit/instance-scope';
import { type Seeder, bulkInsert, insertAll, isEmpty } from '../kit/seed';
import { swedishSortKey } from '../kit/sort-key';
import { Course, Offering, SeatReservation } from './model';

/**
 * The offerings subgraph's part of the region: the course catalogue, the offerings with
 * their cancellations, and the seat ledger (a seat for each enrolled or completed
 * application, `seats_taken` counting them); only the offerings organised by a
 * municipality the instance holds, and their seats. Every instance has the whole course
 * catalogue (its offerings' foreign key holds); the region reads it from the default
 * instance alone.
 */
export const seedOfferings: Seeder = async (ds, region, opts) => {
  if (!opts.reset && !(await isEmpty(ds, 'courses'))) return false;
  const data = region();
  const ours = (code: string) => !opts.scope || holds(opts.scope, code);
  const courses = new Map(data.courses.map((c) => [c.code, c]));
  const cancellations = new Map(data.offeringCancellations.map((c) => [c.offeringId, c]));
  const reservations = data.seatReservations.filter((r) => ours(r.offeringId.slice(0, 4)));
  const taken = new Map<string, number>();
  for (const r of reservations) taken.set(r.offeringId, (taken.get(r.offeringId) ?? 0) + 1);
  const offerings = data.offerings
    .filter((o) => ours(o.municipalityCode))
    .map((o) => {
      const course = courses.get(o.courseCode);
      if (!course) throw new Error(`offering ${o.id} names unknown course ${o.courseCode}`);
      const cancelled = cancellations.get(o.id);
      return {
        ...o,
        titleKey: swedishSortKey(o.title),
        courseName: course.name,
        schoolForm: course.schoolForm,
        seatsTaken: taken.get(o.id) ?? 0,
        cancelledAt: cancelled ? new Date(cancelled.cancelledAt) : null,
        cancellationReason: cancelled?.reason ?? null,
      } as Offering;
    });
  await ds.transaction(async (tx) => {
    if (opts.reset) await tx.query('TRUNCATE seat_reservations, offerings, courses');
    await insertAll(tx, Course, data.courses.map((c) => ({ ...c }) as Course));
    await insertAll(tx, Offering, offerings, opts.onProgress);
    await bulkInsert(tx, SeatReservation, reservations);
  });
  const cancelled = offerings.filter((o) => o.cancelledAt).length;
  return `${data.courses.length} courses, ${offerings.length} offerings (${cancelled} cancelled), ${reservations.length} seats taken`;
};
