import { previousTerm, termOf } from '../subgraphs/kit/terms';
import { sql } from './support/db';
import { errorCodes, gqlAs, gqlDataAs } from './support/graphql';
import { token } from './support/tokens';

/**
 * The region's report through the gateway, one query, figures from three subgraphs, each
 * equal to what SQL over the subgraphs' own databases says, suppressed below 5.
 */

const today = new Date().toISOString().slice(0, 10);
const PAST = previousTerm(termOf(today));
let statistician: string;

beforeAll(async () => {
  statistician = await token({ role: 'statistician' });
});

const REPORT = `query($term: String!, $groupBy: ReportGrouping!) { report(term: $term, groupBy: $groupBy) {
  key label offerings
  applications { applicants { value suppressed } granted { value suppressed } enrolled { value suppressed } completed { value suppressed }
    passRate { value suppressed } externalShare { value suppressed } studyingElsewhere { value suppressed } fromElsewhere { value suppressed } } } }`;

const shown = (n: number) => (n > 0 && n < 5 ? { value: null, suppressed: true } : { value: n, suppressed: false });

it('gives one row per municipality with offerings, applicants and results equal to SQL', async () => {
  const data = await gqlDataAs(statistician, REPORT, { term: PAST, groupBy: 'MUNICIPALITY' });
  expect(data.report).toHaveLength(26);
  const [from, to] = PAST.startsWith('HT') ? [`${PAST.slice(2)}-07-01`, `${PAST.slice(2)}-12-31`] : [`${PAST.slice(2)}-01-01`, `${PAST.slice(2)}-06-30`];
  const offerings = new Map(
    (await sql<{ code: string; n: number }>('offerings', 'SELECT municipality_code AS code, count(*)::int AS n FROM offerings WHERE start_date BETWEEN $1 AND $2 GROUP BY 1', [from, to])).map((r) => [r.code.trim(), r.n]),
  );
  const residents = new Map(
    (
      await sql<{ code: string; applicants: number; granted: number; enrolled: number; completed: number }>(
        'applications',
        `SELECT home_municipality AS code, count(DISTINCT applicant_id)::int AS applicants,
                count(*) FILTER (WHERE decision_outcome = 'GRANTED')::int AS granted,
                count(*) FILTER (WHERE status IN ('ENROLLED','COMPLETED','DROPPED_OUT'))::int AS enrolled,
                count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed
           FROM applications WHERE term = $1 GROUP BY 1`,
        [PAST],
      )
    ).map((r) => [r.code.trim(), r]),
  );
  let withApplicants = 0;
  for (const row of data.report) {
    expect(row.offerings).toBe(offerings.get(row.key) ?? 0);
    const r = residents.get(row.key);
    expect(row.applications.applicants).toEqual(shown(r?.applicants ?? 0));
    expect(row.applications.granted).toEqual(shown(r?.granted ?? 0));
    expect(row.applications.enrolled).toEqual(shown(r?.enrolled ?? 0));
    expect(row.applications.completed).toEqual(shown(r?.completed ?? 0));
    if ((r?.applicants ?? 0) >= 5) withApplicants++;
  }
  expect(withApplicants).toBeGreaterThan(10);
});

it('is for statisticians, coordinators and officers; anonymous callers are told to sign in', async () => {
  expect(errorCodes(await gqlAs(undefined, REPORT, { term: PAST, groupBy: 'SCHOOL_FORM' }))).toContain('UNAUTHENTICATED');
  expect(errorCodes(await gqlAs(await token({ role: 'provider', provider: 'prov-001' }), REPORT, { term: PAST, groupBy: 'SCHOOL_FORM' }))).toContain('FORBIDDEN');
  const coordinator = await gqlDataAs(await token({ role: 'coordinator' }), REPORT, { term: PAST, groupBy: 'PROVIDER_KIND' });
  expect(coordinator.report.map((r: { key: string }) => r.key)).toEqual(['MUNICIPAL', 'EXTERNAL']);
});

it('numbers intermunicipal compensation per home, organiser and school form, as SQL does', async () => {
  const data = await gqlDataAs(
    statistician,
    `query($term: String!) { intermunicipalCompensation(term: $term) { home { code } organiser { code } schoolForm students { value suppressed } enrolments coursePoints studyWeeks } }`,
    { term: PAST },
  );
  const expected = await sql(
    'applications',
    `SELECT home_municipality AS home, organising_municipality AS organiser, school_form AS "schoolForm",
            count(DISTINCT applicant_id)::int AS students, count(*)::int AS enrolments,
            coalesce(sum(course_points), 0)::int AS "coursePoints", coalesce(sum(study_weeks), 0)::int AS "studyWeeks"
       FROM applications WHERE term = $1 AND home_municipality <> organising_municipality
        AND status IN ('ENROLLED','COMPLETED','DROPPED_OUT') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [PAST],
  );
  expect(expected.length).toBeGreaterThan(10);
  expect(data.intermunicipalCompensation).toEqual(
    expected.map((r) => ({
      home: { code: r.home.trim() },
      organiser: { code: r.organiser.trim() },
      schoolForm: r.schoolForm,
      students: shown(r.students),
      enrolments: r.enrolments,
      coursePoints: r.coursePoints,
      studyWeeks: r.studyWeeks,
    })),
  );
});
