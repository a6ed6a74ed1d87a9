import { holds } from '../kit/instance-scope';
import { PersonalDataCipher, loadPersonalDataKey } from '../kit/personal-data';
import { type Seeder, bulkInsert, isEmpty } from '../kit/seed';
import { Applicant, Application, ApplicationEvent } from './model';
import { studyWeeks } from './submit';

/**
 * The applications subgraph's part of the region: applicants (their personal identity
 * number sealed and hashed, never in clear), their applications and each application's
 * history; only those of residents of the municipalities the instance holds.
 */
export const seedApplications: Seeder = async (ds, region, opts) => {
  if (!opts.reset && !(await isEmpty(ds, 'applicants'))) return false;
  const data = region();
  const ours = (home: string) => !opts.scope || holds(opts.scope, home);
  const cipher = new PersonalDataCipher(loadPersonalDataKey());
  const applicants = data.applicants
    .filter((a) => ours(a.homeMunicipalityCode))
    .map(({ personalIdentityNumber, ...a }) => {
      const { sealed, lookupHash } = cipher.protect(personalIdentityNumber);
      return { ...a, pinSealed: sealed, pinHash: lookupHash, updatedAt: a.createdAt };
    });
  // What each enrolment is worth under the price list, as the API records it when an application is made.
  const offerings = new Map(data.offerings.map((o) => [o.id, o]));
  const points = new Map(data.courses.map((c) => [c.code, c.points]));
  const applications = data.applications
    .filter((a) => ours(a.homeMunicipalityCode))
    .map((a) => {
      const o = offerings.get(a.offeringId);
      return { ...a, coursePoints: o ? (points.get(o.courseCode) ?? null) : null, studyWeeks: o ? studyWeeks(o.startDate, o.endDate) : null };
    });
  const events = opts.scope ? data.applicationEvents.filter((e) => ours(e.applicationId.slice(0, 4))) : data.applicationEvents;
  await ds.transaction(async (tx) => {
    if (opts.reset) await tx.query('TRUNCATE idempotency_keys, application_events, applications, applicants');
    await bulkInsert(tx, Applicant, applicants);
    await bulkInsert(tx, Application, applications);
    await bulkInsert(tx, ApplicationEvent, events, opts.onProgress);
  });
  return `${applicants.length} applicants, ${applications.length} applications, ${events.length} application events`;
};
