import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Column, DataSource, Entity, Index, PrimaryGeneratedColumn, QueryFailedError } from 'typeorm';
import { personalDataConfig } from '../common/config';
import { projectRoot } from '../common/paths';
import { ensureDevPersonalDataKey } from '../scripts/dev-keys';
import { parsePersonalIdentityNumber } from '../subgraphs/kit/personal-identity-number';
import {
  LOOKUP_HASH_COLUMN,
  PersonalDataCipher,
  SEALED_COLUMN,
  SealedValueError,
  loadPersonalDataKey,
} from '../subgraphs/kit/personal-data';
import { testNumber } from './support/personal-numbers';

const NUMBER = '19121212-1212';
const key = randomBytes(32);
const cipher = new PersonalDataCipher(key);

describe('PersonalDataCipher', () => {
  it('opens what it sealed', () => {
    for (const text of [NUMBER, '', 'Åsa Öberg, Storgatan 1']) expect(cipher.open(cipher.seal(text))).toBe(text);
  });

  it('seals one value differently each time, as version byte, IV, ciphertext and tag', () => {
    const [a, b] = [cipher.seal(NUMBER), cipher.seal(NUMBER)];
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 12 + Buffer.byteLength(NUMBER) + 16);
  });

  it('gives a stable look-up hash, another under another key or for another number', () => {
    const hash = cipher.lookupHash(NUMBER);
    expect(hash).toHaveLength(32);
    expect(cipher.lookupHash(NUMBER).equals(hash)).toBe(true);
    expect(new PersonalDataCipher(Buffer.from(key)).lookupHash(NUMBER).equals(hash)).toBe(true);
    expect(new PersonalDataCipher(randomBytes(32)).lookupHash(NUMBER).equals(hash)).toBe(false);
    expect(cipher.lookupHash(testNumber('19121212')).equals(hash)).toBe(false);
  });

  it('derives distinct subkeys: the hash is not the seal key at work', () => {
    const sealed = cipher.seal(NUMBER);
    expect(sealed.includes(cipher.lookupHash(NUMBER))).toBe(false);
    expect(cipher.lookupHash(NUMBER).equals(Buffer.from(key))).toBe(false);
  });

  it('refuses a value with any byte altered, cut short, or sealed under another key, saying nothing of it', () => {
    const sealed = cipher.seal(NUMBER);
    const failures: unknown[] = [];
    const attempt = (bytes: Buffer, by = cipher) => {
      try {
        by.open(bytes);
        failures.push(undefined);
      } catch (err) {
        failures.push(err);
      }
    };
    for (let i = 0; i < sealed.length; i++) {
      const altered = Buffer.from(sealed);
      altered[i] = altered[i]! ^ 0x01;
      attempt(altered);
    }
    attempt(sealed.subarray(0, sealed.length - 1));
    attempt(sealed.subarray(0, 20));
    attempt(Buffer.alloc(0));
    attempt(sealed, new PersonalDataCipher(randomBytes(32)));
    expect(failures).toHaveLength(sealed.length + 4);
    for (const err of failures) {
      expect(err).toBeInstanceOf(SealedValueError);
      expect((err as Error).message).toBe(
        'A sealed personal data value could not be opened: it was altered or sealed with another key.',
      );
      expect(JSON.stringify(err)).toBe('{"name":"SealedValueError"}');
    }
  });

  it('shows no key when inspected or logged', () => {
    expect(JSON.stringify(cipher)).toBe('{}');
    const shown = inspect(cipher, { showHidden: true, depth: 5 });
    expect(shown).not.toContain(key.toString('hex').slice(0, 16));
    expect(shown).not.toMatch(/[0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}/);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new PersonalDataCipher(randomBytes(31))).toThrow('must be 32 bytes');
  });
});

