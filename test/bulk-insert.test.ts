import 'reflect-metadata';
import { createLogger } from '../common/logger';
import { databaseUrl, ensureDatabase } from '../scripts/pg-admin';
import { type Database, openDatabase } from '../subgraphs/kit/database';
import { bulkInsert } from '../subgraphs/kit/seed';
import { applicationsSubgraph } from '../subgraphs/applications';
import { Applicant } from '../subgraphs/applications/model';

/** The seed's bulk insert writes every value exactly as given, in a database of its own. */

let db: Database;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL_APPLICATIONS!;
  await ensureDatabase(serverUrl, 'bulk_insert_applications');
  const { entities, migrations } = applicationsSubgraph;
  db = await openDatabase({ url: databaseUrl(serverUrl, 'bulk_insert_applications'), logger: createLogger('bulk-insert-test'), entities, migrations });
  await db.dataSource.query('TRUNCATE idempotency_keys, application_events, applications, applicants');
});

afterAll(async () => {
  await db?.dataSource.destroy();
});

const applicant = (i: number, names: [string, string], bytes: Buffer) => ({
  id: `bulk-${i}`,
  homeMunicipalityCode: '0182',
  pinSealed: bytes,
  pinHash: Buffer.from(String(i)),
  birthDate: '1990-02-28',
  givenName: names[0],
  familyName: names[1],
  educationLevel: 'NONE',
  labourMarketStatus: 'OTHER',
  needsSwedish: i % 2 === 0,
  createdAt: '2026-03-04T09:15:00.000Z',
  updatedAt: new Date('2026-03-04T09:16:00.000Z'),
});

it('writes quotes, backslashes, braces, commas, empty strings, bytes and timestamps exactly, over several chunks', async () => {
  const tricky: [string, string][] = [
    ['Ann "Nisse"', 'O\'Brien\\Söderström'],
    ['', 'NULL'],
    ['{a,b}', ' spaced '],
    ['Şahin, Wiśniewska', 'Ålund'],
  ];
  const bytes = [Buffer.from([0, 0x5c, 0x22, 0x7b, 0xff]), Buffer.alloc(0), Buffer.from('\\x41'), Buffer.from([1])];
  // More rows than one chunk holds, so that the chunks follow one another.
  const rows = Array.from({ length: 12_001 }, (_, i) => applicant(i, tricky[i % 4]!, bytes[i % 4]!));
  const progress: number[] = [];
  await db.dataSource.transaction((tx) => bulkInsert(tx, Applicant, rows, (done) => progress.push(done)));
  expect(progress).toEqual([5000, 10_000, 12_001]);

  const read = await db.dataSource.query(
    `SELECT id, home_municipality, pin_sealed, birth_date, given_name, family_name, needs_swedish, created_at, updated_at
       FROM applicants WHERE id = ANY($1) ORDER BY id`,
    [['bulk-0', 'bulk-1', 'bulk-2', 'bulk-3', 'bulk-12000']],
  );
  expect(read).toEqual(
    [0, 1, 12000, 2, 3].map((i) => ({
      id: `bulk-${i}`,
      home_municipality: '0182',
      pin_sealed: bytes[i % 4],
      birth_date: '1990-02-28',
      given_name: tricky[i % 4]![0],
      family_name: tricky[i % 4]![1],
      needs_swedish: i % 2 === 0,
      created_at: new Date('2026-03-04T09:15:00.000Z'),
      updated_at: new Date('2026-03-04T09:16:00.000Z'),
    })),
  );
  const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM applicants');
  expect(n).toBe(12_001);
});

it('refuses a row that leaves a column out, writing nothing', async () => {
  const { givenName: _, ...missing } = applicant(99_999, ['a', 'b'], Buffer.from([1]));
  const before = await db.dataSource.query('SELECT count(*)::int AS n FROM applicants');
  await expect(db.dataSource.transaction((tx) => bulkInsert(tx, Applicant, [missing]))).rejects.toThrow(/has no givenName/);
  expect(await db.dataSource.query('SELECT count(*)::int AS n FROM applicants')).toEqual(before);
});
