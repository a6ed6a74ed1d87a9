import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { DEFAULT_QUERY_LIMITS, queryLimitRules, type QueryLimits } from '../common/query-limits';

/** The gateway's API schema, from the composed supergraph. */
const schema = Supergraph.build(readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

const check = (query: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): readonly GraphQLError[] =>
  validate(schema, parse(query), [...specifiedRules, ...queryLimitRules(limits)]);

const messages = (query: string) => check(query).map((e) => e.message);

/** Depth, aliases and cost as the rule measures them, read from its messages with every limit at zero. */
function measure(query: string): { depth: number; aliases: number; cost: number } {
  const errors = check(query, { ...DEFAULT_QUERY_LIMITS, maxDepth: 0, maxAliases: 0, maxCost: 0 });
  const num = (re: RegExp) => {
    const found = errors.map((e) => re.exec(e.message)).find((m) => m);
    return found ? Number(found[1]!.replace(/,/g, '')) : 0;
  };
  return {
    depth: num(/^Query depth ([\d,]+) exceeds/),
    aliases: num(/^Query uses ([\d,]+) aliases/),
    cost: num(/^Query cost ([\d,]+) exceeds/),
  };
}

const costMessage = (cost: string) =>
  `Query cost ${cost} exceeds the limit of 10,000: list fields count once per item they may return ` +
  '(first: or 10 when a list has no first:); ask for smaller pages or fewer nested lists.';

const realistic = {
  search:
    '{ offerings(filter: { text: "svenska", municipalities: ["0180", "0182"], studyModes: [DISTANCE, HYBRID], openForApplication: true } orderBy: RELEVANCE first: 20) { totalCount pageInfo { hasNextPage endCursor } facets { schoolForms { value count } municipalities { municipality { code name } count } studyModes { value count } } edges { cursor node { id title startDate pace studyMode provider { name } municipality { name } } } } }',
  detail:
    '{ offering(id: "0180-000028") { title description startDate endDate applicationOpens applicationCloses seats pace language openForApplication course { code name points schoolForm vocationalPackages } provider { name organisationNumber gradingRights } site { name streetAddress postalCode city coordinates { latitude longitude } } municipality { name } } }',
  overview:
    '{ municipalities { code name ownSchools offerings(first: 3) { totalCount edges { node { title } } } } providers(filter: { municipalities: ["0182"], schoolForms: [SFI], kinds: [EXTERNAL] }, first: 10) { totalCount edges { node { name sites { city } contracts { municipality { name } procurementModel schoolForms validFrom validTo } } } } }',
  page100:
    '{ offerings(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title startDate endDate pace studyMode seats openForApplication provider { id name gradingRights } municipality { code name } site { name city } course { code name points schoolForm } } } } }',
};

/** As in the brief, with the one closing brace it lacked. */
const bomb =
  '{ municipalities { offerings(first: 100) { edges { node { provider { offerings(first: 100) { edges { node { provider { offerings(first: 100) { edges { node { id } } } } } } } } } } } } }';

describe('realistic catalogue queries', () => {
  it.each(Object.entries(realistic))('%s passes every rule', (_name, query) => {
    expect(check(query)).toEqual([]);
  });

  it('measures them as documented', () => {
    expect(measure(realistic.search)).toEqual({ depth: 5, aliases: 0, cost: 2001 });
    expect(measure(realistic.detail)).toEqual({ depth: 4, aliases: 0, cost: 31 });
    expect(measure(realistic.overview)).toEqual({ depth: 6, aliases: 0, cost: 922 });
    expect(measure(realistic.page100)).toEqual({ depth: 5, aliases: 0, cost: 3001 });
  });
});

describe('cost', () => {
  it('counts a connection’s items by first:, edges once and nested objects once', () => {
    // offerings 1 + 20 × (edges 1 + node (1 + id 1 + provider (1 + name 1)))
    expect(measure('{ offerings(first: 20) { edges { node { id provider { name } } } } }').cost).toBe(1 + 20 * (1 + (1 + 1 + (1 + 1))));
  });

  it('uses the schema’s default first: (20) when none is given, and 10 for plain lists', () => {
    expect(measure('{ offerings { totalCount } }').cost).toBe(1 + 20 * 1);
    expect(measure('{ municipalities { code name } }').cost).toBe(1 + 10 * 2);
    expect(measure('{ offerings(first: 0) { edges { node { id } } } }').cost).toBe(1);
  });

  it('refuses the nested bomb, once per operation', () => {
    const errors = check(bomb);
    const cost = errors.filter((e) => e.message.startsWith('Query cost'));
    expect(cost.map((e) => e.message)).toEqual([costMessage('30,404,011')]);
    expect(cost[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // 13 levels deep as well
    expect(errors.map((e) => e.message)).toContain('Query depth 13 exceeds the limit of 10; ask for fewer nested levels.');
    expect(errors).toHaveLength(2);
  });

  it('refuses a bomb that stays within the depth limit on cost alone', () => {
    const errors = check('{ offerings(first: 100) { edges { node { provider { offerings(first: 100) { edges { node { provider { name } } } } } } } } }');
    expect(errors.map((e) => e.message)).toEqual([costMessage('40,401')]);
    expect(errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses the same bomb through named fragments', () => {
    const query = `
      query Bomb { municipalities { offerings(first: 100) { ...Page } } }
      fragment Page on OfferingConnection { edges { node { provider { ...ProviderOfferings } } } }
      fragment ProviderOfferings on Provider { offerings(first: 100) { edges { node { provider { offerings(first: 100) { ...Ids } } } } } }
      fragment Ids on OfferingConnection { edges { node { id } } }`;
    expect(messages(query)).toEqual(['Query depth 13 exceeds the limit of 10; ask for fewer nested levels.', costMessage('30,404,011')]);
  });

  it('counts a fragment spread many times each time, without walking it each time', () => {
    // 2^40 spreads of Leaf: counted (capped), measured in one walk per fragment
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Offering { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const query = `{ offering(id: "x") { ...F0 } }\n${levels}\nfragment F40 on Offering { id }`;
    const started = Date.now();
    expect(messages(query)).toEqual([costMessage(Number(1 + 2 ** 40).toLocaleString('en-US'))]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('counts a variable first: as the largest page, whatever its default: a caller may send any value', () => {
    const nested = (header: string) =>
      `query Nested${header} { offerings(first: $n) { edges { node { provider { offerings(first: $n) { edges { node { id } } } } } } } }`;
    expect(messages(nested('($n: Int = 100)'))).toEqual([costMessage('30,401')]);
    expect(messages(nested('($n: Int = 2)'))).toEqual([costMessage('30,401')]);
    expect(messages(nested('($n: Int)'))).toEqual([costMessage('30,401')]);
    // One level of variable pages is a normal catalogue query.
    expect(check('query Page($n: Int) { offerings(first: $n) { edges { node { id title provider { name } } } } }')).toEqual([]);
  });

  it('counts a list field without first: by the schema’s default page size', () => {
    expect(measure('{ offerings { edges { node { id } } } }').cost).toBe(1 + 20 * (1 + (1 + 1)));
  });

  it('refuses a variable first: with default 100 in nested lists', () => {
    const errors = check(
      'query Lists($n: Int = 100) { municipalities { offerings(first: $n) { edges { node { provider { offerings(first: $n) { edges { node { id } } } } } } } } }',
    );
    expect(errors.map((e) => e.message)).toEqual([costMessage('304,011')]);
    expect(errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('caps huge costs instead of overflowing', () => {
    const deep = `{ offerings(first: 2000000000) { edges { node { provider { offerings(first: 2000000000) { edges { node { provider { offerings(first: 2000000000) { totalCount } } } } } } } } } }`;
    expect(messages(deep)).toEqual([
      'Query cost over 9,007,199,254,740,991 exceeds the limit of 10,000: list fields count once per item they may return ' +
        '(first: or 10 when a list has no first:); ask for smaller pages or fewer nested lists.',
    ]);
  });
});

describe('depth', () => {
  it('counts nested field levels', () => {
    expect(measure('{ offering(id: "x") { title } }').depth).toBe(2);
    expect(measure('{ offering(id: "x") { course { name } } }').depth).toBe(3);
  });

  it('refuses a deep but cheap query on depth alone', () => {
    // 14 levels, one item per list
    const deep =
      '{ offering(id: "x") { provider { offerings(first: 1) { edges { node { provider { offerings(first: 1) { edges { node { provider { offerings(first: 1) { edges { node { id } } } } } } } } } } } } } }';
    const errors = check(deep);
    expect(errors.map((e) => e.message)).toEqual(['Query depth 14 exceeds the limit of 10; ask for fewer nested levels.']);
    expect(errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('does not count introspection or __typename', () => {
    const introspection = '{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } } }';
    expect(check(introspection)).toEqual([]);
    expect(check(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
    expect(measure(introspection)).toEqual({ depth: 0, aliases: 0, cost: 0 });
    expect(measure('{ __typename offering(id: "x") { __typename title } }')).toEqual({ depth: 2, aliases: 0, cost: 2 });
  });
});

describe('aliases', () => {
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `o${i}: offering(id: "0180-${i}") { title }`).join(' ')} }`;

  it('allows 20', () => {
    expect(check(aliased(20))).toEqual([]);
  });

  it('refuses 21 or more', () => {
    const errors = check(aliased(21));
    expect(errors.map((e) => e.message)).toEqual(['Query uses 21 aliases; the limit is 20.']);
    expect(errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(messages(aliased(35))).toEqual(['Query uses 35 aliases; the limit is 20.']);
  });

  it('counts aliases in a fragment each time it is spread', () => {
    const query = `{ offering(id: "x") { ...A ...A ...A } } fragment A on Offering { t1: title t2: title t3: title t4: title t5: title t6: title t7: title }`;
    expect(messages(query)).toEqual(['Query uses 21 aliases; the limit is 20.']);
  });
});

describe('documents', () => {
  it('checks every operation, reporting on the one over the limit', () => {
    const errors = check(`query Fine { offering(id: "x") { title } } query Bomb ${bomb}`);
    expect(errors.map((e) => e.message)).toEqual(['Query depth 13 exceeds the limit of 10; ask for fewer nested levels.', costMessage('30,404,011')]);
    expect(errors.every((e) => e.locations?.[0]?.column === 44)).toBe(true);
  });

  it('does not hang on a fragment cycle; graphql reports it', () => {
    const query = `{ offerings { ...Page } } fragment Page on OfferingConnection { edges { node { provider { offerings { ...Page } } } } }`;
    expect(messages(query)).toEqual(['Cannot spread fragment "Page" within itself.']);
  });

  it('ignores unknown fields and fragments, which other rules report', () => {
    expect(messages('{ offering(id: "x") { nope { deeper } ...Missing } }')).toEqual([
      'Cannot query field "nope" on type "Offering".',
      'Unknown fragment "Missing".',
    ]);
  });

  it('looks through inline fragments', () => {
    expect(measure('{ offering(id: "x") { ... on Offering { provider { name } } ... { title } } }')).toEqual({ depth: 3, aliases: 0, cost: 4 });
  });
});
