import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  type FragmentDefinitionNode,
  type GraphQLError,
  Kind,
  type OperationDefinitionNode,
  getIntrospectionQuery,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import {
  DEFAULT_QUERY_LIMITS,
  type Measure,
  type QueryLimits,
  costRefusal,
  measureOperation,
  queryLimitRules,
} from '../common/query-limits';

/** The gateway's API schema, from the composed supergraph. */
const schema = Supergraph.build(readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();


/** Every refusal an operation document meets: graphql's rules, depth and aliases, then cost with the variables. */
function check(query: string, variables: Record<string, unknown> = {}, limits: QueryLimits = DEFAULT_QUERY_LIMITS): GraphQLError[] {
  const document = parse(query);
  const errors = [...validate(schema, document, [...specifiedRules, ...queryLimitRules(limits)])];
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const refused = costRefusal(schema, document, def, variables, limits);
    if (refused) errors.push(refused);
  }
  return errors;
}

const messages = (query: string, variables?: Record<string, unknown>) => check(query, variables).map((e) => e.message);

/** Depth, aliases and cost of a one-operation document, as the limits measure them; `lookedUp` is told of each fragment the walk asks for. */
function measure(query: string, variables: Record<string, unknown> = {}, lookedUp: (name: string) => void = () => {}): Measure {
  const document = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragmentNamed = (name: string) => {
    lookedUp(name);
    return fragments.get(name);
  };
  return measureOperation(schema, fragmentNamed, operation, DEFAULT_QUERY_LIMITS, variables);
}

const costMessage = (cost: string) =>
  `Query cost ${cost} exceeds the limit of 10,000: each field counts once per item its enclosing lists may return ` +
  "(a connection's edges by its first:, other lists 30); ask for smaller pages or fewer nested lists.";

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
  it.each(Object.entries(realistic))('%s passes every limit', (_name, query) => {
    expect(check(query)).toEqual([]);
  });

  it('measures them as documented', () => {
    expect(measure(realistic.search)).toEqual({ depth: 5, aliases: 0, cost: 470 });
    expect(measure(realistic.detail)).toEqual({ depth: 4, aliases: 0, cost: 31 });
    expect(measure(realistic.overview)).toEqual({ depth: 6, aliases: 0, cost: 2504 });
    expect(measure(realistic.page100)).toEqual({ depth: 5, aliases: 0, cost: 2506 });
  });
});

