import { holds } from '../kit/instance-scope';
import { type Seeder, insertAll, isEmpty } from '../kit/seed';
import { swedishSortKey } from '../kit/sort-key';
import { Course, Offering } from './model';

/**
 * The offerings subgraph's part of the region: the course catalogue and the offerings,
 * only those organised by a municipality the instance holds. Every instance has the
 * whole course catalogue (its offerings' foreign key holds); the region reads it from
 * the default instance alone.
 */
export const seedOfferings: Seeder = async (ds, region, opts) => {
  if (!opts.reset && !(await isEmpty(ds, 'courses'))) return false;
  const data = region();
  const courses = new Map(data.courses.map((c) => [c.code, c]));
  const offerings = data.offerings
    .filter((o) => !opts.scope || holds(opts.scope, o.municipalityCode))
    .map((o) => {
      const course = courses.get(o.courseCode);
      if (!course) throw new Error(`offering ${o.id} names unknown course ${o.courseCode}`);
      return { ...o, titleKey: swedishSortKey(o.title), courseName: course.name, schoolForm: course.schoolForm } as Offering;
    });
  await ds.transaction(async (tx) => {
    if (opts.reset) await tx.query('TRUNCATE seat_reservations, offerings, courses');
    await insertAll(tx, Course, data.courses.map((c) => ({ ...c }) as Course));
    await insertAll(tx, Offering, offerings, opts.onProgress);
  });
  return `${data.courses.length} courses, ${offerings.length} offerings`;
};
