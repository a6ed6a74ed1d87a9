import type { DataSource } from 'typeorm';

/** A report row's scope as the providers subgraph gives it (an empty list: every value). */
export interface RowScope {
  term: string;
  municipalities: string[];
  providers: string[];
  schoolForms: string[];
  externalProviders: string[];
}

export interface RowCounts {
  applicants: number;
  firstChoiceAdmitted: number;
  granted: number;
  enrolled: number;
  completed: number;
  passed: number;
  droppedOut: number;
  atExternal: number;
  studyingElsewhere: number;
  fromElsewhere: number;
}

const EVER_ENROLLED = `a.status IN ('ENROLLED', 'COMPLETED', 'DROPPED_OUT')`;
const PASSED = `a.grade IN ('A', 'B', 'C', 'D', 'E', 'PASS')`;

/**
 * The counts of every row of a batch in one statement. A row's municipalities are its
 * residents (the applicants' home) for everything but `fromElsewhere`, which counts other
 * municipalities' residents at the offerings its municipalities organise.
 */
export async function rowCounts(ds: DataSource, rows: readonly RowScope[]): Promise<RowCounts[]> {
  const any = (list: string, column: string) => `(cardinality(r.${list}) = 0 OR a.${column} = ANY(r.${list}))`;
  const inScope = `a.term = r.term AND ${any('providers', 'provider_id')} AND ${any('forms', 'school_form')}`;
  const resident = any('munis', 'home_municipality');
  const result: (RowCounts & { i: number })[] = await ds.query(
    `SELECT r.i, c.* FROM jsonb_to_recordset($1::jsonb) AS r(i int, term text, munis text[], providers text[], forms text[], external text[])
     CROSS JOIN LATERAL (
       SELECT
         count(DISTINCT a.applicant_id) FILTER (WHERE ${resident})::int AS "applicants",
         count(DISTINCT a.applicant_id) FILTER (WHERE ${resident} AND a.ranking = 1 AND a.decision_outcome = 'GRANTED')::int AS "firstChoiceAdmitted",
         count(*) FILTER (WHERE ${resident} AND a.decision_outcome = 'GRANTED')::int AS "granted",
         count(*) FILTER (WHERE ${resident} AND ${EVER_ENROLLED})::int AS "enrolled",
         count(*) FILTER (WHERE ${resident} AND a.status = 'COMPLETED')::int AS "completed",
         count(*) FILTER (WHERE ${resident} AND a.status = 'COMPLETED' AND ${PASSED})::int AS "passed",
         count(*) FILTER (WHERE ${resident} AND a.status = 'DROPPED_OUT')::int AS "droppedOut",
         count(*) FILTER (WHERE ${resident} AND ${EVER_ENROLLED} AND a.provider_id = ANY(r.external))::int AS "atExternal",
         count(*) FILTER (WHERE ${resident} AND ${EVER_ENROLLED} AND a.organising_municipality <> a.home_municipality)::int AS "studyingElsewhere",
         count(*) FILTER (WHERE cardinality(r.munis) > 0 AND a.organising_municipality = ANY(r.munis)
           AND NOT (a.home_municipality = ANY(r.munis)) AND ${EVER_ENROLLED})::int AS "fromElsewhere"
       FROM applications a
       WHERE ${inScope} AND (${resident} OR a.organising_municipality = ANY(r.munis))
     ) c ORDER BY r.i`,
    [
      JSON.stringify(
        rows.map((r, i) => ({ i, term: r.term, munis: r.municipalities, providers: r.providers, forms: r.schoolForms, external: r.externalProviders })),
      ),
    ],
  );
  return result.map(({ i: _i, ...counts }) => counts);
}

export interface CompensationRow {
  home: string;
  organiser: string;
  schoolForm: string;
  students: number;
  enrolments: number;
  coursePoints: number;
  studyWeeks: number;
}

/**
 * Residents enrolled at another municipality's offerings in a term, per home, organising
 * municipality and school form: what the home municipality owes the organiser for.
 */
export async function compensationRows(ds: DataSource, term: string, homes: readonly string[] | null): Promise<CompensationRow[]> {
  return ds.query(
    `SELECT a.home_municipality AS home, a.organising_municipality AS organiser, a.school_form AS "schoolForm",
            count(DISTINCT a.applicant_id)::int AS students, count(*)::int AS enrolments,
            coalesce(sum(a.course_points), 0)::int AS "coursePoints", coalesce(sum(a.study_weeks), 0)::int AS "studyWeeks"
       FROM applications a
      WHERE a.term = $1 AND a.home_municipality <> a.organising_municipality AND ${EVER_ENROLLED}
        AND ($2::text[] IS NULL OR a.home_municipality = ANY($2::text[]))
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [term, homes],
  );
}