describe('cost', () => {
  it('counts a connection’s edges by first:, the rest of it once', () => {
    // offerings 1 + (edges 1 + 20 × node (1 + id 1 + provider (1 + name 1)))
    expect(measure('{ offerings(first: 20) { edges { node { id provider { name } } } } }').cost).toBe(1 + (1 + 20 * (1 + 1 + (1 + 1))));
    // totalCount and pageInfo run once however large the page
    expect(measure('{ offerings(first: 100) { totalCount pageInfo { hasNextPage } } }').cost).toBe(1 + 1 + (1 + 1));
  });

  it('uses the schema’s default first: (20) when none is given, and 30 for plain lists', () => {
    expect(measure('{ offerings { edges { node { id } } } }').cost).toBe(1 + (1 + 20 * (1 + 1)));
    expect(measure('{ municipalities { code name } }').cost).toBe(1 + 30 * 2);
    expect(measure('{ offerings(first: 0) { edges { node { id } } } }').cost).toBe(2);
  });

  it('still counts what runs under first: 0 (facets, totalCount)', () => {
    const alias = (i: number) =>
      `a${i}: offerings(first: 0) { facets { municipalities { municipality { offerings(first: 100) { edges { node { id title } } } } } } }`;
    const query = `{ ${Array.from({ length: 20 }, (_, i) => alias(i)).join(' ')} }`;
    expect(messages(query)).toEqual([costMessage('181,860')]);
  });

  it('refuses the nested bomb, once per operation, on depth and cost', () => {
    const errors = check(bomb);
    expect(errors.map((e) => e.message)).toEqual([
      'Query depth 13 exceeds the limit of 10; ask for fewer nested levels.',
      costMessage('61,212,061'),
    ]);
    expect(errors.every((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
  });

  it('refuses a bomb that stays within the depth limit on cost alone', () => {
    const errors = check('{ offerings(first: 100) { edges { node { provider { offerings(first: 100) { edges { node { provider { name } } } } } } } } }');
    expect(errors.map((e) => e.message)).toEqual([costMessage('30,402')]);
  });

  it('refuses the same bomb through named fragments', () => {
    const query = `
      query Bomb { municipalities { offerings(first: 100) { ...Page } } }
      fragment Page on OfferingConnection { edges { node { provider { ...ProviderOfferings } } } }
      fragment ProviderOfferings on Provider { offerings(first: 100) { edges { node { provider { offerings(first: 100) { ...Ids } } } } } }
      fragment Ids on OfferingConnection { edges { node { id } } }`;
    expect(messages(query)).toEqual(['Query depth 13 exceeds the limit of 10; ask for fewer nested levels.', costMessage('61,212,061')]);
  });

  it('counts a fragment spread many times each time, without walking it each time', () => {
    // 2^40 spreads of Leaf: counted (capped), measured in one walk per fragment
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Offering { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const query = `{ offering(id: "x") { ...F0 } }\n${levels}\nfragment F40 on Offering { id }`;
    // Each of the 41 fragments looked up (and walked) once; one walk per spread would be 2^40.
    // A second look-up stops the walk at once rather than after hours.
    const seen = new Set<string>();
    measure(query, {}, (name) => {
      if (seen.has(name)) throw new Error(`fragment ${name} walked again`);
      seen.add(name);
    });
    expect(seen.size).toBe(41);
    expect(messages(query)).toEqual([costMessage(Number(1 + 2 ** 40).toLocaleString('en-US'))]);
  });

  it('counts first: $variable as the value sent, else the operation’s default, else the schema’s', () => {
    const nested = `query Nested($n: Int = 100) { offerings(first: $n) { edges { node { provider {
      offerings(first: $n) { edges { node { id } } } } } } } }`;
    expect(messages(nested)).toEqual([costMessage('20,402')]);
    expect(messages(nested, { n: 100 })).toEqual([costMessage('20,402')]);
    expect(messages(nested, { n: 10 })).toEqual([]);
    expect(measure(nested, { n: 10 }).cost).toBe(1 + (1 + 10 * (1 + (1 + (1 + (1 + 10 * (1 + 1)))))));
    const noDefault = nested.replace('$n: Int = 100', '$n: Int');
    expect(measure(noDefault).cost).toBe(measure(nested, { n: 20 }).cost);
  });

  it('counts _entities by the representations it is sent', () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { offerings(first: 100) {
      edges { node { id title description } } } } } }`;
    const r = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Municipality', code: '0180' }));
    const subgraph = buildSubgraphSchema({ typeDefs: parse(readFileSync(join(__dirname, '..', 'schema', 'offerings.graphql'), 'utf8')) });
    const cost = (n: number) => {
      const document = parse(query);
      const op = document.definitions[0] as OperationDefinitionNode;
      return costRefusal(subgraph, document, op, { r: r(n) }, DEFAULT_QUERY_LIMITS)?.message;
    };
    expect(cost(20)).toBeUndefined();
    expect(cost(5000)).toBe(costMessage('2,010,001'));
  });

  it('counts a first: above the largest page as the largest page, and leaves the refusal to the list', () => {
    expect(measure('{ offerings(first: 1000) { edges { node { id } } } }').cost).toBe(1 + (1 + 100 * 2));
    expect(measure('query($n: Int) { offerings(first: $n) { edges { node { id } } } }', { n: 2_000_000_000 }).cost).toBe(202);
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
    expect(errors.map((e) => e.message)).toEqual(['Query depth 13 exceeds the limit of 10; ask for fewer nested levels.', costMessage('61,212,061')]);
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
