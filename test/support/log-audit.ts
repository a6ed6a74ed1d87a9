import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PersonalDataCipher, loadPersonalDataKey } from '../../subgraphs/kit/personal-data';

/** Every way a personal identity number can be written: 12 or 10 digits, with or without the separator. */
export function writtenForms(normalized: string): string[] {
  const [date = '', serial = ''] = normalized.split('-');
  return [`${date}-${serial}`, `${date}${serial}`, `${date.slice(2)}-${serial}`];
}

/** Every applicant's number, opened from the applications database with the test run's key. */
export async function applicantNumbers(): Promise<string[]> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL_APPLICATIONS });
  await client.connect();
  try {
    const cipher = new PersonalDataCipher(loadPersonalDataKey());
    const { rows } = await client.query<{ pin_sealed: Buffer }>('SELECT pin_sealed FROM applicants');
    return rows.map((r) => cipher.open(r.pin_sealed));
  } finally {
    await client.end();
  }
}

export interface LogAudit {
  files: string[];
  lines: number;
  /** `file: form` for every number found. */
  found: string[];
}

/** Searches every log file of the test run's services for every form of every number. */
export function auditLogs(numbers: readonly string[], logDir = join(process.env.TEST_DATA_DIR ?? '', 'logs')): LogAudit {
  const forms = new Set(numbers.flatMap(writtenForms));
  const files = readdirSync(logDir).filter((f) => f.endsWith('.log'));
  const found: string[] = [];
  let lines = 0;
  for (const file of files) {
    const text = readFileSync(join(logDir, file), 'utf8');
    lines += text.split('\n').length - 1;
    // Every digit run that has the shape of a number, looked up in the set.
    for (const m of text.matchAll(/\d{6,8}-\d{4}|\d{12}/g)) if (forms.has(m[0])) found.push(`${file}: ${m[0]}`);
  }
  return { files, lines, found };
}
