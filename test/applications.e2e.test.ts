import { randomUUID } from 'node:crypto';
import { sql } from './support/db';
import { type TestApplicant, type TestOffering, newApplicant, openOffering, submit } from './support/applicants';
import { errorCodes, gatewayUrl, gqlAs, gqlDataAs } from './support/graphql';
import { token } from './support/tokens';

/**
 * The common application system through the gateway: who may move an application
 * where, what each role sees, and that a refused move writes nothing.
 */

jest.setTimeout(120_000);

const DECIDE = `mutation($id: ID!, $outcome: DecisionOutcome!, $basis: LegalBasis!, $note: String) {
  decideApplication(id: $id, outcome: $outcome, basis: $basis, note: $note) { id status decision { outcome basis note overruled decidedBy } } }`;
const PLACE = `mutation($id: ID!, $outcome: PlacementOutcome!) { placeApplication(id: $id, outcome: $outcome) { id status } }`;
const RESULT = `mutation($id: ID!, $grade: Grade!) { recordResult(id: $id, grade: $grade) { id status grade } }`;
const DROPOUT = `mutation($id: ID!) { recordDropout(id: $id, reason: "moved away") { id status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawApplication(id: $id, reason: "changed my mind") { id status } }`;
const APPLICATION = `query($id: ID!) { application(id: $id) {
  id status ranking term intermunicipal schoolForm
  homeMunicipality { code name } organisingMunicipality { code } offering { id title } provider { id name }
  recommendation { outcome basis priority reason }
  history { from to actorRole reason }
  applicant { givenName familyName personalIdentityNumber } } }`;

const HOME = '0160'; // Täby: the applicants' home
const ORGANISER = '0162'; // Danderyd: organises the offerings

let officer: string;
let otherOfficer: string;
let organiserOfficer: string;
let statistician: string;
let provider: string;
let otherProvider: string;
let offering: TestOffering;
const offerings: TestOffering[] = [];

async function open(seats: number, schoolForm = 'UPPER_SECONDARY'): Promise<TestOffering> {
  const o = await openOffering(ORGANISER, seats, schoolForm);
  offerings.push(o);
  return o;
}

beforeAll(async () => {
  officer = await token({ role: 'officer', municipality: HOME });
  otherOfficer = await token({ role: 'officer', municipality: '0180' });
  organiserOfficer = await token({ role: 'officer', municipality: ORGANISER });
  statistician = await token({ role: 'statistician' });
  offering = await open(10);
  provider = await token({ role: 'provider', provider: offering.providerId });
  otherProvider = await token({ role: 'provider', provider: 'prov-does-not-run-it' });
});

afterAll(async () => {
  for (const o of offerings) await o.restore();
});

async function submitted(applicant: TestApplicant, o: TestOffering = offering): Promise<string> {
  const answer = await submit(applicant, o.id);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data.submitApplication.id;
}

async function granted(applicant: TestApplicant, o: TestOffering = offering): Promise<string> {
  const id = await submitted(applicant, o);
  await gqlDataAs(officer, DECIDE, { id, outcome: 'GRANTED', basis: 'PRIORITY_LEAST_EDUCATION', note: 'granted in the test' });
  return id;
}

const statusOf = async (id: string) => (await sql<{ status: string }>('applications', 'SELECT status FROM applications WHERE id = $1', [id]))[0]?.status;
const eventsOf = async (id: string) =>
  (await sql<{ n: number }>('applications', 'SELECT count(*)::int AS n FROM application_events WHERE application_id = $1', [id]))[0]!.n;