describe('the personal data key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vuxhub-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const base64 = key.toString('base64');

  it('comes from PERSONAL_DATA_KEY, before any key file', () => {
    const config = personalDataConfig({ PERSONAL_DATA_KEY: base64, PERSONAL_DATA_KEY_PATH: join(dir, 'absent.key') });
    expect(loadPersonalDataKey(config).equals(key)).toBe(true);
    // Logging the config whole shows no key.
    expect(JSON.stringify(config)).not.toContain(base64);
  });

  it('or from the key file, by default .data/keys/personal-data.key in the project', () => {
    expect(personalDataConfig({}).keyPath).toBe(join(projectRoot, '.data/keys/personal-data.key'));
    expect(personalDataConfig({ PERSONAL_DATA_KEY_PATH: 'keys/k' }).keyPath).toBe(join(projectRoot, 'keys/k'));
    writeFileSync(join(dir, 'k'), `${base64}\n`);
    expect(loadPersonalDataKey(personalDataConfig({ PERSONAL_DATA_KEY_PATH: join(dir, 'k') })).equals(key)).toBe(true);
  });

  it('is a clear start-up error when missing, unreadable or of the wrong length, never printing the key', () => {
    const short = randomBytes(16).toString('base64');
    const long = randomBytes(48).toString('base64');
    writeFileSync(join(dir, 'short.key'), short);
    mkdirSync(join(dir, 'a-directory'));
    const cases: [Record<string, string>, string, string | undefined][] = [
      [{ PERSONAL_DATA_KEY_PATH: join(dir, 'absent.key') }, 'No personal data key: set PERSONAL_DATA_KEY', undefined],
      [{ PERSONAL_DATA_KEY_PATH: join(dir, 'a-directory') }, 'Cannot read the personal data key file', undefined],
      [{ PERSONAL_DATA_KEY_PATH: join(dir, 'short.key') }, 'must hold a key of 32 bytes in base64', short],
      [{ PERSONAL_DATA_KEY: long }, 'PERSONAL_DATA_KEY must hold a key of 32 bytes', long],
      [{ PERSONAL_DATA_KEY: `${base64.slice(0, -2)}!=` }, 'PERSONAL_DATA_KEY must hold a key of 32 bytes', base64.slice(0, 40)],
    ];
    for (const [env, message, secret] of cases) {
      let error: Error | undefined;
      try {
        loadPersonalDataKey(personalDataConfig(env));
      } catch (err) {
        error = err as Error;
      }
      expect(error?.message).toContain(message);
      if (env.PERSONAL_DATA_KEY_PATH) expect(error?.message).toContain(env.PERSONAL_DATA_KEY_PATH);
      if (secret) expect(error?.message).not.toContain(secret.slice(0, 12));
    }
  });

  it('is made for development once, readable by its owner only, unless one is configured', () => {
    const path = join(dir, 'keys', 'personal-data.key');
    ensureDevPersonalDataKey(personalDataConfig({ PERSONAL_DATA_KEY: base64, PERSONAL_DATA_KEY_PATH: path }));
    expect(() => statSync(path)).toThrow();

    ensureDevPersonalDataKey(personalDataConfig({ PERSONAL_DATA_KEY_PATH: path }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const made = readFileSync(path, 'utf8');
    expect(loadPersonalDataKey(personalDataConfig({ PERSONAL_DATA_KEY_PATH: path }))).toHaveLength(32);

    ensureDevPersonalDataKey(personalDataConfig({ PERSONAL_DATA_KEY_PATH: path }));
    expect(readFileSync(path, 'utf8')).toBe(made);
  });

  it("is the test run's own, under its data directory", () => {
    const config = personalDataConfig();
    expect(config.keyPath.startsWith(process.env.TEST_DATA_DIR!)).toBe(true);
    expect(loadPersonalDataKey(config)).toHaveLength(32);
  });
});

/** How an entity keeps a number: sealed, and hashed for look-up under a unique index. */
@Entity('sealed_people_test')
class SealedPerson {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ ...SEALED_COLUMN, name: 'number_sealed' })
  numberSealed!: Buffer;

  @Index({ unique: true })
  @Column({ ...LOOKUP_HASH_COLUMN, name: 'number_hash' })
  numberHash!: Buffer;

  /** Only for the control row: a number left unsealed, which the search below must find. */
  @Column({ type: 'bytea', nullable: true })
  plain!: Buffer | null;
}

class Rollback extends Error {}

describe('sealed numbers in PostgreSQL', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL_OFFERINGS, entities: [SealedPerson] });
    await ds.initialize();
  });
  afterAll(() => ds?.destroy());

  it('holds no number in any form in its bytea columns, and finds a row by its hash', async () => {
    const numbers = [NUMBER, testNumber('19800101'), testNumber('20010172', '982')];
    let checked = 0;
    const done = ds.transaction(async (em) => {
      await em.query(`CREATE TEMP TABLE sealed_people_test (
        id serial PRIMARY KEY, number_sealed bytea NOT NULL, number_hash bytea NOT NULL UNIQUE, plain bytea) ON COMMIT DROP`);
      const ids = new Map<string, number>();
      for (const n of numbers) {
        const { sealed, lookupHash } = cipher.protect(n);
        ids.set(n, (await em.save(SealedPerson, { numberSealed: sealed, numberHash: lookupHash, plain: null })).id);
      }
      const control = await em.save(SealedPerson, {
        numberSealed: Buffer.alloc(1),
        numberHash: Buffer.alloc(1),
        plain: Buffer.from(NUMBER),
      });

      for (const n of numbers) {
        const digits = n.replace('-', '');
        for (const form of [n, digits, digits.slice(2), `${digits.slice(2, 8)}-${digits.slice(8)}`, `${digits.slice(2, 8)}+${digits.slice(8)}`]) {
          const rows: { id: number }[] = await em.query(
            `SELECT id FROM sealed_people_test
              WHERE position(convert_to($1, 'UTF8') IN number_sealed) > 0
                 OR position(convert_to($1, 'UTF8') IN number_hash) > 0
                 OR position(convert_to($1, 'UTF8') IN coalesce(plain, ''::bytea)) > 0`,
            [form],
          );
          // Only the unsealed control row may hold a number, and the search does find it there.
          expect(rows.map((r) => r.id)).toEqual(n === NUMBER && NUMBER.includes(form) ? [control.id] : []);
          checked++;
        }
      }

      // Any written form, normalised, finds its row; the sealed value opens to the number.
      const found = await em.findOneBy(SealedPerson, {
        numberHash: cipher.lookupHash(parsePersonalIdentityNumber('121212+1212').normalized),
      });
      expect(found?.id).toBe(ids.get(NUMBER));
      expect(cipher.open(found!.numberSealed)).toBe(NUMBER);

      // One number, one row: sealing it again gives another ciphertext but the same hash.
      await em.query('SAVEPOINT again');
      const again = await em
        .save(SealedPerson, { numberSealed: cipher.seal(NUMBER), numberHash: cipher.lookupHash(NUMBER), plain: null })
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(QueryFailedError);
      expect((again as { driverError?: { code?: string } }).driverError?.code).toBe('23505');
      await em.query('ROLLBACK TO SAVEPOINT again');
      throw new Rollback();
    });
    await expect(done).rejects.toBeInstanceOf(Rollback);
    expect(checked).toBe(numbers.length * 5);
  });
});
