import { sql } from './support/db';
import { errorCodes, gqlAs } from './support/graphql';
import { token } from './support/tokens';

/** Changing an offering through the gateway: bad input is refused whole, nothing half-written. */

const UPDATE = `mutation($id: ID!, $input: OfferingUpdate!) {
  updateOffering(id: $id, input: $input) { id seats description applicationOpens applicationCloses } }`;

let admin: string;
let offering: { id: string; seats: number; description: string; application_opens: string; application_closes: string; end_date: string };

const current = async () =>
  (await sql<typeof offering>(
    'offerings',
    `SELECT id, seats, description, application_opens::text, application_closes::text, end_date::text FROM offerings WHERE id = $1`,
    [offering.id],
  ))[0]!;

beforeAll(async () => {
  admin = await token({ role: 'admin' });
  [offering] = (await sql<typeof offering>(
    'offerings',
    `SELECT id, seats, description, application_opens::text, application_closes::text, end_date::text
       FROM offerings WHERE municipality_code = '0186' AND seats_taken = 0 AND cancelled_at IS NULL ORDER BY id LIMIT 1`,
  )) as [typeof offering];
});

afterAll(async () => {
  await sql(
    'offerings',
    'UPDATE offerings SET seats = $2, description = $3, application_opens = $4, application_closes = $5 WHERE id = $1',
    [offering.id, offering.seats, offering.description, offering.application_opens, offering.application_closes],
  );
});

it.each([
  ['no change at all', {}, /at least one/],
  ['negative seats', { seats: -1 }, /between 0 and 10000/],
  ['a blank description', { description: '   ' }, /blank/],
  ['a NUL in the description', { description: 'a\u0000b' }, /NUL/],
  ['clearing the seats', { seats: null }, /cannot be cleared/],
  ['a window that opens after it closes', { applicationOpens: '2031-05-01', applicationCloses: '2031-04-01', seats: 3 }, /would open .* after it closes/],
  ['applications closing after the end', { applicationCloses: '2099-01-01' }, /after the offering ends/],
])('refuses %s with BAD_USER_INPUT and changes nothing', async (_what, input, message) => {
  const before = await current();
  const answer = await gqlAs(admin, UPDATE, { id: offering.id, input });
  expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
  expect(answer.errors![0]!.message).toMatch(message);
  expect(answer.data).toBeNull();
  expect(await current()).toEqual(before);
});

it('answers NOT_FOUND for an offering that does not exist', async () => {
  const answer = await gqlAs(admin, UPDATE, { id: '0186-999999', input: { seats: 3 } });
  expect(errorCodes(answer)).toEqual(['NOT_FOUND']);
});

it('changes the application window and description together, and the catalogue shows it', async () => {
  const input = { applicationOpens: offering.application_opens, applicationCloses: offering.end_date, description: 'Ny beskrivning.' };
  const answer = await gqlAs(admin, UPDATE, { id: offering.id, input });
  expect(answer.errors).toBeUndefined();
  expect(answer.data.updateOffering).toEqual({ id: offering.id, seats: offering.seats, ...input });
  const read = await gqlAs(undefined, `{ offering(id: "${offering.id}") { description applicationCloses } }`);
  expect(read.data.offering).toEqual({ description: 'Ny beskrivning.', applicationCloses: offering.end_date });
});
