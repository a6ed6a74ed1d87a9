/** The benchmark's mix: realistic catalogue operations, the same bytes for every target. */

export interface Operation {
  name: string;
  /** What a person does that sends it. */
  description: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Answerable by the offerings subgraph alone (so it also runs against the subgraph directly). */
  oneSubgraph?: boolean;
}

const SEARCH = `query CatalogueSearch($filter: OfferingFilter, $after: String) {
  offerings(filter: $filter, orderBy: RELEVANCE, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title startDate pace studyMode provider { name } municipality { name } } }
  }
}`;

const SEARCH_ONE_SUBGRAPH = `query CatalogueSearchOffers($filter: OfferingFilter) {
  offerings(filter: $filter, orderBy: RELEVANCE, first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title startDate endDate pace studyMode seats schoolForm } }
  }
}`;

const DETAIL = `query OfferingDetail($id: ID!) {
  offering(id: $id) {
    id title description startDate endDate applicationOpens applicationCloses seats pace language openForApplication
    course { code name points schoolForm }
    provider { name organisationNumber gradingRights sites { name streetAddress postalCode city } }
    site { name city coordinates { latitude longitude } }
    municipality { name }
  }
}`;

const OVERVIEW = `query MunicipalityOverview {
  municipalities { code name ownSchools offerings(first: 3) { totalCount edges { node { id title startDate } } } }
}`;

const ENTITIES = `query OfferingsWithProviders($filter: OfferingFilter) {
  offerings(filter: $filter, first: 20) {
    edges { node { id title provider { name kind gradingRights } municipality { name population } } }
  }
}`;

export const FILTER = { text: 'svenska', municipalities: ['0180', '0182'], studyModes: ['DISTANCE', 'HYBRID', 'ON_SITE'] };

/** The mix; `deepCursor` and `detailId` come from the data of the run. */
export function operations(deepCursor: string, detailId: string): Operation[] {
  return [
    { name: 'search', description: 'catalogue search, text and filters, first page', query: SEARCH, variables: { filter: FILTER } },
    {
      name: 'search-deep',
      description: 'the same search, a later page (after: a cursor)',
      query: SEARCH,
      variables: { filter: FILTER, after: deepCursor },
    },
    {
      name: 'search-offerings',
      description: 'catalogue search asking only offering fields (one subgraph)',
      query: SEARCH_ONE_SUBGRAPH,
      variables: { filter: FILTER },
      oneSubgraph: true,
    },
    { name: 'detail', description: 'an offering’s detail page with provider and sites', query: DETAIL, variables: { id: detailId } },
    { name: 'overview', description: 'the municipality overview', query: OVERVIEW },
    {
      name: 'entities',
      description: '20 offerings with provider and municipality (_entities)',
      query: ENTITIES,
      variables: { filter: { municipalities: ['0180'] } },
    },
  ];
}
