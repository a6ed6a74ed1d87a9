/**
 * The queries the sharded region must answer exactly as the one-instance region does
 * (test/sharding.e2e.test.ts). Each entry is asked of both gateways and the JSON compared
 * byte for byte; `pages` entries follow `pageInfo.endCursor` to the end. Add an entry to
 * cover a new field or filter. `$own` and `$default` stand for an offering id of a
 * municipality on its own instance and of one on the default instance.
 */
export interface CorpusEntry {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Who asks: anonymous unless given. */
  as?: 'statistician' | 'admin' | 'officer-own' | 'officer-default' | 'provider';
  /** Follow this connection (a path of field names) to its last page. */
  pages?: string[];
}

export interface CorpusIds {
  ownOffering: string;
  otherOwnOffering: string;
  defaultOffering: string;
  provider: string;
  term: string;
  pastTerm: string;
  own: string;
  otherOwn: string;
  defaultMunicipality: string;
}

const NODE = 'id title startDate pace studyMode schoolForm municipality { code } provider { id }';
const PAGE = (args: string) => `query($after: String) { offerings(${args}, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${NODE} } } } }`;
const FACETS = 'facets { schoolForms { value count } municipalities { municipality { code } count } studyModes { value count } }';

export function corpus(ids: CorpusIds): CorpusEntry[] {
  const { own, otherOwn, defaultMunicipality: dm } = ids;
  return [
    // The catalogue: every filter and order, paging to the end.
    { name: 'first page, default order', query: `{ offerings { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } } } }` },
    { name: 'start date to the end, three municipalities', query: PAGE(`filter: { municipalities: ["${own}", "${otherOwn}", "${dm}"], schoolForms: [SFI] }, first: 40`), pages: ['offerings'] },
    { name: 'title order to the end', query: PAGE(`filter: { municipalities: ["${own}", "${dm}"], schoolForms: [BASIC, SPECIAL] }, orderBy: TITLE, first: 30`), pages: ['offerings'] },
    { name: 'relevance to the end', query: PAGE(`filter: { text: "matematik", municipalities: ["${own}", "${otherOwn}", "0138"] }, orderBy: RELEVANCE, first: 25`), pages: ['offerings'] },
    { name: 'relevance, whole region, facets', query: `{ offerings(filter: { text: "svenska" }, orderBy: RELEVANCE, first: 20) { totalCount ${FACETS} edges { cursor node { ${NODE} } } } }` },
    { name: 'facets of the whole catalogue', query: `{ offerings(first: 0) { totalCount ${FACETS} pageInfo { hasNextPage startCursor endCursor } } }` },
    { name: 'text search, start date', query: `{ offerings(filter: { text: "engelska" }, first: 100) { totalCount edges { node { ${NODE} } } } }` },
    { name: 'distance only', query: `{ offerings(filter: { studyModes: [DISTANCE] }, first: 50) { totalCount edges { node { id } } } }` },
    { name: 'paces', query: `{ offerings(filter: { paces: [50, 75] }, orderBy: TITLE, first: 50) { totalCount edges { cursor node { id title } } } }` },
    { name: 'vocational with facets', query: `{ offerings(filter: { schoolForms: [VOCATIONAL] }, first: 10) { totalCount ${FACETS} edges { node { id } } } }` },
    { name: 'by provider', query: `{ offerings(filter: { providerIds: ["${ids.provider}"] }, first: 100) { totalCount edges { node { id } } } }` },
    { name: 'by course', query: `{ offerings(filter: { courseCodes: ["SVESVE01", "MATMAT01a"] }, orderBy: TITLE, first: 100) { totalCount edges { node { id title } } } }` },
    { name: 'start window', query: `{ offerings(filter: { startsFrom: "2027-01-01", startsTo: "2027-03-31" }, first: 60) { totalCount edges { node { id startDate } } } }` },
    { name: 'open for application', query: `{ offerings(filter: { openForApplication: true }, first: 30) { totalCount edges { node { id openForApplication applicationCloses } } } }` },
    { name: 'not open for application', query: `{ offerings(filter: { openForApplication: false }, first: 5) { totalCount } }` },
    { name: 'one own municipality only', query: `{ offerings(filter: { municipalities: ["${own}"] }, first: 15) { totalCount ${FACETS} edges { cursor node { id } } } }` },
    { name: 'two own municipalities', query: `{ offerings(filter: { municipalities: ["${own}", "${otherOwn}"] }, orderBy: TITLE, first: 15) { totalCount edges { cursor node { id } } } }` },
    { name: 'a default-instance municipality only', query: `{ offerings(filter: { municipalities: ["${dm}"] }, first: 15) { totalCount edges { cursor node { id } } } }` },
    { name: 'first: 0', query: `{ offerings(filter: { text: "sfi" }, first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } } }` },
    { name: 'first: 100', query: `{ offerings(first: 100, orderBy: TITLE) { pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
    { name: 'only totalCount', query: `{ offerings(filter: { schoolForms: [UPPER_SECONDARY] }) { totalCount } }` },
    { name: 'only pageInfo', query: `{ offerings(filter: { schoolForms: [SPECIAL] }, first: 3) { pageInfo { hasNextPage endCursor } } }` },
    // By id, across instances.
    { name: 'an own instance’s offering', query: `{ offering(id: "${ids.ownOffering}") { ${NODE} seats seatsLeft cancelled course { code name } site { id } } }` },
    { name: 'another own instance’s offering', query: `{ offering(id: "${ids.otherOwnOffering}") { ${NODE} description } }` },
    { name: 'a default instance’s offering', query: `{ offering(id: "${ids.defaultOffering}") { ${NODE} applicationOpens applicationCloses } }` },
    { name: 'an offering that does not exist', query: `{ offering(id: "${own}-999999") { id } }` },
    { name: 'a detail page from three subgraphs', query: `{ offering(id: "${ids.ownOffering}") { title provider { name organisationNumber } municipality { name } site { name city } course { points } } }` },
    // Regional reference data, from one instance.
    { name: 'the course catalogue', query: '{ courses { code name points schoolForm vocationalPackages } }' },
    { name: 'one course', query: '{ course(code: "SVASVA02") { code name points } }' },
    // Entity fields over instances.
    { name: 'every municipality’s offerings', query: '{ municipalities { code offerings(first: 3) { totalCount edges { cursor node { id title } } } } }' },
    { name: 'one municipality’s offerings with facets', query: `{ municipality(code: "${own}") { name offerings(first: 5) { totalCount ${FACETS} edges { node { id } } } } }` },
    { name: 'providers’ offerings, merged over instances', query: '{ providers(first: 12) { edges { node { id name offerings(first: 6) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id municipality { code } } } } } } } }' },
    { name: 'one provider’s offerings and facets', query: `{ provider(id: "${ids.provider}") { name offerings(first: 50) { totalCount ${FACETS} edges { node { id startDate } } } } }` },
    { name: 'search with entities from providers', query: `{ offerings(filter: { text: "svenska", municipalities: ["${own}", "${dm}"] }, first: 10) { edges { node { id provider { name kind } municipality { name } site { city } } } } }` },
    // Figures over people, merged before they are suppressed.
    {
      name: 'application figures of an offering',
      as: 'statistician',
      query: `{ a: offering(id: "${ids.ownOffering}") { applicationStats { applicants { value suppressed } firstChoiceApplicants { value suppressed } granted { value suppressed } enrolled { value suppressed } seatsLeft } }
                b: offering(id: "${ids.defaultOffering}") { applicationStats { applicants { value suppressed } rejected { value suppressed } waitlisted { value suppressed } completed { value suppressed } seatsLeft } } }`,
    },
    {
      name: 'application figures of municipalities',
      as: 'statistician',
      query: `query($term: String!) { municipalities { code applicationStats(term: $term) { term applicants { value suppressed } applications { value suppressed } firstChoiceGranted { value suppressed } granted { value suppressed } enrolled { value suppressed } studyingElsewhere { value suppressed } fromElsewhere { value suppressed } } } }`,
      variables: { term: ids.term },
    },
    {
      name: 'past term results of providers',
      as: 'statistician',
      query: `query($term: String!) { providers(first: 50) { edges { node { id resultStats(term: $term) { enrolled { value suppressed } completed { value suppressed } passRate { value suppressed } dropoutRate { value suppressed } } } } } }`,
      variables: { term: ids.pastTerm },
    },
    {
      name: 'figures in a catalogue list',
      as: 'statistician',
      query: `{ offerings(filter: { municipalities: ["${own}", "${dm}"], schoolForms: [SFI] }, first: 10) { edges { node { id applicationStats { applicants { value suppressed } granted { value } } } } } }`,
    },
    // Applications, each from where it lives.
    { name: 'an officer’s applications', as: 'officer-own', query: 'query($after: String) { applications(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status ranking term } } } }', pages: ['applications'] },
    { name: 'an officer’s submitted applications by priority', as: 'officer-default', query: 'query($after: String) { applications(filter: { statuses: [SUBMITTED, GRANTED] }, orderBy: PRIORITY, first: 40, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status recommendation { priority } } } } }', pages: ['applications'] },
    { name: 'all applications of a term, by an admin', as: 'admin', query: `query($after: String) { applications(filter: { terms: ["${ids.pastTerm}"], schoolForms: [SPECIAL] }, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id homeMunicipality { code } intermunicipal } } } }`, pages: ['applications'] },
    { name: 'a provider’s students', as: 'provider', query: 'query($after: String) { applications(first: 30, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status applicant { givenName familyName } } } } }', pages: ['applications'] },
    // Bad input is refused alike.
    { name: 'an unknown municipality', query: '{ offerings(filter: { municipalities: ["9999"] }) { totalCount } }' },
    { name: 'a cursor that is not one', query: '{ offerings(after: "not-a-cursor") { totalCount } }' },
    { name: 'relevance without text', query: '{ offerings(orderBy: RELEVANCE) { totalCount } }' },
    { name: 'first above the cap', query: `{ offerings(filter: { municipalities: ["${own}"] }, first: 101) { totalCount } }` },
    { name: 'figures anonymously', query: `{ offering(id: "${ids.ownOffering}") { id applicationStats { seatsLeft } } }` },
  ];
}
