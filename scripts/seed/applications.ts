/**
 * Applicants and their applications: residents of every municipality, in proportion to its
 * population and how many there take up adult education, each applying in one term whose
 * application windows have opened by today (applying.ts). Recommendations come from the
 * admission rules the API uses; what happened next is worked out offering by offering
 * (admission.ts).
 */

import { admitOffering, type Pending } from './admission';
import { ApplicationIds, sendApplications } from './applying';
import { ChoiceBook, MEAN_CHOICES, openOfferings } from './choices';
import { STOCKHOLM } from './municipalities';
import { must } from './must';
import { drawPerson, NumberRegister } from './people';
import { providerQualities } from './quality';
import { randInt, type Rng } from './random';
import { PARTICIPATION } from './residents';
import type {
  ApplicantRow,
  ApplicationEventRow,
  ApplicationRow,
  CourseRow,
  MunicipalityRow,
  OfferingCancellationRow,
  OfferingRow,
  ProviderRow,
  SeatReservationRow,
} from '../../subgraphs/kit/region-data';

/** Applicants in a term whose windows have all closed, at scale 1. */
const APPLICANTS_PER_TERM = 12_500;

export interface ApplicationData {
  applicants: ApplicantRow[];
  applications: ApplicationRow[];
  applicationEvents: ApplicationEventRow[];
  seatReservations: SeatReservationRow[];
  offeringCancellations: OfferingCancellationRow[];
}

export interface ApplicationInputs {
  /** Applicants, choices and people. */
  rng: Rng;
  /** Decisions, placements, results. */
  lifeRng: Rng;
  /** Each provider's pass and dropout rates. */
  qualityRng: Rng;
  today: number;
  scale: number;
  municipalities: readonly MunicipalityRow[];
  providers: readonly ProviderRow[];
  courses: readonly CourseRow[];
  offerings: readonly OfferingRow[];
}

/**
 * Applicants per municipality and term: by population, weighted by how many take up adult
 * education there; a term whose windows are still open has had only part of them.
 */
function applicantCounts(municipalities: readonly MunicipalityRow[], scale: number, termShares: ReadonlyMap<string, number>): Map<string, Map<string, number>> {
  const weight = (m: MunicipalityRow) => m.population * (PARTICIPATION[m.code] ?? 1);
  const total = municipalities.reduce((s, m) => s + weight(m), 0);
  const terms = [...termShares.keys()].sort(byTerm);
  return new Map(
    municipalities.map((m) => [
      m.code,
      new Map(terms.map((t) => [t, Math.round((APPLICANTS_PER_TERM * scale * (termShares.get(t) ?? 0) * weight(m)) / total)])),
    ]),
  );
}

/** VT2026 before HT2026 before VT2027. */
function byTerm(a: string, b: string): number {
  return a.slice(2).localeCompare(b.slice(2)) || b.localeCompare(a);
}

/** Case officers per municipality: `officer-<code>-<n>`. */
function officerCount(m: MunicipalityRow): number {
  if (m.code === STOCKHOLM) return 8;
  return m.population >= 90_000 ? 3 : m.population >= 40_000 ? 2 : 1;
}

export function buildApplications(input: ApplicationInputs): ApplicationData {
  const { rng, today } = input;
  const formOf = new Map(input.courses.map((c) => [c.code, c.schoolForm]));
  const { open, termShares } = openOfferings(rng, input.offerings, formOf, today);
  const counts = applicantCounts(input.municipalities, input.scale, termShares);
  let applicantTotal = 0;
  for (const perTerm of counts.values()) for (const n of perTerm.values()) applicantTotal += n;
  const book = new ChoiceBook(open, applicantTotal * MEAN_CHOICES);
  const numbers = new NumberRegister();
  const ids = new ApplicationIds();

  const applicants: ApplicantRow[] = [];
  const pending: Pending[] = [];
  const byOffering = new Map<string, Pending[]>();
  for (const [code, perTerm] of counts) {
    for (const [term, count] of perTerm) {
      for (let i = 0; i < count; i++) {
        const chosen = book.choose(rng, code, term);
        if (!chosen) break;
        const id = `applicant-${String(applicants.length + 1).padStart(6, '0')}`;
        const person = drawPerson(rng, chosen.form, today, numbers);
        const { applicant, sent } = sendApplications(rng, ids, id, code, person, chosen.choices);
        applicants.push(applicant);
        for (const p of sent) {
          pending.push(p);
          const list = byOffering.get(p.row.offeringId);
          if (list) list.push(p);
          else byOffering.set(p.row.offeringId, [p]);
        }
      }
    }
  }

  const qualities = providerQualities(input.qualityRng, input.providers);
  const officers = new Map(input.municipalities.map((m) => [m.code, officerCount(m)]));
  const lifeRng = input.lifeRng;
  const officer = (home: string) => `officer-${home}-${randInt(lifeRng, 1, officers.get(home) ?? 1)}`;
  const seatReservations: SeatReservationRow[] = [];
  const offeringCancellations: OfferingCancellationRow[] = [];
  for (const o of open) {
    const apps = byOffering.get(o.row.id) ?? [];
    const quality = must(qualities.get(o.row.providerId), `quality of ${o.row.providerId}`);
    const result = admitOffering({ rng: lifeRng, today, quality, officer }, o, apps);
    if (result.cancellation) offeringCancellations.push(result.cancellation);
    seatReservations.push(...result.reservations);
  }

  return {
    applicants,
    applications: pending.map((p) => p.row),
    applicationEvents: pending.flatMap((p) => p.events),
    seatReservations,
    offeringCancellations,
  };
}
