import { sql } from './support/db';
import { errorCodes, gatewayUrl, gql, gqlData, gqlDataAs } from './support/graphql';
import { token } from './support/tokens';

/** End-to-end through the gateway to the real subgraph processes and PostgreSQL. */

const PAGE = `
  query Page($filter: OfferingFilter, $orderBy: OfferingOrder, $first: Int, $after: String) {
    offerings(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id title startDate municipality { code } schoolForm studyMode pace
        applicationOpens applicationCloses openForApplication provider { id } course { code } } }
    }
  }`;

interface Node {
  id: string;
  title: string;
  startDate: string;
  municipality: { code: string };
  schoolForm: string;
  studyMode: string;
  pace: number;
  applicationOpens: string;
  applicationCloses: string;
  openForApplication: boolean;
  provider: { id: string };
  course: { code: string };
}

/** Follows `after` cursors to the end; returns every node in order. */
async function pageThrough(
  filter: object,
  orderBy = 'START_DATE',
  first = 100,
): Promise<{ nodes: Node[]; total: number; totals: number[] }> {
  const nodes: Node[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const data: any = await gqlData(PAGE, { filter, orderBy, first, after });
    const conn = data.offerings;
    totals.push(conn.totalCount);
    nodes.push(...conn.edges.map((e: { node: Node }) => e.node));
    if (!conn.pageInfo.hasNextPage) return { nodes, total: conn.totalCount, totals };
    after = conn.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

function cursorOfNode(node: Node): string {
  return Buffer.from(JSON.stringify(['start', node.startDate, node.id])).toString('base64url');
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());

describe('the catalogue through the gateway', () => {
  it('answers the README example with data from both subgraphs', async () => {
    const data = await gqlData(`{
      offerings(filter: {text: "svenska", municipalities: ["0180","0182"]}, first: 20) {
        totalCount edges { node { id title provider { name } municipality { name } } }
      }
    }`);
    const { totalCount, edges } = data.offerings;
    const [{ n }] = await sql('offerings',
      `SELECT count(*)::int AS n FROM offerings WHERE search_vector @@ websearch_to_tsquery('swedish', 'svenska')
       AND municipality_code IN ('0180', '0182')`);
    expect(totalCount).toBe(n);
    expect(totalCount).toBeGreaterThan(100);
    expect(edges).toHaveLength(20);
    for (const { node } of edges) {
      expect(node.id).toMatch(/^(0180|0182)-/);
      expect(['Stockholm', 'Nacka']).toContain(node.municipality.name);
      expect(node.municipality.name).toBe(node.id.startsWith('0180') ? 'Stockholm' : 'Nacka');
      expect(typeof node.provider.name).toBe('string');
      expect(node.provider.name.length).toBeGreaterThan(3);
    }
  });

  it('pages to the end of a filtered set without duplicates or gaps, in order', async () => {
    const filter = { municipalities: ['0126', '0127'], schoolForms: ['SFI', 'BASIC'] };
    const { nodes, total } = await pageThrough(filter, 'START_DATE', 37);
    const expected = await sql<{ id: string }>('offerings',
      `SELECT id FROM offerings WHERE municipality_code IN ('0126','0127') AND school_form IN ('SFI','BASIC')
       ORDER BY start_date, id`);
    expect(nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
    expect(total).toBe(expected.length);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
  });

  it('pages by title in Swedish order without duplicates or gaps', async () => {
    const { nodes } = await pageThrough({ municipalities: ['0186'] }, 'TITLE', 25);
    const expected = await sql<{ id: string }>('offerings',
      `SELECT id FROM offerings WHERE municipality_code = '0186' ORDER BY title_key, id`);
    expect(nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
    const collator = new Intl.Collator('sv');
    for (let i = 1; i < nodes.length; i++) {
      expect(collator.compare(nodes[i - 1]!.title, nodes[i]!.title)).toBeLessThanOrEqual(0);
    }
  });

  it('pages by relevance to the end of a text search', async () => {
    const { nodes, total, totals } = await pageThrough({ text: 'matematik', municipalities: ['0180'] }, 'RELEVANCE', 50);
    const expected = await sql<{ id: string }>('offerings',
      `SELECT id FROM offerings WHERE search_vector @@ websearch_to_tsquery('swedish', 'matematik')
       AND municipality_code = '0180'
       ORDER BY ts_rank(search_vector, websearch_to_tsquery('swedish', 'matematik')) DESC, id`);
    expect(total).toBe(expected.length);
    // Every page counts the whole set, not what is left after its cursor.
    expect(totals.length).toBeGreaterThan(1);
    expect(new Set(totals)).toEqual(new Set([expected.length]));
    expect(nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
    // Title matches (weight A) rank above description-only matches.
    expect(nodes[0]!.title.toLowerCase()).toContain('matematik');
  });

  describe('each filter', () => {
    const check = async (filter: object, holds: (n: Node) => boolean, whereSql: string) => {
      const { nodes, total } = await pageThrough(filter);
      const [{ n }] = await sql('offerings', `SELECT count(*)::int AS n FROM offerings WHERE ${whereSql}`);
      expect(total).toBe(n);
      expect(nodes).toHaveLength(n);
      expect(n).toBeGreaterThan(0);
      for (const node of nodes) expect(holds(node)).toBe(true);
    };

    it('text (Swedish stemming: "matematiken" finds "Matematik")', async () => {
      await check({ text: 'matematiken', municipalities: ['0180'] }, (n) => n.id.startsWith('0180'),
        `search_vector @@ websearch_to_tsquery('swedish', 'matematiken') AND municipality_code = '0180'`);
      const { nodes } = await pageThrough({ text: 'matematiken', municipalities: ['0180'] });
      expect(nodes.some((n) => n.title.startsWith('Matematik'))).toBe(true);
    });
    it('municipalities', async () => {
      await check({ municipalities: ['0114', '0187'] }, (n) => ['0114', '0187'].includes(n.municipality.code),
        `municipality_code IN ('0114', '0187')`);
    });
    it('schoolForms', async () => {
      await check({ schoolForms: ['SPECIAL'], municipalities: ['0180'] },
        (n) => n.schoolForm === 'SPECIAL' && n.municipality.code === '0180',
        `school_form = 'SPECIAL' AND municipality_code = '0180'`);
    });
    it('courseCodes', async () => {
      await check({ courseCodes: ['SVESVE01', 'MATMAT01a'] }, (n) => ['SVESVE01', 'MATMAT01a'].includes(n.course.code),
        `course_code IN ('SVESVE01', 'MATMAT01a')`);
    });
    it('providerIds', async () => {
      await check({ providerIds: ['prov-001'] }, (n) => n.provider.id === 'prov-001', `provider_id = 'prov-001'`);
    });
    it('studyModes', async () => {
      await check({ studyModes: ['HYBRID'], municipalities: ['0181'] },
        (n) => n.studyMode === 'HYBRID', `study_mode = 'HYBRID' AND municipality_code = '0181'`);
    });
    it('paces', async () => {
      await check({ paces: [25, 75], municipalities: ['0123'] }, (n) => [25, 75].includes(n.pace),
        `pace IN (25, 75) AND municipality_code = '0123'`);
    });
    it('startsFrom and startsTo', async () => {
      const [{ from, to }] = await sql('offerings',
        `SELECT min(start_date)::text AS from, (min(start_date) + 60)::text AS to FROM offerings`);
      await check({ startsFrom: from, startsTo: to, municipalities: ['0136'] },
        (n) => n.startDate >= from && n.startDate <= to,
        `start_date BETWEEN '${from}' AND '${to}' AND municipality_code = '0136'`);
    });
    it('openForApplication', async () => {
      const open = (n: Node) => n.applicationOpens <= today && today <= n.applicationCloses;
      await check({ openForApplication: true }, (n) => open(n) && n.openForApplication,
        `application_opens <= '${today}' AND application_closes >= '${today}'`);
      await check({ openForApplication: false, municipalities: ['0138'] }, (n) => !open(n) && !n.openForApplication,
        `NOT (application_opens <= '${today}' AND application_closes >= '${today}') AND municipality_code = '0138'`);
    });
  });

  it('facets sum to totalCount for each dimension', async () => {
    const data = await gqlData(`{
      offerings(filter: {text: "svenska"}, first: 0) {
        totalCount edges { cursor }
        facets { schoolForms { value count } municipalities { municipality { code name } count } studyModes { value count } }
      }
    }`);
    const { totalCount, facets, edges } = data.offerings;
    expect(edges).toEqual([]);
    const sum = (list: { count: number }[]) => list.reduce((s, f) => s + f.count, 0);
    expect(sum(facets.schoolForms)).toBe(totalCount);
    expect(sum(facets.municipalities)).toBe(totalCount);
    expect(sum(facets.studyModes)).toBe(totalCount);
    expect(facets.municipalities.length).toBeGreaterThan(20);
    const stockholm = facets.municipalities.find((f: any) => f.municipality.code === '0180');
    expect(stockholm.municipality.name).toBe('Stockholm');
  });

  it('refuses a bad cursor with BAD_USER_INPUT', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const bad = [
      'not-a-cursor',
      cursor(['title', 'x', 'y']), // another order's cursor
      cursor({ a: 1 }),
      cursor(['start', '2026-13-45', '0180-000001']), // not a date
      cursor(['start', 20260101, '0180-000001']),
      cursor(['start', '2026-01-01']),
    ];
    for (const after of bad) {
      const answer = await gql(PAGE, { first: 5, after });
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.message).toMatch(/cursor/);
      expect(answer.data ?? null).toBeNull();
    }
    // rank values PostgreSQL's real type cannot hold
    for (const rank of [1e308, 1e-50]) {
      const answer = await gql(PAGE, {
        filter: { text: 'svenska' },
        orderBy: 'RELEVANCE',
        after: cursor(['relevance', rank, '0180-000001']),
      });
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses values PostgreSQL cannot take (NUL characters, year 0) as BAD_USER_INPUT, never as an internal error', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cases: [string, Record<string, unknown>][] = [
      [PAGE, { filter: { text: 'a\u0000b' } }],
      [PAGE, { filter: { courseCodes: ['\u0000'] } }],
      [PAGE, { filter: { providerIds: ['prov\u0000'] } }],
      [PAGE, { filter: { startsFrom: '0000-01-01' } }],
      [PAGE, { after: cursor(['start', '0000-01-01', '0180-000001']) }],
      [PAGE, { orderBy: 'TITLE', after: cursor(['title', 'Svenska\u0000', '0180-000001']) }],
      [PAGE, { filter: { text: 'svenska' }, orderBy: 'RELEVANCE', after: cursor(['relevance', '1e400', 'x']) }],
      ['query($id: ID!) { offering(id: $id) { id } }', { id: '0180-\u0000' }],
      ['query($id: ID!) { provider(id: $id) { id } }', { id: '\u0000' }],
      ['query($after: String) { providers(after: $after) { edges { cursor } } }', { after: cursor(['provider-name', '\u0000', 'x']) }],
    ];
    for (const [query, variables] of cases) {
      const answer = await gql(query, variables);
      expect({ variables, codes: errorCodes(answer) }).toEqual({ variables, codes: ['BAD_USER_INPUT'] });
    }
  });

  it('gives a consistent hasNextPage with first: 0', async () => {
    const data = await gqlData(`{ offerings(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } }
      providers(first: 0) { totalCount pageInfo { hasNextPage } edges { cursor } } }`);
    expect(data.offerings).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    expect(data.providers).toMatchObject({ edges: [], pageInfo: { hasNextPage: true } });
    const last = await pageThrough({ municipalities: ['0140'] });
    const afterLast = await gqlData(PAGE, { filter: { municipalities: ['0140'] }, first: 0, after: cursorOfNode(last.nodes.at(-1)!) });
    expect(afterLast.offerings.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a bad cursor on nested lists too', async () => {
    const bad = Buffer.from(JSON.stringify(['start', 'x', 'y'])).toString('base64url');
    const answer = await gql('query($after: String) { provider(id: "prov-001") { offerings(after: $after) { edges { cursor } } } }', { after: bad });
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses first: 1000 and negative first with BAD_USER_INPUT', async () => {
    for (const first of [1000, 101, -1]) {
      const answer = await gql(PAGE, { first });
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.message).toMatch(/first/);
    }
  });

  it('refuses unknown municipality codes, bad paces and RELEVANCE without text', async () => {
    const cases: [object, string, RegExp][] = [
      [{ municipalities: ['9999'] }, 'START_DATE', /municipality code "9999"/],
      [{ paces: [30] }, 'START_DATE', /pace/],
      [{ startsFrom: '2027-01-01', startsTo: '2026-01-01' }, 'START_DATE', /startsFrom/],
      [{}, 'RELEVANCE', /RELEVANCE/],
    ];
    for (const [filter, orderBy, message] of cases) {
      const answer = await gql(PAGE, { filter, orderBy });
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.message).toMatch(message);
    }
  });

  it('looks up one offering with its course, provider, site and municipality', async () => {
    const [row] = await sql(`offerings`, `SELECT id, provider_id, site_id FROM offerings WHERE site_id IS NOT NULL LIMIT 1`);
    const data = await gqlData(
      `query($id: ID!) { offering(id: $id) { id course { code name points schoolForm }
        provider { id name kind gradingRights } site { id name streetAddress postalCode city
        coordinates { latitude longitude } municipality { name } } municipality { code name } } }`,
      { id: row.id },
    );
    expect(data.offering.id).toBe(row.id);
    expect(data.offering.provider.id).toBe(row.provider_id);
    expect(data.offering.site.id).toBe(row.site_id);
    expect(data.offering.site.postalCode).toMatch(/^\d{3} \d{2}$/);
    expect(data.offering.site.coordinates.latitude).toBeGreaterThan(58);
    expect(data.offering.municipality.code).toBe(row.id.slice(0, 4));
    expect((await gqlData('{ offering(id: "0180-999999") { id } }')).offering).toBeNull();
  });

  it('lists courses by school form', async () => {
    const data = await gqlData('{ courses(schoolForm: VOCATIONAL) { code name points vocationalPackages } }');
    expect(data.courses.length).toBeGreaterThan(20);
    expect(data.courses.every((c: any) => c.code && c.name)).toBe(true);
    const packages = new Set(data.courses.flatMap((c: any) => c.vocationalPackages));
    expect(packages).toEqual(new Set(['Undersköterska', 'Barnskötare', 'Elektriker', 'Kock', 'Lastbilsförare']));
  });
});

describe('providers and municipalities through the gateway', () => {
  it('counts facets of nested lists per parent (Municipality.offerings, Provider.offerings)', async () => {
    const FACETS = 'totalCount facets { schoolForms { value count } municipalities { municipality { code } count } studyModes { value count } }';
    const data = await gqlData(`{ municipalities { code offerings(first: 1) { ${FACETS} } }
      provider(id: "prov-003") { id offerings(first: 1) { ${FACETS} } } }`);
    const expected = async (column: string, key: string) => {
      const rows = await sql('offerings', `SELECT school_form, municipality_code, study_mode FROM offerings WHERE ${column} = $1`, [key]);
      const tally = (field: string) => {
        const m = new Map<string, number>();
        for (const r of rows) m.set(r[field], (m.get(r[field]) ?? 0) + 1);
        return [...m].sort(([a], [b]) => (a < b ? -1 : 1));
      };
      return { total: rows.length, schoolForms: tally('school_form'), municipalities: tally('municipality_code'), studyModes: tally('study_mode') };
    };
    const actual = (c: any) => ({
      total: c.totalCount,
      schoolForms: c.facets.schoolForms.map((f: any) => [f.value, f.count]),
      municipalities: c.facets.municipalities.map((f: any) => [f.municipality.code, f.count]),
      studyModes: c.facets.studyModes.map((f: any) => [f.value, f.count]),
    });
    for (const m of data.municipalities.filter((x: any) => ['0180', '0140', '0182'].includes(x.code))) {
      expect(actual(m.offerings)).toEqual(await expected('municipality_code', m.code));
    }
    expect(actual(data.provider.offerings)).toEqual(await expected('provider_id', 'prov-003'));
  });

  it('lists the 26 municipalities with their offerings', async () => {
    const data = await gqlData(`{ municipalities { code name ownSchools offerings(first: 2) { totalCount edges { node { id } } } } }`);
    expect(data.municipalities).toHaveLength(26);
    const counts = await sql<{ code: string; n: number }>('offerings',
      'SELECT municipality_code AS code, count(*)::int AS n FROM offerings GROUP BY 1');
    for (const m of data.municipalities) {
      expect(m.offerings.totalCount).toBe(counts.find((c) => c.code === m.code)?.n);
      for (const e of m.offerings.edges) expect(e.node.id.startsWith(m.code)).toBe(true);
    }
  });

  it('filters providers by municipality served, school form and kind, paging by name', async () => {
    // Contracts are for officers: Nacka's officer sees Nacka's.
    const officer = await token({ role: 'officer', municipality: '0182' });
    const all: any[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await gqlDataAs(
        officer,
        `query($after: String) { providers(filter: {municipalities: ["0182"], schoolForms: [SFI], kinds: [EXTERNAL]}, first: 3, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id name kind contracts { municipality { code } schoolForms validFrom validTo } } } } }`,
        { after },
      );
      all.push(...data.providers.edges.map((e: any) => e.node));
      if (!data.providers.pageInfo.hasNextPage) {
        expect(data.providers.totalCount).toBe(all.length);
        break;
      }
      after = data.providers.pageInfo.endCursor;
    }
    expect(all.length).toBeGreaterThan(0);
    for (const p of all) {
      expect(p.kind).toBe('EXTERNAL');
      expect(
        p.contracts.some((c: any) => c.municipality.code === '0182' && c.schoolForms.includes('SFI') &&
          c.validFrom <= today && (c.validTo === null || c.validTo >= today)),
      ).toBe(true);
    }
    const names = all.map((p) => p.name);
    expect([...names].sort(new Intl.Collator('sv').compare)).toEqual(names);
  });

  it('links both ways: a provider’s offerings name that provider', async () => {
    const data = await gqlData(`{ provider(id: "prov-002") { id name offerings(first: 5) { totalCount edges { node { id provider { id name } } } } } }`);
    expect(data.provider.offerings.totalCount).toBeGreaterThan(0);
    for (const { node } of data.provider.offerings.edges) {
      expect(node.provider).toEqual({ id: 'prov-002', name: data.provider.name });
    }
  });

  it('answers GET /health with each subgraph’s status', async () => {
    const res = await fetch(`${gatewayUrl()}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', subgraphs: { providers: 'ok', offerings: 'ok', applications: 'ok' } });
  });
});
