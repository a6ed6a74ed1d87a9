import type { DataSource } from 'typeorm';

/**
 * Raw counts over applications, one SQL statement per batch of keys. Suppression of
 * small groups happens where they are turned into the API's figures, never here.
 */

const EVER_ENROLLED = `a.status IN ('ENROLLED', 'COMPLETED', 'DROPPED_OUT')`;
const PASSED = `a.grade IN ('A', 'B', 'C', 'D', 'E', 'PASS')`;

export interface OfferingCounts {
  applicants: number;
  firstChoiceApplicants: number;
  granted: number;
  rejected: number;
  enrolled: number;
  waitlisted: number;
  completed: number;
}

export async function offeringCounts(ds: DataSource, offeringIds: readonly string[]): Promise<Map<string, OfferingCounts>> {
  const rows: (OfferingCounts & { key: string })[] = await ds.query(
    `SELECT a.offering_id AS key,
        count(DISTINCT a.applicant_id)::int AS "applicants",
        count(DISTINCT a.applicant_id) FILTER (WHERE a.ranking = 1)::int AS "firstChoiceApplicants",
        count(*) FILTER (WHERE a.decision_outcome = 'GRANTED')::int AS "granted",
        count(*) FILTER (WHERE a.decision_outcome = 'REJECTED')::int AS "rejected",
        count(*) FILTER (WHERE ${EVER_ENROLLED})::int AS "enrolled",
        count(*) FILTER (WHERE a.status = 'WAITLISTED')::int AS "waitlisted",
        count(*) FILTER (WHERE a.status = 'COMPLETED')::int AS "completed"
       FROM applications a WHERE a.offering_id = ANY($1::text[]) GROUP BY a.offering_id`,
    [offeringIds],
  );
  return new Map(rows.map(({ key, ...counts }) => [key, counts]));
}

export interface MunicipalityCounts {
  applicants: number;
  applications: number;
  firstChoiceGranted: number;
  granted: number;
  rejected: number;
  enrolled: number;
  completed: number;
  /** Residents enrolled at offerings another municipality organises. */
  studyingElsewhere: number;
  /** Residents of other municipalities enrolled at this municipality's offerings. */
  fromElsewhere: number;
}

export async function municipalityCounts(ds: DataSource, codes: readonly string[], term: string): Promise<Map<string, MunicipalityCounts>> {
  const home = 'a.home_municipality = k.code';
  const rows: (MunicipalityCounts & { key: string })[] = await ds.query(
    `SELECT k.code AS key,
        count(DISTINCT a.applicant_id) FILTER (WHERE ${home})::int AS "applicants",
        count(*) FILTER (WHERE ${home})::int AS "applications",
        count(DISTINCT a.applicant_id) FILTER (WHERE ${home} AND a.ranking = 1 AND a.decision_outcome = 'GRANTED')::int AS "firstChoiceGranted",
        count(*) FILTER (WHERE ${home} AND a.decision_outcome = 'GRANTED')::int AS "granted",
        count(*) FILTER (WHERE ${home} AND a.decision_outcome = 'REJECTED')::int AS "rejected",
        count(*) FILTER (WHERE ${home} AND ${EVER_ENROLLED})::int AS "enrolled",
        count(*) FILTER (WHERE ${home} AND a.status = 'COMPLETED')::int AS "completed",
        count(*) FILTER (WHERE ${home} AND a.organising_municipality <> k.code AND ${EVER_ENROLLED})::int AS "studyingElsewhere",
        count(*) FILTER (WHERE a.organising_municipality = k.code AND a.home_municipality <> k.code AND ${EVER_ENROLLED})::int AS "fromElsewhere"
       FROM unnest($1::bpchar[]) AS k(code)
       JOIN applications a ON a.term = $2 AND (a.home_municipality = k.code OR a.organising_municipality = k.code)
      GROUP BY k.code`,
    [codes, term],
  );
  return new Map(rows.map(({ key, ...counts }) => [key.trim(), counts]));
}

export interface ProviderCounts {
  enrolled: number;
  completed: number;
  passed: number;
  droppedOut: number;
}

export async function providerCounts(ds: DataSource, providerIds: readonly string[], term: string): Promise<Map<string, ProviderCounts>> {
  const rows: (ProviderCounts & { key: string })[] = await ds.query(
    `SELECT a.provider_id AS key,
        count(*) FILTER (WHERE ${EVER_ENROLLED})::int AS "enrolled",
        count(*) FILTER (WHERE a.status = 'COMPLETED')::int AS "completed",
        count(*) FILTER (WHERE a.status = 'COMPLETED' AND ${PASSED})::int AS "passed",
        count(*) FILTER (WHERE a.status = 'DROPPED_OUT')::int AS "droppedOut"
       FROM applications a WHERE a.provider_id = ANY($1::text[]) AND a.term = $2 GROUP BY a.provider_id`,
    [providerIds, term],
  );
  return new Map(rows.map(({ key, ...counts }) => [key, counts]));
}
