import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import municipalitiesFile from '../common/data/municipalities.json';
import { Client } from 'pg';
import { createLogger } from '../common/logger';
import { databaseUrl, ensureDatabase } from '../scripts/pg-admin';
import { generateRegion } from '../scripts/seed/generate';
import { openDatabase } from '../subgraphs/kit/database';
import { PersonalDataCipher, loadPersonalDataKey } from '../subgraphs/kit/personal-data';
import type { RegionData } from '../subgraphs/kit/region-data';
import { applicationsSubgraph } from '../subgraphs/applications';
import { offeringsSubgraph } from '../subgraphs/offerings';
import { sql } from './support/db';
import { errorCodes, gqlAs, gqlDataAs } from './support/graphql';
import { token } from './support/tokens';

jest.setTimeout(180_000);

/** What the global setup seeded: the same generator, for the same day. */
let region: RegionData;
beforeAll(() => {
  region = generateRegion({ scale: 1, today: new Date(process.env.TEST_SEED_DAY!) });
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Seeded rows only: the tests' own applicants are `test-applicant-…`. */
const SEEDED = `applicant_id LIKE 'applicant-%'`;

/** The data `npm start` seeds, checked in the databases themselves. */

it('holds the 26 municipalities of Stockholm county with their official codes and names', async () => {
  const rows = await sql('providers', 'SELECT code, name, own_schools FROM municipalities ORDER BY code');
  expect(rows).toEqual(
    municipalitiesFile.municipalities.map((m) => ({ code: m.code, name: m.name, own_schools: m.ownSchools })),
  );
  expect(rows).toHaveLength(26);
  expect(rows.map((r) => r.code)).toContain('0180');
  expect(rows.filter((r) => r.own_schools)).toHaveLength(15);
});

it('has one municipal provider per municipality with its own schools, and about 30 external ones', async () => {
  const providers = await sql('providers', 'SELECT id, kind, organisation_number FROM providers');
  expect(providers.length).toBeGreaterThanOrEqual(40);
  expect(providers.length).toBeLessThanOrEqual(50);
  const ownRegi = await sql('providers', `
    SELECT m.code, count(c.id)::int AS n FROM municipalities m
    LEFT JOIN contracts c ON c.municipality_code = m.code AND c.procurement_model = 'OWN_REGI'
    GROUP BY m.code, m.own_schools HAVING (count(c.id) > 0) <> m.own_schools`);
  expect(ownRegi).toEqual([]);
  expect(providers.filter((p) => p.kind === 'MUNICIPAL')).toHaveLength(15);
  for (const p of providers) {
    const digits = p.organisation_number.replace('-', '');
    const sum = [...digits].reduce((s: number, d: string, i: number) => {
      const v = Number(d) * (i % 2 === 0 ? 2 : 1);
      return s + (v > 9 ? v - 9 : v);
    }, 0);
    expect(sum % 10).toBe(0);
  }
});

it('has the generator’s offerings (the previous term’s too) spread over every municipality, most in Stockholm', async () => {
  const rows = await sql<{ code: string; n: number }>(
    'offerings', 'SELECT municipality_code AS code, count(*)::int AS n FROM offerings GROUP BY 1 ORDER BY n DESC');
  expect(rows.reduce((s, r) => s + r.n, 0)).toBe(region.offerings.length);
  expect(region.offerings.length).toBeGreaterThanOrEqual(5000);
  expect(rows).toHaveLength(26);
  expect(rows[0]!.code).toBe('0180');
  const terms = await sql('offerings', `SELECT count(DISTINCT date_trunc('month', start_date))::int AS months FROM offerings`);
  expect(terms[0].months).toBeGreaterThanOrEqual(8);
});

it('lets every provider offer only what a contract with the offering’s municipality covers', async () => {
  const contracts = await sql('providers', 'SELECT provider_id, municipality_code, school_forms, valid_from::text, valid_to::text FROM contracts');
  const sites = new Map((await sql('providers', 'SELECT id, provider_id FROM sites')).map((s) => [s.id, s.provider_id]));
  const offerings = await sql('offerings',
    'SELECT id, provider_id, municipality_code, school_form, start_date::text, site_id, study_mode FROM offerings');
  const violations = offerings.filter((o) => {
    const covered = contracts.some((c) =>
      c.provider_id === o.provider_id && c.municipality_code === o.municipality_code &&
      c.school_forms.includes(o.school_form) && c.valid_from <= o.start_date &&
      (c.valid_to === null || c.valid_to >= o.start_date));
    const siteOk = o.site_id === null ? o.study_mode === 'DISTANCE' : sites.get(o.site_id) === o.provider_id;
    return !covered || !siteOk;
  });
  expect(violations).toEqual([]);
});

it('keeps each offering’s copy of its course’s name and school form true (a renamed course renames them)', async () => {
  // In a transaction that is rolled back: the other test files read this database meanwhile.
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL_OFFERINGS });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`UPDATE courses SET name = 'Svenska 1 (ny)' WHERE code = 'SVESVE01'`);
    const copies = await client.query(`SELECT DISTINCT course_name FROM offerings WHERE course_code = 'SVESVE01'`);
    expect(copies.rows).toEqual([{ course_name: 'Svenska 1 (ny)' }]);
    const wrongForm = await client
      .query(`UPDATE offerings SET school_form = 'SFI' WHERE course_code = 'SVESVE01'`)
      .catch((e: { code?: string }) => e.code);
    expect(wrongForm).toBe('23503'); // foreign key violation
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
  const mismatched = await sql('offerings', `
    SELECT count(*)::int AS n FROM offerings o JOIN courses c ON c.code = o.course_code
    WHERE c.name <> o.course_name OR c.school_form <> o.school_form`);
  expect(mismatched[0].n).toBe(0);
});

