/** One applicant sending their applications: each within its offering's window, with the rules' recommendation. */

import type { Pending } from './admission';
import { MOTIVATIONS } from './application-words';
import type { Choice, OpenOffering } from './choices';
import type { Person } from './people';
import { chance, pick, randInt, type Rng } from './random';
import { isoMinute } from './terms';
import type { ApplicantRow, ApplicationRow } from '../../subgraphs/kit/region-data';
import type { SchoolForm } from '../../subgraphs/kit/domain';
import { CROCKFORD } from '../../subgraphs/applications/ids';
import type { EducationLevel, LabourMarketStatus } from '../../subgraphs/applications/domain';
import { recommend, type OfferingFacts } from '../../subgraphs/applications/rules';

const DAY_MINUTES = 1440;
const MOTIVATED = 0.3;

/** What the API knows of an offering when it recommends. */
function facts(o: OpenOffering): OfferingFacts {
  const r = o.row;
  return {
    id: r.id,
    municipalityCode: r.municipalityCode,
    providerId: r.providerId,
    schoolForm: o.form as SchoolForm,
    courseCode: r.courseCode,
    startDate: r.startDate,
    endDate: r.endDate,
    applicationOpens: r.applicationOpens,
    applicationCloses: r.applicationCloses,
    seats: r.seats,
    seatsLeft: r.seats,
    cancelled: false,
  };
}

export class ApplicationIds {
  private readonly taken = new Set<string>();

  /** `<home>-<10 Crockford base32 characters>`, as the API makes them, from the PRNG. */
  draw(rng: Rng, home: string): string {
    for (;;) {
      let s = '';
      for (let i = 0; i < 10; i++) s += CROCKFORD[Math.floor(rng() * 32)];
      const id = `${home}-${s}`;
      if (!this.taken.has(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }
}

/** The applicant, and each of their applications as just sent (SUBMITTED, one event). */
export function sendApplications(
  rng: Rng,
  ids: ApplicationIds,
  id: string,
  home: string,
  person: Person,
  choices: readonly Choice[],
): { applicant: ApplicantRow; sent: Pending[] } {
  const applicantFacts = {
    birthDate: person.birthDate,
    homeMunicipality: home,
    educationLevel: person.educationLevel as EducationLevel,
    labourMarketStatus: person.labourMarketStatus as LabourMarketStatus,
    needsSwedish: person.needsSwedish,
  };
  const sent = choices.map(({ offering: o, ranking }): Pending => {
    const submitDay = randInt(rng, o.opens, o.lastSubmitDay);
    const minute = submitDay * DAY_MINUTES + randInt(rng, 7 * 60, 22 * 60);
    const rec = recommend(applicantFacts, facts(o));
    const submittedAt = isoMinute(minute);
    const row: ApplicationRow = {
      id: ids.draw(rng, home),
      applicantId: id,
      homeMunicipalityCode: home,
      offeringId: o.row.id,
      organisingMunicipalityCode: o.row.municipalityCode,
      providerId: o.row.providerId,
      schoolForm: o.form,
      term: o.term,
      ranking,
      motivation: chance(rng, MOTIVATED) ? pick(rng, MOTIVATIONS[o.form]) : null,
      status: 'SUBMITTED',
      recommendationOutcome: rec.outcome,
      recommendationBasis: rec.basis,
      recommendationPriority: rec.priority,
      recommendationReason: rec.reason,
      decisionOutcome: null,
      decisionBasis: null,
      decisionNote: null,
      decidedBy: null,
      decidedAt: null,
      grade: null,
      submittedAt,
      updatedAt: submittedAt,
    };
    const event = { applicationId: row.id, at: submittedAt, from: null, to: 'SUBMITTED', actorRole: 'applicant', actor: id, reason: null } as const;
    return { row, events: [event], last: minute, submitDay };
  });
  const first = Math.min(...sent.map((p) => p.last));
  // The profile is saved just before the first application.
  const applicant = { id, homeMunicipalityCode: home, ...person, createdAt: isoMinute(first - randInt(rng, 2, 30)) };
  return { applicant, sent };
}