it('takes an application from submission to a grade: home officer decides, provider places and grades', async () => {
  const applicant = await newApplicant(HOME);
  const sent = await submit(applicant, offering.id);
  expect(sent.errors).toBeUndefined();
  const app = sent.data.submitApplication;
  expect(app).toMatchObject({ status: 'SUBMITTED', ranking: 1, recommendation: { outcome: 'GRANTED' } });
  expect(app.id.startsWith(`${HOME}-`)).toBe(true);

  const decided = await gqlDataAs(officer, DECIDE, { id: app.id, outcome: 'GRANTED', basis: app.recommendation.basis });
  expect(decided.decideApplication).toMatchObject({ status: 'GRANTED', decision: { outcome: 'GRANTED', overruled: false, note: null } });
  expect((await gqlDataAs(provider, PLACE, { id: app.id, outcome: 'ENROLLED' })).placeApplication.status).toBe('ENROLLED');
  expect((await gqlDataAs(provider, RESULT, { id: app.id, grade: 'B' })).recordResult).toMatchObject({ status: 'COMPLETED', grade: 'B' });

  const seen = (await gqlDataAs(officer, APPLICATION, { id: app.id })).application;
  expect(seen).toMatchObject({
    intermunicipal: true,
    homeMunicipality: { code: HOME, name: 'Täby' },
    organisingMunicipality: { code: ORGANISER },
    offering: { id: offering.id },
    provider: { id: offering.providerId },
    applicant: { givenName: 'Testa', personalIdentityNumber: applicant.personalIdentityNumber },
  });
  expect(seen.offering.title).toEqual(expect.any(String));
  expect(seen.history.map((e: { from: string | null; to: string; actorRole: string }) => [e.from, e.to, e.actorRole])).toEqual([
    [null, 'SUBMITTED', 'applicant'],
    ['SUBMITTED', 'GRANTED', 'officer'],
    ['GRANTED', 'ENROLLED', 'provider'],
    ['ENROLLED', 'COMPLETED', 'provider'],
  ]);
  const [row] = await sql('applications', 'SELECT home_municipality, organising_municipality, term FROM applications WHERE id = $1', [app.id]);
  expect(row).toMatchObject({ home_municipality: HOME, organising_municipality: ORGANISER });
  expect(row.term).toMatch(/^(HT|VT)\d{4}$/);
});

describe('moves the status machine refuses, with CONFLICT naming the status and nothing written', () => {
  type Call = () => [string, string, Record<string, unknown>];
  it.each<[string, string, Call]>([
    ['a second decision', 'GRANTED', () => [officer, DECIDE, { outcome: 'REJECTED', basis: 'LOWER_PRIORITY', note: 'no' }]],
    ['placing before a decision', 'SUBMITTED', () => [provider, PLACE, { outcome: 'ENROLLED' }]],
    ['a grade before enrolment', 'GRANTED', () => [provider, RESULT, { grade: 'A' }]],
    ['a dropout before enrolment', 'GRANTED', () => [provider, DROPOUT, {}]],
    ['placing on the waiting list twice', 'WAITLISTED', () => [provider, PLACE, { outcome: 'WAITLISTED' }]],
    ['a grade after completion', 'COMPLETED', () => [provider, RESULT, { grade: 'C' }]],
    ['a decision after rejection', 'REJECTED', () => [officer, DECIDE, { outcome: 'GRANTED', basis: 'OTHER', note: 'again' }]],
  ])('%s (%s)', async (_what, status, call) => {
    const applicant = await newApplicant(HOME);
    const id = await submitted(applicant);
    const reach: Record<string, [string, string, Record<string, unknown>][]> = {
      SUBMITTED: [],
      GRANTED: [[officer, DECIDE, { outcome: 'GRANTED', basis: 'PRIORITY_LEAST_EDUCATION' }]],
      REJECTED: [[officer, DECIDE, { outcome: 'REJECTED', basis: 'LOWER_PRIORITY', note: 'full' }]],
      WAITLISTED: [
        [officer, DECIDE, { outcome: 'GRANTED', basis: 'PRIORITY_LEAST_EDUCATION' }],
        [provider, PLACE, { outcome: 'WAITLISTED' }],
      ],
      COMPLETED: [
        [officer, DECIDE, { outcome: 'GRANTED', basis: 'PRIORITY_LEAST_EDUCATION' }],
        [provider, PLACE, { outcome: 'ENROLLED' }],
        [provider, RESULT, { grade: 'E' }],
      ],
    };
    for (const [bearer, query, vars] of reach[status]!) await gqlDataAs(bearer, query, { id, ...vars });
    expect(await statusOf(id)).toBe(status);
    const events = await eventsOf(id);
    const [bearer, query, vars] = call();
    const answer = await gqlAs(bearer, query, { id, ...vars });
    expect(errorCodes(answer)).toEqual(['CONFLICT']);
    expect(answer.errors![0]!.message).toContain(`is ${status}`);
    expect(await statusOf(id)).toBe(status);
    expect(await eventsOf(id)).toBe(events);
  });

  it('withdrawing an enrolled application', async () => {
    const applicant = await newApplicant(HOME);
    const id = await granted(applicant);
    await gqlDataAs(provider, PLACE, { id, outcome: 'ENROLLED' });
    const answer = await gqlAs(applicant.bearer, WITHDRAW, { id });
    expect(errorCodes(answer)).toEqual(['CONFLICT']);
    expect(await statusOf(id)).toBe('ENROLLED');
  });
});

