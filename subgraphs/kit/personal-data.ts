import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type PersonalDataConfig, personalDataConfig } from '../../common/config';

/**
 * Personal data at rest (a personnummer): sealed with AES-256-GCM, found again by an
 * HMAC-SHA-256 look-up hash, both keyed by subkeys of one 32-byte master key (HKDF).
 * An entity keeps two `bytea` columns:
 *
 *   @Column({ ...SEALED_COLUMN, name: 'personal_number_sealed' }) personalNumberSealed!: Buffer;
 *   @Index({ unique: true }) @Column({ ...LOOKUP_HASH_COLUMN, name: 'personal_number_hash' }) personalNumberHash!: Buffer;
 *
 * Seal and hash the normalised form (the PersonalIdentityNumber scalar's value), so
 * that every way of writing a number finds the same row.
 */
export const SEALED_COLUMN = { type: 'bytea' } as const;
export const LOOKUP_HASH_COLUMN = { type: 'bytea' } as const;

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A sealed value that does not open: altered, or sealed with another key. It says no more. */
export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
  constructor() {
    super('A sealed personal data value could not be opened: it was altered or sealed with another key.');
  }
}

const subkey = (master: Buffer, info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, KEY_BYTES));

export class PersonalDataCipher {
  // Private fields: neither a log line nor util.inspect shows them.
  readonly #sealKey: Buffer;
  readonly #lookupKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== KEY_BYTES) throw new Error(`The personal data key must be ${KEY_BYTES} bytes.`);
    this.#sealKey = subkey(masterKey, 'vuxhub personal data: seal, AES-256-GCM, v1');
    this.#lookupKey = subkey(masterKey, 'vuxhub personal data: look-up, HMAC-SHA-256, v1');
  }

  /** Version byte, random IV, ciphertext and tag in one buffer; two seals of one text differ. */
  seal(text: string): Buffer {
    const header = Buffer.from([VERSION]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#sealKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
  }

  open(sealed: Buffer): string {
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SealedValueError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#sealKey, sealed.subarray(1, 1 + IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(sealed.subarray(0, 1));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const body = sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError();
    }
  }

  /** The same for the same text under the same key: the column to find a row by. */
  lookupHash(text: string): Buffer {
    return createHmac('sha256', this.#lookupKey).update(text, 'utf8').digest();
  }

  /** Both columns of one value. */
  protect(text: string): { sealed: Buffer; lookupHash: Buffer } {
    return { sealed: this.seal(text), lookupHash: this.lookupHash(text) };
  }
}

/**
 * The master key from PERSONAL_DATA_KEY or its key file, for a process to load as it
 * starts. Every failure says what to fix and never prints the key.
 */
export function loadPersonalDataKey(config: PersonalDataConfig = personalDataConfig()): Buffer {
  const inline = config.inlineKey();
  if (inline !== undefined) return decodeKey(inline.trim(), 'PERSONAL_DATA_KEY');
  let text: string;
  try {
    text = readFileSync(config.keyPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        `No personal data key: set PERSONAL_DATA_KEY (base64 of ${KEY_BYTES} random bytes) or put it in ${config.keyPath} ` +
          '(PERSONAL_DATA_KEY_PATH); `npm start` creates one for development.',
      );
    }
    throw new Error(`Cannot read the personal data key file ${config.keyPath} (${code ?? 'unknown error'}).`);
  }
  return decodeKey(text.trim(), `The personal data key file ${config.keyPath}`);
}

function decodeKey(base64: string, source: string): Buffer {
  // 32 bytes are 44 base64 characters, the last one '='.
  if (!/^[A-Za-z0-9+/]{43}=$/.test(base64)) {
    throw new Error(`${source} must hold a key of ${KEY_BYTES} bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`).`);
  }
  return Buffer.from(base64, 'base64');
}
