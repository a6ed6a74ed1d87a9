import municipalitiesFile from '../common/data/municipalities.json';
import { Client } from 'pg';
import { sql } from './support/db';

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

it('has at least 5,000 offerings spread over every municipality, most in Stockholm', async () => {
  const rows = await sql<{ code: string; n: number }>(
    'offerings', 'SELECT municipality_code AS code, count(*)::int AS n FROM offerings GROUP BY 1 ORDER BY n DESC');
  expect(rows.reduce((s, r) => s + r.n, 0)).toBeGreaterThanOrEqual(5000);
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