describe('who may make each move', () => {
  let id: string;
  let applicant: TestApplicant;
  beforeAll(async () => {
    applicant = await newApplicant(HOME);
    id = await submitted(applicant);
  });

  it.each([
    ['an applicant deciding', () => applicant.bearer, DECIDE, { outcome: 'GRANTED', basis: 'OTHER', note: 'x' }, 'FORBIDDEN'],
    ['another municipality’s officer deciding', () => otherOfficer, DECIDE, { outcome: 'GRANTED', basis: 'OTHER', note: 'x' }, 'FORBIDDEN'],
    ['the organising municipality’s officer deciding', () => organiserOfficer, DECIDE, { outcome: 'REJECTED', basis: 'OTHER', note: 'x' }, 'FORBIDDEN'],
    ['a statistician deciding', () => statistician, DECIDE, { outcome: 'GRANTED', basis: 'OTHER', note: 'x' }, 'FORBIDDEN'],
    ['anonymous deciding', () => undefined, DECIDE, { outcome: 'GRANTED', basis: 'OTHER', note: 'x' }, 'UNAUTHENTICATED'],
    ['an officer placing', () => officer, PLACE, { outcome: 'ENROLLED' }, 'FORBIDDEN'],
    ['another provider placing', () => otherProvider, PLACE, { outcome: 'ENROLLED' }, 'FORBIDDEN'],
    ['an officer withdrawing', () => officer, WITHDRAW, {}, 'FORBIDDEN'],
  ] as [string, () => string | undefined, string, Record<string, unknown>, string][])('%s is refused', async (_what, who, query, vars, code) => {
    const answer = await gqlAs(who(), query, { id, ...vars });
    expect(errorCodes(answer)).toEqual([code]);
    expect(await statusOf(id)).toBe('SUBMITTED');
    expect(await eventsOf(id)).toBe(1);
  });

  it('another applicant cannot withdraw it (not found for them)', async () => {
    const stranger = await newApplicant(HOME);
    const answer = await gqlAs(stranger.bearer, WITHDRAW, { id });
    expect(errorCodes(answer)).toEqual(['NOT_FOUND']);
    expect(await statusOf(id)).toBe('SUBMITTED');
  });

  it('the applicant withdraws their own', async () => {
    const own = await submitted(await newApplicant(HOME));
    const other = await newApplicant(HOME);
    expect(errorCodes(await gqlAs(other.bearer, WITHDRAW, { id: own }))).toEqual(['NOT_FOUND']);
    const mine = await newApplicant(HOME);
    const mineId = await submitted(mine);
    expect((await gqlDataAs(mine.bearer, WITHDRAW, { id: mineId })).withdrawApplication.status).toBe('WITHDRAWN');
  });

  it('going against the recommendation needs a note; the decision says it was overruled', async () => {
    const a = await newApplicant(HOME);
    const appId = await submitted(a);
    const bare = await gqlAs(officer, DECIDE, { id: appId, outcome: 'REJECTED', basis: 'LOWER_PRIORITY' });
    expect(errorCodes(bare)).toEqual(['BAD_USER_INPUT']);
    expect(bare.errors![0]!.extensions!.argumentName).toBe('note');
    expect(await statusOf(appId)).toBe('SUBMITTED');
    const noted = await gqlDataAs(officer, DECIDE, { id: appId, outcome: 'REJECTED', basis: 'LOWER_PRIORITY', note: 'Others had priority.' });
    expect(noted.decideApplication.decision).toMatchObject({ outcome: 'REJECTED', overruled: true, note: 'Others had priority.' });
  });
});

