import 'reflect-metadata';
import { Writable } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import { Arg, Field, InputType, Int, Query, Resolver } from 'type-graphql';
import { ANONYMOUS } from '../common/auth/roles';
import { queryLimitsConfig } from '../common/config';
import { PersonalDataInputError } from '../common/errors';
import { createLogger } from '../common/logger';
import { buildFederatedSchema } from '../subgraphs/kit/federation';
import {
  PersonalIdentityNumberScalar,
  parsePersonalIdentityNumber,
  personalIdentityNumberScalar,
} from '../subgraphs/kit/personal-identity-number';
import { CacheTags } from '../subgraphs/kit/cache-tags';
import { createSubgraphApollo } from '../subgraphs/kit/server';
import { testNumber } from './support/personal-numbers';

const short = (n: string, separator = '-') => n.slice(2).replace('-', separator);

const TODAY = '2025-06-15';

describe('parsePersonalIdentityNumber', () => {
  const valid: [string, string, string, string, boolean][] = [
    // description, input, normalized, birth date, coordination number
    ['the well-known test number', '19121212-1212', '19121212-1212', '1912-12-12', false],
    ['12 digits without a separator', '191212121212', '19121212-1212', '1912-12-12', false],
    ['10 digits with +: 100 or older', '121212+1212', '19121212-1212', '1912-12-12', false],
    ['10 digits with -: under 100', '121212-1212', '20121212-1212', '2012-12-12', false],
    ['10 digits without a separator', '1212121212', '20121212-1212', '2012-12-12', false],
    ['surrounding spaces', ' 19121212-1212 ', '19121212-1212', '1912-12-12', false],
    ['leap day 2000', testNumber('20000229'), testNumber('20000229'), '2000-02-29', false],
    ['leap day, 10 digits', short(testNumber('20000229')), testNumber('20000229'), '2000-02-29', false],
    ['samordningsnummer', testNumber('19121272'), testNumber('19121272'), '1912-12-12', true],
    ['samordningsnummer on the 31st', testNumber('19120191'), testNumber('19120191'), '1912-01-31', true],
    ['samordningsnummer, 10 digits', short(testNumber('20100361')), testNumber('20100361'), '2010-03-01', true],
    ['born today', testNumber('20250615'), testNumber('20250615'), '2025-06-15', false],
    // Born 1925-06-15: 99 until 2025-06-14, 100 on 2025-06-15.
    ['- the day before a 100th birthday', short(testNumber('19250616')), testNumber('19250616'), '1925-06-16', false],
    ['+ on the 100th birthday', short(testNumber('19250615'), '+'), testNumber('19250615'), '1925-06-15', false],
    ['- on the day of birth: a newborn', short(testNumber('20250615')), testNumber('20250615'), '2025-06-15', false],
    ['- born yesterday', short(testNumber('20250614')), testNumber('20250614'), '2025-06-14', false],
    ['+ the day before a 100th birthday: 199', short(testNumber('18250616'), '+'), testNumber('18250616'), '1825-06-16', false],
  ];
  it.each(valid)('accepts %s', (_d, input, normalized, birthDate, coordinationNumber) => {
    expect(parsePersonalIdentityNumber(input, TODAY)).toEqual({ normalized, birthDate, coordinationNumber });
  });

  it('judges the separator by the reference day', () => {
    const n = short(testNumber('19250615'));
    expect(parsePersonalIdentityNumber(n, '2025-06-14').birthDate).toBe('1925-06-15');
    expect(parsePersonalIdentityNumber(n, '2025-06-15').birthDate).toBe('2025-06-15');
  });

  const invalid: [string, string, string][] = [
    ['a wrong check digit', '19121212-1213', 'the check digit does not match'],
    ['a wrong check digit, 10 digits', '121212-1213', 'the check digit does not match'],
    ['a samordningsnummer with a personnummer check digit', '19121272-1212', 'the check digit does not match'],
    ['month 13', testNumber('19121312'), 'not a real date'],
    ['month 00', testNumber('19120012'), 'not a real date'],
    ['April 31st', testNumber('19120431'), 'not a real date'],
    ['day 00', testNumber('19120100'), 'not a real date'],
    ['February 29th 1900', testNumber('19000229'), 'not a real date'],
    ['February 29th 2023', testNumber('20230229'), 'not a real date'],
    ['samordningsnummer day 92', testNumber('19120192'), 'not a real date'],
    ['samordningsnummer February 30th', testNumber('19120290'), 'not a real date'],
    ['day 60', testNumber('19120160'), 'not a real date'],
    ['February 29th, 10 digits, the latest such year not a leap year', short(testNumber('19230229')), 'not a real date'],
    ['12 digits with +', '19121212+1212', "not '+'"],
    ['a birth date tomorrow', testNumber('20250616'), 'in the future'],
    ['a samordningsnummer in the future', testNumber('20260175'), 'in the future'],
    ['empty', '', 'use YYYYMMDD-NNNN'],
    ['11 digits', '19121212121', 'use YYYYMMDD-NNNN'],
    ['13 digits', '1912121212120', 'use YYYYMMDD-NNNN'],
    ['9 digits with a separator', '12121-1212', 'use YYYYMMDD-NNNN'],
    ['a space as separator', '19121212 1212', 'use YYYYMMDD-NNNN'],
    ['two separators', '19121212--1212', 'use YYYYMMDD-NNNN'],
    ['a separator in the wrong place', '1912121-21212', 'use YYYYMMDD-NNNN'],
    ['letters', '1912121A-1212', 'use YYYYMMDD-NNNN'],
    ['other digits', '١٩١٢١٢١٢-١٢١٢', 'use YYYYMMDD-NNNN'],
  ];
  it.each(invalid)('refuses %s, without quoting it', (_d, input, reason) => {
    let error: unknown;
    try {
      parsePersonalIdentityNumber(input, TODAY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PersonalDataInputError);
    const message = (error as Error).message;
    expect(message).toContain(reason);
    if (input.trim()) expect(message).not.toContain(input.trim());
    const digits = input.replace(/\D/g, '');
    if (digits) expect(message).not.toContain(digits.slice(-10));
  });
});

@InputType()
class ApplicantInput {
  @Field(() => PersonalIdentityNumberScalar)
  number!: string;

  @Field(() => Int, { nullable: true })
  age?: number;
}

@Resolver()
class NumberResolver {
  @Query(() => PersonalIdentityNumberScalar)
  check(@Arg('number', () => PersonalIdentityNumberScalar) number: string): string {
    return number;
  }

  @Query(() => [PersonalIdentityNumberScalar])
  checkAll(@Arg('numbers', () => [PersonalIdentityNumberScalar]) numbers: string[]): string[] {
    return numbers;
  }

  /** A resolver that parses a number itself, from a plain String. */
  @Query(() => String, { nullable: true })
  parseText(@Arg('text') text: string): string {
    return parsePersonalIdentityNumber(text).birthDate;
  }

  @Query(() => PersonalIdentityNumberScalar)
  apply(@Arg('applicant', () => ApplicantInput) applicant: ApplicantInput): string {
    return applicant.number;
  }
}

describe('the PersonalIdentityNumber scalar in a subgraph', () => {
  const lines: string[] = [];
  const logger = createLogger(
    'test',
    new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  logger.level = 'trace';
  let apollo: ApolloServer<any>;

  beforeAll(async () => {
    const schema = buildFederatedSchema({ resolvers: [NumberResolver] });
    apollo = createSubgraphApollo(schema, logger, queryLimitsConfig({}));
    await apollo.start();
  });
  afterAll(() => apollo?.stop());

  async function run(query: string, variables?: Record<string, unknown>) {
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: { requestId: 'test', viewer: ANONYMOUS, logger, db: undefined, loaders: {}, rawAggregates: false, cacheTags: new CacheTags('test') } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, result: response.body.singleResult, json: JSON.stringify(response.body) };
  }

  /** Every way the number could be written: as given, its digits, its last 10 digits and YYMMDD-NNNN. */
  function expectNowhere(text: string, input: string) {
    const digits = input.replace(/\D/g, '');
    for (const form of [input, digits, digits.slice(-10), `${digits.slice(-10, -4)}-${digits.slice(-4)}`]) {
      expect(text).not.toContain(form);
    }
  }

  const WRONG_CHECK = '19121212-1213';
  const FUTURE = testNumber('20990101', '982');
  const NOT_A_DATE = testNumber('19121232', '983');

  it('gives resolvers and clients the normalised form', async () => {
    const { result } = await run(
      `query($n: PersonalIdentityNumber!) { check(number: $n) checkAll(numbers: ["191212121212", "121212+1212"]) }`,
      { n: '121212+1212' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ check: '19121212-1212', checkAll: ['19121212-1212', '19121212-1212'] });
  });

  const cases: [string, string, Record<string, unknown> | undefined, string, string][] = [
    [
      'a variable',
      'query($n: PersonalIdentityNumber!) { check(number: $n) }',
      { n: WRONG_CHECK },
      WRONG_CHECK,
      'Invalid personal identity number in variable "$n": the check digit does not match.',
    ],
    [
      'a literal',
      `{ check(number: "${WRONG_CHECK}") }`,
      undefined,
      WRONG_CHECK,
      'Invalid personal identity number in argument "number" of field "check": the check digit does not match.',
    ],
    [
      'a list variable',
      'query($ns: [PersonalIdentityNumber!]!) { checkAll(numbers: $ns) }',
      { ns: ['19121212-1212', FUTURE] },
      FUTURE,
      'Invalid personal identity number in variable "$ns[1]": its birth date lies in the future.',
    ],
    [
      'a list literal',
      `{ checkAll(numbers: ["19121212-1212", "${FUTURE}"]) }`,
      undefined,
      FUTURE,
      'Invalid personal identity number in argument "numbers[1]" of field "checkAll": its birth date lies in the future.',
    ],
    [
      'an input object variable',
      'query($a: ApplicantInput!) { apply(applicant: $a) }',
      { a: { number: NOT_A_DATE, age: 40 } },
      NOT_A_DATE,
      'Invalid personal identity number in variable "$a.number": its birth date is not a real date.',
    ],
    [
      'an input object literal',
      `{ apply(applicant: { age: 40, number: "${NOT_A_DATE}" }) }`,
      undefined,
      NOT_A_DATE,
      'Invalid personal identity number in argument "applicant.number" of field "apply": its birth date is not a real date.',
    ],
    [
      "a variable's default value",
      `query($n: PersonalIdentityNumber = "${WRONG_CHECK}") { check(number: $n) }`,
      undefined,
      WRONG_CHECK,
      'Invalid personal identity number in the default value of variable "$n": the check digit does not match.',
    ],
    [
      'a variable of the wrong type',
      'query($n: PersonalIdentityNumber!) { check(number: $n) }',
      { n: 191212121213 },
      '191212121213',
      'Invalid personal identity number in variable "$n": it must be a string such as "YYYYMMDD-NNNN".',
    ],
  ];
  it.each(cases)('refuses a bad number in %s with BAD_USER_INPUT, never quoting it', async (_d, query, variables, bad, message) => {
    const { status, result, json } = await run(query, variables);
    expect(result.data).toBeUndefined();
    expect(status).toBe(400);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(result.errors![0]!.message).toBe(message);
    expectNowhere(json, bad);
  });

  it('keeps a valid number out of the message about another field of the same input', async () => {
    const refusals: [Record<string, unknown>, string][] = [
      [
        { number: '19121212-1212', age: 'forty' },
        'Variable "$a" got an invalid value at "a.age"; Int cannot represent non-integer value: "forty"',
      ],
      [
        { number: '19121212-1212', nickname: 'x' },
        'Variable "$a" got an invalid value; Field "nickname" is not defined by type "ApplicantInput".',
      ],
    ];
    for (const [a, message] of refusals) {
      const { result, json } = await run('query($a: ApplicantInput!) { apply(applicant: $a) }', { a });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.message).toBe(message);
      expectNowhere(json, '19121212-1212');
    }
  });

  it('refuses a number a resolver parses itself in the same way', async () => {
    const { result, json } = await run('query($t: String!) { parseText(text: $t) }', { t: WRONG_CHECK });
    expect(result.data).toEqual({ parseText: null });
    expect(result.errors).toEqual([
      {
        message: 'Invalid personal identity number: the check digit does not match.',
        locations: [{ line: 1, column: 22 }],
        path: ['parseText'],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    expectNowhere(json, WRONG_CHECK);
  });

  it('does not serialise an invalid stored value, nor say what it was', async () => {
    const scalar = personalIdentityNumberScalar(() => TODAY);
    expect(scalar.serialize('121212+1212')).toBe('19121212-1212');
    expect(() => scalar.serialize(WRONG_CHECK)).toThrow('A stored personal identity number is not valid.');
  });

  it('logged the requests, and no number', () => {
    expect(lines.some((l) => l.includes('graphql request'))).toBe(true);
    for (const bad of [WRONG_CHECK, FUTURE, NOT_A_DATE, '19121212-1212']) expectNowhere(lines.join('\n'), bad);
  });
});
