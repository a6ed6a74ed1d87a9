// The catalogue page: an example of using the vuxhub GraphQL API from a browser, with no
// framework and no build step. Everything it shows comes from three named operations
// (Municipalities, CatalogueSearch, OfferingDetail), sent by one helper, graphql().
'use strict';

// ---------------------------------------------------------------------------------------
// The API

const GRAPHQL_URL = '/graphql';
const PAGE_SIZE = 20;

/** Thrown by graphql(): `messages` are what the user is shown (an answer's errors[].message). */
class GraphQLRequestError extends Error {
  constructor(messages) {
    super(messages.join(' '));
    this.messages = messages;
  }
}

/**
 * Posts one operation as JSON and returns the answer's `data`. An answer with `errors`
 * throws their messages. (The API may send partial data next to errors, say when one
 * subgraph is down; a page that wants to show the rest can read `data` here as well.)
 */
async function graphql(query, variables = {}) {
  let response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLRequestError(['Kunde inte nå katalogen. Kontrollera nätverksanslutningen och försök igen.']);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError([`Oväntat svar från servern (HTTP ${response.status}).`]);
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    throw new GraphQLRequestError(body.errors.map((error) => String(error.message)));
  }
  if (!body.data) throw new GraphQLRequestError([`Svaret saknar data (HTTP ${response.status}).`]);
  return body.data;
}

/** The 26 municipalities, for the Kommun filter. */
const MUNICIPALITIES_QUERY = `
  query Municipalities {
    municipalities { code name }
  }`;

/** One page of the catalogue; `after` is the previous page's `pageInfo.endCursor`. */
const SEARCH_QUERY = `
  query CatalogueSearch($filter: OfferingFilter, $orderBy: OfferingOrder!, $first: Int!, $after: String) {
    offerings(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          title
          startDate
          pace
          studyMode
          provider { name }
          municipality { name }
        }
      }
    }
  }`;

// ---------------------------------------------------------------------------------------
// Swedish labels and formats

const SCHOOL_FORMS = {
  BASIC: 'Grundläggande vuxenutbildning',
  UPPER_SECONDARY: 'Gymnasial vuxenutbildning',
  VOCATIONAL: 'Yrkesvux',
  SFI: 'Sfi',
  SPECIAL: 'Särskild utbildning för vuxna',
};

const STUDY_MODES = {
  ON_SITE: 'Närundervisning',
  DISTANCE: 'Distans',
  HYBRID: 'Delvis distans',
};

const dateFormat = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('sv-SE');
const languageNames = new Intl.DisplayNames(['sv'], { type: 'language' });