describe('what each role sees', () => {
  let a: TestApplicant;
  let b: TestApplicant;
  let idA: string;
  beforeAll(async () => {
    a = await newApplicant(HOME);
    b = await newApplicant('0180');
    idA = await submitted(a);
    await submitted(b);
  });

  const LIST = `query($f: ApplicationFilter) { applications(filter: $f, first: 100) { totalCount edges { node { id homeMunicipality { code } } } } }`;

  it('an officer sees only their own municipality’s residents', async () => {
    const mine = await gqlDataAs(officer, LIST, { f: { offeringIds: [offering.id] } });
    const homes = new Set(mine.applications.edges.map((e: { node: { homeMunicipality: { code: string } } }) => e.node.homeMunicipality.code));
    expect([...homes]).toEqual([HOME]);
    expect(mine.applications.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(idA);
    const [{ n }] = await sql('applications', 'SELECT count(*)::int AS n FROM applications WHERE offering_id = $1 AND home_municipality = $2', [offering.id, HOME]);
    expect(mine.applications.totalCount).toBe(n);
    // Stockholm's officer sees the Stockholm resident and no one from Täby.
    const theirs = await gqlDataAs(otherOfficer, LIST, { f: { offeringIds: [offering.id] } });
    expect(theirs.applications.edges.every((e: { node: { homeMunicipality: { code: string } } }) => e.node.homeMunicipality.code === '0180')).toBe(true);
    expect((await gqlDataAs(otherOfficer, APPLICATION, { id: idA })).application).toBeNull();
    // The organising municipality's officer decides nothing and sees nothing of Täby's residents.
    expect((await gqlDataAs(organiserOfficer, APPLICATION, { id: idA })).application).toBeNull();
  });

  it('an applicant sees only their own', async () => {
    const mine = await gqlDataAs(a.bearer, '{ myApplications { id } myApplicant { id homeMunicipality { code } personalIdentityNumber } }');
    expect(mine.myApplications).toEqual([{ id: idA }]);
    expect(mine.myApplicant).toEqual({ id: a.id, homeMunicipality: { code: HOME }, personalIdentityNumber: a.personalIdentityNumber });
    expect((await gqlDataAs(b.bearer, APPLICATION, { id: idA })).application).toBeNull();
    expect(errorCodes(await gqlAs(a.bearer, LIST, {}))).toEqual(['FORBIDDEN']);
  });

  it('a provider sees granted applications to its offerings, with the applicant’s name but not their number', async () => {
    expect((await gqlDataAs(provider, APPLICATION, { id: idA })).application).toBeNull();
    await gqlDataAs(officer, DECIDE, { id: idA, outcome: 'GRANTED', basis: 'PRIORITY_LEAST_EDUCATION' });
    const seen = await gqlAs(provider, APPLICATION, { id: idA });
    expect(seen.data.application.applicant).toEqual({ givenName: 'Testa', familyName: 'Testsson', personalIdentityNumber: null });
    expect(errorCodes(seen)).toEqual(['FORBIDDEN']);
    expect(seen.errors![0]!.path).toEqual(['application', 'applicant', 'personalIdentityNumber']);
    expect(errorCodes(await gqlAs(otherProvider, APPLICATION, { id: idA }))).toEqual([]);
    expect((await gqlDataAs(otherProvider, APPLICATION, { id: idA })).application).toBeNull();
  });

  it('a statistician sees no rows about people, anonymous nothing', async () => {
    expect(errorCodes(await gqlAs(statistician, LIST, {}))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(statistician, APPLICATION, { id: idA }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(undefined, LIST, {}))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('submitting', () => {
  it('a retry with the same key returns the same application; 20 at once create exactly one', async () => {
    const applicant = await newApplicant(HOME);
    const o = await open(30);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => submit(applicant, o.id, key)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const ids = new Set(answers.map((answer) => answer.data.submitApplication.id));
    expect(ids.size).toBe(1);
    const rows = await sql('applications', 'SELECT id FROM applications WHERE applicant_id = $1', [applicant.id]);
    expect(rows.map((r) => r.id)).toEqual([...ids]);
    // The same key with another input is refused; a new key for the same offering too.
    expect(errorCodes(await submit(applicant, o.id, key, { motivation: 'other words' }))).toEqual(['CONFLICT']);
    const again = await submit(applicant, o.id);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toContain(o.id);
    expect(await sql('applications', 'SELECT id FROM applications WHERE applicant_id = $1', [applicant.id])).toHaveLength(1);
  });

  it('200 applicants applying to one offering at once all land, once each', async () => {
    const o = await open(20);
    const applicants: TestApplicant[] = [];
    for (let i = 0; i < 200; i += 20) applicants.push(...(await Promise.all(Array.from({ length: 20 }, () => newApplicant(HOME)))));
    const answers = await Promise.all(applicants.map((a) => submit(a, o.id)));
    expect(answers.flatMap((answer) => errorCodes(answer))).toEqual([]);
    const ids = answers.map((answer) => answer.data.submitApplication.id);
    expect(new Set(ids).size).toBe(200);
    const rows = await sql<{ applicant_id: string }>('applications', 'SELECT applicant_id FROM applications WHERE offering_id = $1', [o.id]);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.applicant_id))).toEqual(new Set(applicants.map((a) => a.id)));
  });

  it('gives each further application of a term the next ranking, and refuses a taken one', async () => {
    const applicant = await newApplicant(HOME);
    const o1 = await open(10);
    const [o2, o3] = [await openOffering(ORGANISER, 10, 'UPPER_SECONDARY', o1.id), await openOffering(ORGANISER, 10, 'UPPER_SECONDARY', o1.id)];
    offerings.push(o2, o3);
    const rankings = [];
    for (const o of [o1, o2]) rankings.push((await submit(applicant, o.id)).data.submitApplication.ranking);
    expect(rankings).toEqual([1, 2]);
    const taken = await submit(applicant, o3.id, randomUUID(), { ranking: 1 });
    expect(errorCodes(taken)).toEqual(['CONFLICT']);
    expect(taken.errors![0]!.extensions!.argumentName).toBe('input.ranking');
    expect((await submit(applicant, o3.id, randomUUID(), { ranking: 5 })).data.submitApplication.ranking).toBe(5);
  });

  it.each([
    ['an unknown offering', { offeringId: '0162-999999' }, 'NOT_FOUND', 'input.offeringId'],
    ['a ranking of 0', { ranking: 0 }, 'BAD_USER_INPUT', 'input.ranking'],
    ['a motivation of 5,000 characters', { motivation: 'x'.repeat(5000) }, 'BAD_USER_INPUT', 'input.motivation'],
  ])('refuses %s, naming the field', async (_what, input, code, argumentName) => {
    const applicant = await newApplicant(HOME);
    const answer = await gqlAs(
      applicant.bearer,
      `mutation($input: ApplicationInput!) { submitApplication(input: $input, idempotencyKey: "${randomUUID()}") { id } }`,
      { input: { offeringId: offering.id, ...input } },
    );
    expect(errorCodes(answer)).toEqual([code]);
    expect(answer.errors![0]!.extensions!.argumentName).toBe(argumentName);
    expect(await sql('applications', 'SELECT 1 FROM applications WHERE applicant_id = $1', [applicant.id])).toEqual([]);
  });

  it('refuses an offering whose window is closed, and a resident of another county', async () => {
    const closed = await open(10);
    await sql('offerings', 'UPDATE offerings SET application_opens = current_date - 20, application_closes = current_date - 1 WHERE id = $1', [closed.id]);
    const applicant = await newApplicant(HOME);
    const late = await submit(applicant, closed.id);
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors![0]!.message).toMatch(/closed on/);
    const outsider = await newApplicant('1480');
    const far = await submit(outsider, offering.id);
    expect(errorCodes(far)).toEqual(['FORBIDDEN']);
    expect(far.errors![0]!.message).toMatch(/home municipality \(1480\)/);
  });

  it('needs a saved profile and refuses a bad personal identity number without quoting it', async () => {
    const bearer = await token({ role: 'applicant', sub: `test-applicant-${randomUUID()}` });
    const none = await gqlAs(bearer, `mutation { submitApplication(input: { offeringId: "${offering.id}" }, idempotencyKey: "k1") { id } }`);
    expect(errorCodes(none)).toEqual(['CONFLICT']);
    const bad = '19121212-1213';
    const answer = await gqlAs(bearer, `mutation($input: ApplicantInput!) { saveApplicantProfile(input: $input) { id } }`, {
      input: {
        personalIdentityNumber: bad,
        givenName: 'A',
        familyName: 'B',
        homeMunicipality: HOME,
        educationLevel: 'NONE',
        labourMarketStatus: 'OTHER',
        needsSwedish: true,
      },
    });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(answer)).not.toContain('1213');
    expect(JSON.stringify(answer)).not.toContain('121212');
  });
});

it('enrols exactly as many as there are seats when 50 placements arrive at once', async () => {
  const o = await open(10);
  const applicants = await Promise.all(Array.from({ length: 50 }, () => newApplicant(HOME)));
  const ids: string[] = [];
  for (const a of applicants) ids.push(await granted(a, o));
  const answers = await Promise.all(ids.map((id) => gqlAs(provider, PLACE, { id, outcome: 'ENROLLED' })));
  const enrolled = answers.filter((answer) => answer.data?.placeApplication?.status === 'ENROLLED');
  const refused = answers.filter((answer) => errorCodes(answer)[0] === 'CONFLICT');
  expect(enrolled).toHaveLength(10);
  expect(refused).toHaveLength(40);
  const statuses = await sql<{ status: string; n: number }>(
    'applications',
    'SELECT status, count(*)::int AS n FROM applications WHERE offering_id = $1 GROUP BY status ORDER BY status',
    [o.id],
  );
  expect(statuses).toEqual([
    { status: 'ENROLLED', n: 10 },
    { status: 'GRANTED', n: 40 },
  ]);
  const [ledger] = await sql('offerings', 'SELECT seats_taken, (SELECT count(*)::int FROM seat_reservations WHERE offering_id = $1) AS held FROM offerings WHERE id = $1', [o.id]);
  expect(ledger).toEqual({ seats_taken: 10, held: 10 });
  // A dropout frees a seat: a waitlisted student gets it.
  const waiting = ids.find((id) => !enrolled.some((e) => e.data.placeApplication.id === id))!;
  await gqlDataAs(provider, PLACE, { id: waiting, outcome: 'WAITLISTED' });
  expect(errorCodes(await gqlAs(provider, PLACE, { id: waiting, outcome: 'ENROLLED' }))).toEqual(['CONFLICT']);
  await gqlDataAs(provider, DROPOUT, { id: enrolled[0]!.data.placeApplication.id });
  expect((await gqlDataAs(provider, PLACE, { id: waiting, outcome: 'ENROLLED' })).placeApplication.status).toBe('ENROLLED');
});

it('cancelling an offering cancels its open applications with the reason; the catalogue shows it', async () => {
  const o = await open(10);
  const a = await newApplicant(HOME);
  const b = await newApplicant(HOME);
  const idA = await submitted(a, o);
  const idB = await granted(b, o);
  expect(errorCodes(await gqlAs(otherOfficer, `mutation { cancelOffering(id: "${o.id}", reason: "För få sökande") }`))).toEqual(['FORBIDDEN']);
  const done = await gqlDataAs(organiserOfficer, `mutation { cancelOffering(id: "${o.id}", reason: "För få sökande") }`);
  expect(done.cancelOffering).toBe(2);
  for (const id of [idA, idB]) expect(await statusOf(id)).toBe('CANCELLED');
  const [event] = await sql('applications', `SELECT reason FROM application_events WHERE application_id = $1 AND to_status = 'CANCELLED'`, [idA]);
  expect(event.reason).toBe('För få sökande');
  const shown = await gqlDataAs(undefined, `{ offering(id: "${o.id}") { cancelled cancellationReason openForApplication } }`);
  expect(shown.offering).toEqual({ cancelled: true, cancellationReason: 'För få sökande', openForApplication: false });
  expect(errorCodes(await submit(await newApplicant(HOME), o.id))).toEqual(['CONFLICT']);
});

it('suppresses counts over fewer than 5 people: 4 hidden, 5 shown', async () => {
  const o = await open(10);
  const STATS = `query($id: ID!) { offering(id: $id) { applicationStats { applicants { value suppressed } granted { value suppressed } seatsLeft } } }`;
  for (let i = 0; i < 4; i++) await submitted(await newApplicant(HOME), o);
  const four = await gqlDataAs(statistician, STATS, { id: o.id });
  expect(four.offering.applicationStats).toEqual({ applicants: { value: null, suppressed: true }, granted: { value: 0, suppressed: false }, seatsLeft: 10 });
  await submitted(await newApplicant(HOME), o);
  const five = await gqlDataAs(statistician, STATS, { id: o.id });
  expect(five.offering.applicationStats.applicants).toEqual({ value: 5, suppressed: false });
  // Anonymous callers see the catalogue but no figures about people.
  const anonymous = await gqlAs(undefined, STATS, { id: o.id });
  expect(anonymous.data.offering.applicationStats).toBeNull();
  expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
});

it('keeps the personal identity number sealed: no column of the raw row holds it in any form', async () => {
  const applicant = await newApplicant(HOME);
  const [row] = await sql('applications', 'SELECT * FROM applicants WHERE id = $1', [applicant.id]);
  expect(row).toBeDefined();
  const [date, serial] = applicant.personalIdentityNumber.split('-') as [string, string];
  const forms = [`${date}-${serial}`, `${date}${serial}`, `${date.slice(2)}-${serial}`, `${date.slice(2)}${serial}`];
  for (const value of Object.values(row as Record<string, unknown>)) {
    const texts = Buffer.isBuffer(value) ? [value.toString('latin1'), value.toString('hex')] : [JSON.stringify(value)];
    for (const text of texts) for (const form of forms) expect(text).not.toContain(form);
  }
  expect(Buffer.isBuffer(row.pin_sealed) && row.pin_sealed.length).toBeGreaterThan(28);
});

it('leaves the catalogue’s cached answers in the cache when applications are submitted', async () => {
  const o = await open(10);
  const read = async (query: string) => {
    const res = await fetch(`${gatewayUrl()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { age: res.headers.get('age'), body: await res.json() };
  };
  const page = `{ offering(id: "${o.id}") { id title seats } }`;
  const search = `{ offerings(filter: { municipalities: ["${ORGANISER}"], text: "${randomUUID().slice(0, 8)}" }, first: 1) { totalCount } }`;
  await read(page);
  await read(search);
  expect((await read(page)).age).not.toBeNull();
  for (let i = 0; i < 3; i++) expect((await submit(await newApplicant(HOME), o.id)).errors).toBeUndefined();
  expect((await read(page)).age).not.toBeNull();
  expect((await read(search)).age).not.toBeNull();
  // Enrolling takes a seat the catalogue shows: that offering's page goes, the search stays.
  const id = await granted(await newApplicant(HOME), o);
  await gqlDataAs(await token({ role: 'provider', provider: o.providerId }), PLACE, { id, outcome: 'ENROLLED' });
  expect((await read(page)).age).toBeNull();
  expect((await read(search)).age).not.toBeNull();
});
