import { randomUUID } from 'node:crypto';
import { sql } from './db';
import { gqlAs } from './graphql';
import { token } from './tokens';

/** A valid personal identity number (YYYYMMDD-NNNN) for a birth date and a 3-digit serial. */
export function personalIdentityNumber(birthDate: string, serial: number): string {
  const ymd = birthDate.replace(/-/g, '');
  const nine = ymd.slice(2) + String(serial).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${ymd}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

export interface TestApplicant {
  id: string;
  bearer: string;
  personalIdentityNumber: string;
  home: string;
}

const SAVE = `mutation($input: ApplicantInput!) { saveApplicantProfile(input: $input) { id } }`;

/** A birth date in 1950–1999 and a serial of 900–999 (the seed uses lower serials). */
function randomNumber(): string {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(Math.random() * 18_000) * 86_400_000).toISOString().slice(0, 10);
  return personalIdentityNumber(day, 900 + Math.floor(Math.random() * 100));
}

/** A new applicant with a saved profile (an id and a number of its own), living in `home`. */
export async function newApplicant(home: string, profile: Record<string, unknown> = {}): Promise<TestApplicant> {
  const id = `test-applicant-${randomUUID()}`;
  // The sign-in names the home municipality: the region keeps the applicant's data there.
  const bearer = await token({ role: 'applicant', sub: id, municipality: home });
  for (let attempt = 0; ; attempt++) {
    const pin = randomNumber();
    const answer = await gqlAs(bearer, SAVE, {
      input: {
        personalIdentityNumber: pin,
        givenName: 'Testa',
        familyName: 'Testsson',
        homeMunicipality: home,
        educationLevel: 'COMPULSORY',
        labourMarketStatus: 'UNEMPLOYED',
        needsSwedish: false,
        ...profile,
      },
    });
    if (!answer.errors) return { id, bearer, personalIdentityNumber: pin, home };
    // Another applicant has this number already: draw another.
    if (answer.errors[0]?.extensions?.code !== 'CONFLICT' || attempt > 5) {
      throw new Error(`saveApplicantProfile failed: ${JSON.stringify(answer.errors)}`);
    }
  }
}

export const SUBMIT = `mutation($input: ApplicationInput!, $key: String!) {
  submitApplication(input: $input, idempotencyKey: $key) { id status ranking term recommendation { outcome basis priority } } }`;

export function submit(applicant: TestApplicant, offeringId: string, key: string = randomUUID(), extra: Record<string, unknown> = {}) {
  return gqlAs(applicant.bearer, SUBMIT, { input: { offeringId, ...extra }, key });
}

export interface TestOffering {
  id: string;
  providerId: string;
  municipality: string;
  restore(): Promise<void>;
}

const taken = new Set<string>();

/**
 * An offering of `municipality` in `schoolForm` (in the term of offering `sameTermAs`, if
 * given) that nobody has applied for, made open for application today with `seats` seats
 * and nothing held; `restore` puts back what it was.
 */
export async function openOffering(
  municipality: string,
  seats: number,
  schoolForm = 'UPPER_SECONDARY',
  sameTermAs?: string,
): Promise<TestOffering> {
  const applied = await sql<{ offering_id: string }>(
    'applications',
    'SELECT DISTINCT offering_id FROM applications WHERE organising_municipality = $1',
    [municipality],
  );
  const excluded = [...taken, ...applied.map((r) => r.offering_id)];
  const term = `extract(year FROM start_date), extract(month FROM start_date) >= 7`;
  const rows = await sql<{ id: string; provider_id: string; seats: number; application_opens: string; application_closes: string; start_date: string }>(
    'offerings',
    `SELECT id, provider_id, seats, application_opens::text, application_closes::text, start_date::text FROM offerings
      WHERE municipality_code = $1 AND school_form = $2 AND seats_taken = 0 AND cancelled_at IS NULL
        AND start_date > current_date + 14 AND NOT (id = ANY($3))
        AND ($4::text IS NULL OR (${term}) = (SELECT ${term} FROM offerings WHERE id = $4))
      ORDER BY id DESC LIMIT 1`,
    [municipality, schoolForm, excluded, sameTermAs ?? null],
  );
  const o = rows[0];
  if (!o) throw new Error(`no free ${schoolForm} offering in ${municipality}`);
  taken.add(o.id);
  await sql(
    'offerings',
    `UPDATE offerings SET application_opens = current_date - 1, application_closes = current_date + 7, seats = $2 WHERE id = $1`,
    [o.id, seats],
  );
  return {
    id: o.id,
    providerId: o.provider_id,
    municipality,
    restore: async () => {
      await sql('offerings', 'DELETE FROM seat_reservations WHERE offering_id = $1', [o.id]);
      await sql(
        'offerings',
        `UPDATE offerings SET seats_taken = 0, seats = $2, application_opens = $3, application_closes = $4, cancelled_at = NULL, cancellation_reason = NULL WHERE id = $1`,
        [o.id, o.seats, o.application_opens, o.application_closes],
      );
    },
  };
}