/** "2025-01-13" → "13 januari 2025" */
function formatDate(isoDate) {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

function formatCount(count) {
  return `${numberFormat.format(count)} ${count === 1 ? 'kurstillfälle' : 'kurstillfällen'}`;
}

function formatPace(pace) {
  return `${pace}\u00a0%`;
}

function formatLanguage(code) {
  const name = languageNames.of(code) ?? code;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function formatAddress(site) {
  return `${site.streetAddress}, ${site.postalCode} ${site.city}`;
}

// ---------------------------------------------------------------------------------------
// DOM helpers: text from the API is always set as text, never parsed as HTML.

/** Creates an element; children are nodes or strings (null and undefined are left out). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** Label–value pairs as a description list; pairs without a value are left out. */
function facts(pairs) {
  const shown = pairs.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return el('dl', { class: 'facts' }, ...shown.flatMap(([label, value]) => [el('dt', {}, label), el('dd', {}, value)]));
}

const errorBox = document.getElementById('error');

function showError(error) {
  const messages = error instanceof GraphQLRequestError ? error.messages : [String(error)];
  errorBox.replaceChildren(
    el('p', {}, 'Något gick fel:'),
    ...messages.map((message) => el('p', {}, message)),
  );
}

function clearError() {
  errorBox.replaceChildren();
}

// ---------------------------------------------------------------------------------------
// Search and results

const searchView = document.getElementById('search-view');
const form = document.getElementById('search-form');
const resultCount = document.getElementById('result-count');
const resultList = document.getElementById('results');
const loadMoreButton = document.getElementById('load-more');

/** The search on screen: its filter and order, and where its next page starts. */
const current = { searchId: 0, filter: {}, orderBy: 'START_DATE', endCursor: null };

function fillSelect(select, labels) {
  for (const [value, label] of Object.entries(labels)) select.append(el('option', { value }, label));
}

async function loadMunicipalities() {
  try {
    const data = await graphql(MUNICIPALITIES_QUERY);
    const byName = [...data.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    form.elements.municipality.append(...byName.map((m) => el('option', { value: m.code }, m.name)));
  } catch (error) {
    showError(error);
  }
}

/** The form as an OfferingFilter: only the fields the user has set. */
function filterFromForm() {
  const values = new FormData(form);
  const filter = {};
  const text = String(values.get('text') ?? '').trim();
  if (text) filter.text = text;
  if (values.get('municipality')) filter.municipalities = [values.get('municipality')];
  if (values.get('schoolForm')) filter.schoolForms = [values.get('schoolForm')];
  if (values.get('studyMode')) filter.studyModes = [values.get('studyMode')];
  if (values.get('pace')) filter.paces = [Number(values.get('pace'))];
  if (values.get('startsFrom')) filter.startsFrom = values.get('startsFrom');
  if (values.get('startsTo')) filter.startsTo = values.get('startsTo');
  return filter;
}

function resultItem(offering) {
  return el(
    'li',
    {},
    el(
      'article',
      {},
      el('h3', {}, el('a', { href: detailHash(offering.id) }, offering.title)),
      facts([
        ['Anordnare', offering.provider.name],
        ['Kommun', offering.municipality.name],
        ['Startdatum', formatDate(offering.startDate)],
        ['Studietakt', formatPace(offering.pace)],
        ['Studieform', STUDY_MODES[offering.studyMode] ?? offering.studyMode],
      ]),
    ),
  );
}

/** Shows a page of results (replacing the list, or after it); returns the first new item. */
function showResults(connection, { append }) {
  const items = connection.edges.map((edge) => resultItem(edge.node));
  if (append) resultList.append(...items);
  else resultList.replaceChildren(...items);
  const count = formatCount(connection.totalCount);
  // Unchanged text is not set again, so that screen readers do not repeat it.
  if (resultCount.textContent !== count) resultCount.textContent = count;
  current.endCursor = connection.pageInfo.endCursor;
  loadMoreButton.hidden = !connection.pageInfo.hasNextPage;
  return items[0];
}

async function search(filter) {
  // A newer search makes the answers of older ones obsolete. (So the Sök button stays
  // enabled: a disabled button would also make Enter in the search box do nothing.)
  const searchId = ++current.searchId;
  current.filter = filter;
  current.orderBy = filter.text ? 'RELEVANCE' : 'START_DATE';
  current.endCursor = null;
  loadMoreButton.hidden = true;
  resultList.setAttribute('aria-busy', 'true');
  resultCount.textContent = 'Söker …';
  try {
    const data = await graphql(SEARCH_QUERY, { filter, orderBy: current.orderBy, first: PAGE_SIZE, after: null });
    if (searchId !== current.searchId) return;
    clearError();
    showResults(data.offerings, { append: false });
  } catch (error) {
    if (searchId !== current.searchId) return;
    resultList.replaceChildren();
    resultCount.textContent = '';
    showError(error);
  } finally {
    if (searchId === current.searchId) resultList.removeAttribute('aria-busy');
  }
}

async function loadMore() {
  const searchId = current.searchId;
  loadMoreButton.disabled = true;
  try {
    const data = await graphql(SEARCH_QUERY, {
      filter: current.filter,
      orderBy: current.orderBy,
      first: PAGE_SIZE,
      after: current.endCursor,
    });
    if (searchId !== current.searchId) return;
    clearError();
    const firstNew = showResults(data.offerings, { append: true });
    // Keyboard users continue where the new results begin.
    firstNew?.querySelector('a')?.focus();
  } catch (error) {
    if (searchId === current.searchId) showError(error);
  } finally {
    loadMoreButton.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------
// The detail view
//
// It is made of sections. Each names the Offering fields it needs (a fragment) and shows
// them; OfferingDetail asks for every section's fragment. Public quality figures (from a
// quality subgraph that does not exist yet) will be one more section: a fragment such as
// `fragment QualitySection on Offering { quality { … } }` and a render function that
// returns null when the offering has none. Until the API has such fields, none are asked
// for and none are shown.

const DETAIL_SECTIONS = [
  {
    name: 'OfferingSection',
    fragment: `
      fragment OfferingSection on Offering {
        description
        schoolForm
        studyMode
        pace
        language
        startDate
        endDate
        municipality { name }
        site { name streetAddress postalCode city }
      }`,
    render: (offering) =>
      el(
        'section',
        {},
        el('p', { class: 'description' }, offering.description),
        facts([
          ['Skolform', SCHOOL_FORMS[offering.schoolForm] ?? offering.schoolForm],
          ['Kommun', offering.municipality.name],
          ['Studieform', STUDY_MODES[offering.studyMode] ?? offering.studyMode],
          ['Studietakt', formatPace(offering.pace)],
          ['Språk', formatLanguage(offering.language)],
          ['Startdatum', formatDate(offering.startDate)],
          ['Slutdatum', formatDate(offering.endDate)],
          ['Undervisningsplats', offering.site ? `${offering.site.name}, ${formatAddress(offering.site)}` : 'Distans'],
        ]),
      ),
  },
  {
    name: 'ApplicationSection',
    fragment: `
      fragment ApplicationSection on Offering {
        applicationOpens
        applicationCloses
        openForApplication
        seats
      }`,
    render: (offering) =>
      el(
        'section',
        {},
        el('h3', {}, 'Ansökan'),
        facts([
          ['Ansökan öppnar', formatDate(offering.applicationOpens)],
          ['Sista ansökningsdag', formatDate(offering.applicationCloses)],
          ['Just nu', offering.openForApplication ? 'Öppen för ansökan' : 'Stängd för ansökan'],
          ['Platser', numberFormat.format(offering.seats)],
        ]),
      ),
  },
  {
    name: 'CourseSection',
    fragment: `
      fragment CourseSection on Offering {
        course { code name points }
      }`,
    render: (offering) =>
      el(
        'section',
        {},
        el('h3', {}, 'Kurs'),
        facts([
          ['Kurskod', offering.course.code],
          ['Kursnamn', offering.course.name],
          ['Poäng', offering.course.points === null ? null : numberFormat.format(offering.course.points)],
        ]),
      ),
  },
  {
    name: 'ProviderSection',
    fragment: `
      fragment ProviderSection on Offering {
        provider {
          name
          organisationNumber
          sites { name streetAddress postalCode city }
        }
      }`,
    render: ({ provider }) =>
      el(
        'section',
        {},
        el('h3', {}, 'Anordnare'),
        facts([
          ['Namn', provider.name],
          ['Organisationsnummer', provider.organisationNumber],
        ]),
        provider.sites.length === 0 ? null : el('h4', {}, 'Skolor och adresser'),
        provider.sites.length === 0
          ? null
          : el('ul', { class: 'sites' }, ...provider.sites.map((site) => el('li', {}, `${site.name}, ${formatAddress(site)}`))),
      ),
  },
];

const OFFERING_DETAIL_QUERY = `
  query OfferingDetail($id: ID!) {
    offering(id: $id) {
      id
      title
      ${DETAIL_SECTIONS.map((section) => `...${section.name}`).join('\n      ')}
    }
  }
  ${DETAIL_SECTIONS.map((section) => section.fragment).join('\n')}`;

const detailView = document.getElementById('detail-view');
const detailArticle = document.getElementById('detail');
const backButton = document.getElementById('back');
const pageTitle = document.title;

/** Which detail request is the latest, and the result link it was opened from (for focus and Tillbaka). */
const detail = { requestId: 0, openedFrom: null };

function renderOffering(offering) {
  return [
    el('h2', { id: 'detail-title', tabindex: '-1' }, offering.title),
    ...DETAIL_SECTIONS.map((section) => section.render(offering)).filter(Boolean),
  ];
}

async function showDetail(id) {
  const requestId = ++detail.requestId;
  searchView.hidden = true;
  detailView.hidden = false;
  clearError();
  detailArticle.replaceChildren(el('p', {}, 'Hämtar kurstillfället …'));
  try {
    const data = await graphql(OFFERING_DETAIL_QUERY, { id });
    if (requestId !== detail.requestId) return;
    if (data.offering) {
      detailArticle.replaceChildren(...renderOffering(data.offering));
      document.title = `${data.offering.title} – ${pageTitle}`;
    } else {
      detailArticle.replaceChildren(
        el('h2', { id: 'detail-title', tabindex: '-1' }, 'Kurstillfället finns inte'),
        el('p', {}, 'Det kan ha tagits bort. Gå tillbaka och sök igen.'),
      );
    }
    document.getElementById('detail-title').focus();
  } catch (error) {
    if (requestId !== detail.requestId) return;
    detailArticle.replaceChildren();
    showError(error);
    backButton.focus();
  }
}

function showSearch() {
  detail.requestId++; // an answer still on its way is no longer wanted
  detailView.hidden = true;
  searchView.hidden = false;
  document.title = pageTitle;
  clearError();
  // Back where the user left the list.
  if (detail.openedFrom?.isConnected) detail.openedFrom.focus();
  detail.openedFrom = null;
}

// ---------------------------------------------------------------------------------------
// Navigation: the detail view has its own address (#/kurstillfalle/<id>), so the
// browser's back button, bookmarks and reloads work.

const DETAIL_PREFIX = '#/kurstillfalle/';

function detailHash(id) {
  return DETAIL_PREFIX + encodeURIComponent(id);
}

function route() {
  if (location.hash.startsWith(DETAIL_PREFIX)) showDetail(decodeURIComponent(location.hash.slice(DETAIL_PREFIX.length)));
  else showSearch();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  search(filterFromForm());
});

loadMoreButton.addEventListener('click', loadMore);

resultList.addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (link) detail.openedFrom = link;
});

backButton.addEventListener('click', () => {
  // Opened from the list: step back in history. Opened from an address: go to the list.
  if (detail.openedFrom) history.back();
  else location.hash = '';
});

window.addEventListener('hashchange', route);

fillSelect(form.elements.schoolForm, SCHOOL_FORMS);
fillSelect(form.elements.studyMode, STUDY_MODES);
loadMunicipalities();
search(filterFromForm());
route();