describe('applicants and applications', () => {
  it('holds the generator’s applicants, applications and histories, status by status', async () => {
    const [counts] = await sql(`applications`, `
      SELECT (SELECT count(*)::int FROM applicants WHERE id LIKE 'applicant-%') AS applicants,
             (SELECT count(*)::int FROM applications WHERE ${SEEDED}) AS applications,
             (SELECT count(*)::int FROM application_events e JOIN applications a ON a.id = e.application_id WHERE ${SEEDED}) AS events`);
    expect(counts).toEqual({
      applicants: region.applicants.length,
      applications: region.applications.length,
      events: region.applicationEvents.length,
    });
    const statuses = await sql<{ status: string; n: number }>(
      'applications', `SELECT status, count(*)::int AS n FROM applications WHERE ${SEEDED} GROUP BY status`);
    expect(Object.fromEntries(statuses.map((r) => [r.status, r.n]))).toEqual(countBy(region.applications, (a) => a.status));
    const homes = await sql<{ code: string; n: number }>(
      'applications', `SELECT home_municipality AS code, count(*)::int AS n FROM applicants WHERE id LIKE 'applicant-%' GROUP BY 1`);
    expect(Object.fromEntries(homes.map((r) => [r.code, r.n]))).toEqual(countBy(region.applicants, (a) => a.homeMunicipalityCode));
    // One application's history, step by step as the generator wrote it.
    const sample = region.applications.find((a) => a.status === 'COMPLETED')!;
    const history = await sql(
      'applications',
      `SELECT from_status AS "from", to_status AS "to", actor_role AS "actorRole", actor, reason, at FROM application_events
        WHERE application_id = $1 ORDER BY id`,
      [sample.id],
    );
    expect(history.map((e) => ({ ...e, at: e.at.toISOString() }))).toEqual(
      region.applicationEvents.filter((e) => e.applicationId === sample.id).map(({ applicationId: _, ...e }) => e),
    );
  });

  it('keeps the seat ledger true: a seat for each enrolled or completed application, seats_taken counting them', async () => {
    const holding = await sql<{ id: string; offering_id: string }>(
      'applications', `SELECT id, offering_id FROM applications WHERE ${SEEDED} AND status IN ('ENROLLED', 'COMPLETED')`);
    const expected = holding.map((a) => `${a.id}|${a.offering_id}`).sort();
    expect(expected).toEqual(region.seatReservations.map((r) => `${r.applicationId}|${r.offeringId}`).sort());
    const reservations = await sql<{ application_id: string; offering_id: string }>(
      'offerings', 'SELECT application_id, offering_id FROM seat_reservations WHERE application_id = ANY($1)', [holding.map((a) => a.id)]);
    expect(reservations.map((r) => `${r.application_id}|${r.offering_id}`).sort()).toEqual(expected);
    const offeringIds = [...new Set(holding.map((a) => a.offering_id))];
    const mismatched = await sql('offerings', `
      SELECT o.id, o.seats, o.seats_taken, (SELECT count(*)::int FROM seat_reservations r WHERE r.offering_id = o.id) AS held
        FROM offerings o WHERE o.id = ANY($1)`, [offeringIds]);
    expect(mismatched.filter((o) => o.seats_taken !== o.held || o.seats_taken > o.seats)).toEqual([]);
    expect(mismatched.some((o) => o.seats_taken === o.seats)).toBe(true);
  });

  it('marks the offerings the generator cancelled, with the reason, holding no seats', async () => {
    expect(region.offeringCancellations.length).toBeGreaterThan(0);
    const rows = await sql(
      'offerings',
      'SELECT id, cancelled_at, cancellation_reason, seats_taken FROM offerings WHERE id = ANY($1) ORDER BY id',
      [region.offeringCancellations.map((c) => c.offeringId)],
    );
    expect(rows.map((r) => ({ offeringId: r.id, cancelledAt: r.cancelled_at.toISOString(), reason: r.cancellation_reason, seats: r.seats_taken }))).toEqual(
      [...region.offeringCancellations].sort((a, b) => (a.offeringId < b.offeringId ? -1 : 1)).map((c) => ({ ...c, seats: 0 })),
    );
  });

  it('never stores a personal identity number in clear, in any form, in any column of applicants', async () => {
    const rows = await sql<{ id: string; whole: string; pin_sealed: Buffer; pin_hash: Buffer }>(
      'applications', `SELECT id, a::text AS whole, pin_sealed, pin_hash FROM applicants a WHERE id LIKE 'applicant-%'`);
    expect(rows).toHaveLength(region.applicants.length);
    const numbers = new Map(region.applicants.map((a) => [a.id, a.personalIdentityNumber]));
    const cipher = new PersonalDataCipher(loadPersonalDataKey());
    const leaks: string[] = [];
    for (const row of rows) {
      const number = numbers.get(row.id)!;
      // The sealed value opens to the number searched for: the search below looks for the right text.
      if (cipher.open(row.pin_sealed) !== number) leaks.push(`${row.id}: sealed value does not open to its number`);
      const digits = number.replace('-', '');
      const forms = [number, digits, number.slice(2), digits.slice(2)];
      for (const form of forms) {
        if (row.whole.includes(form)) leaks.push(`${row.id}: ${form.length} characters in a text column`);
        for (const bytes of [row.pin_sealed, row.pin_hash]) if (bytes.includes(Buffer.from(form))) leaks.push(`${row.id}: in a bytea`);
      }
    }
    expect(leaks.slice(0, 5)).toEqual([]);
  });

  it('finds a seeded applicant by number through the look-up hash, and shows them their number and applications', async () => {
    const applicant = region.applicants.find((a) => a.homeMunicipalityCode === '0182')!;
    const cipher = new PersonalDataCipher(loadPersonalDataKey());
    const found = await sql('applications', 'SELECT id FROM applicants WHERE pin_hash = $1', [cipher.lookupHash(applicant.personalIdentityNumber)]);
    expect(found).toEqual([{ id: applicant.id }]);
    // Another account cannot take the number: the API's look-up finds the seeded applicant.
    const stranger = await token({ role: 'applicant', sub: `test-applicant-${randomUUID()}`, municipality: '0182' });
    const taken = await gqlAs(stranger, `mutation($input: ApplicantInput!) { saveApplicantProfile(input: $input) { id } }`, {
      input: {
        personalIdentityNumber: applicant.personalIdentityNumber,
        givenName: 'Annan',
        familyName: 'Person',
        homeMunicipality: '0182',
        educationLevel: 'COMPULSORY',
        labourMarketStatus: 'EMPLOYED',
        needsSwedish: false,
      },
    });
    expect(errorCodes(taken)).toEqual(['CONFLICT']);
    // The seeded applicant signs in and sees their own number and applications.
    const own = await token({ role: 'applicant', sub: applicant.id, municipality: '0182' });
    const mine = await gqlDataAs(own, '{ myApplicant { id personalIdentityNumber givenName homeMunicipality { code } } myApplications { id status } }');
    expect(mine.myApplicant).toEqual({
      id: applicant.id,
      personalIdentityNumber: applicant.personalIdentityNumber,
      givenName: applicant.givenName,
      homeMunicipality: { code: '0182' },
    });
    const expected = region.applications.filter((a) => a.applicantId === applicant.id).map((a) => ({ id: a.id, status: a.status }));
    expect([...mine.myApplications].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it('seeds one municipality’s part alone: its residents’ applications, its offerings’ seats', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL_APPLICATIONS!;
    const logger = createLogger('seed-test');
    const code = '0182';
    const results: Record<string, unknown> = {};
    for (const def of [applicationsSubgraph, offeringsSubgraph]) {
      const name = `nacka_seed_${def.name}`;
      await ensureDatabase(serverUrl, name);
      const db = await openDatabase({ url: databaseUrl(serverUrl, name), logger, entities: def.entities, migrations: def.migrations });
      try {
        await def.seed(db.dataSource, () => region, { scope: { only: code }, reset: true });
        results[def.name] = def.name === 'applications'
          ? (await db.dataSource.query(`SELECT
              (SELECT count(*)::int FROM applicants) AS applicants,
              (SELECT count(*)::int FROM applications) AS applications,
              (SELECT count(*)::int FROM application_events) AS events,
              (SELECT count(*)::int FROM applications WHERE home_municipality <> $1) AS others`, [code]))[0]
          : (await db.dataSource.query(`SELECT
              (SELECT count(*)::int FROM offerings) AS offerings,
              (SELECT count(*)::int FROM seat_reservations) AS seats,
              (SELECT coalesce(sum(seats_taken), 0)::int FROM offerings) AS taken,
              (SELECT count(*)::int FROM offerings WHERE cancelled_at IS NOT NULL) AS cancelled`))[0];
      } finally {
        await db.dataSource.destroy();
      }
    }
    const homeApps = region.applications.filter((a) => a.homeMunicipalityCode === code);
    const homeIds = new Set(homeApps.map((a) => a.id));
    const seats = region.seatReservations.filter((r) => r.offeringId.startsWith(`${code}-`)).length;
    expect(results).toEqual({
      applications: {
        applicants: region.applicants.filter((a) => a.homeMunicipalityCode === code).length,
        applications: homeApps.length,
        events: region.applicationEvents.filter((e) => homeIds.has(e.applicationId)).length,
        others: 0,
      },
      offerings: {
        offerings: region.offerings.filter((o) => o.municipalityCode === code).length,
        seats,
        taken: seats,
        cancelled: region.offeringCancellations.filter((c) => c.offeringId.startsWith(`${code}-`)).length,
      },
    });
    expect(homeApps.some((a) => a.organisingMunicipalityCode !== code)).toBe(true);
  });
});
