import 'reflect-metadata';
import { SchoolForm } from '../subgraphs/kit/domain';
import { DecisionOutcome, EducationLevel, LabourMarketStatus, LegalBasis } from '../subgraphs/applications/domain';
import { type ApplicantFacts, type OfferingFacts, recommend, submissionRefusal } from '../subgraphs/applications/rules';

/** One test per admission rule: the recommendation an officer sees, and the two hard rules. */

const applicant = (over: Partial<ApplicantFacts> = {}): ApplicantFacts => ({
  birthDate: '1990-05-17',
  homeMunicipality: '0180',
  educationLevel: EducationLevel.COMPULSORY,
  labourMarketStatus: LabourMarketStatus.EMPLOYED,
  needsSwedish: false,
  ...over,
});

const offering = (over: Partial<OfferingFacts> = {}): OfferingFacts => ({
  id: '0182-000001',
  municipalityCode: '0182',
  providerId: 'prov-001',
  schoolForm: SchoolForm.UPPER_SECONDARY,
  courseCode: 'SAMSAM01b',
  startDate: '2027-01-18',
  endDate: '2027-06-04',
  applicationOpens: '2026-11-01',
  applicationCloses: '2026-12-15',
  seats: 30,
  seatsLeft: 30,
  cancelled: false,
  ...over,
});

describe('hard rules: the application is refused outright', () => {
  it('refers applicants who live outside the county to their own municipality', () => {
    expect(submissionRefusal(applicant({ homeMunicipality: '1480' }), offering(), '2026-12-01')).toMatch(/home municipality \(1480\)/);
    expect(submissionRefusal(applicant({ homeMunicipality: '0182' }), offering(), '2026-12-01')).toBeUndefined();
  });

  it('takes applications only while the offering’s window is open, and never for a cancelled offering', () => {
    expect(submissionRefusal(applicant(), offering(), '2026-10-31')).toMatch(/open on 2026-11-01/);
    expect(submissionRefusal(applicant(), offering(), '2026-11-01')).toBeUndefined();
    expect(submissionRefusal(applicant(), offering(), '2026-12-15')).toBeUndefined();
    expect(submissionRefusal(applicant(), offering(), '2026-12-16')).toMatch(/closed on 2026-12-15/);
    expect(submissionRefusal(applicant(), offering({ cancelled: true }), '2026-12-01')).toMatch(/cancelled/);
  });
});

describe('recommendations', () => {
  it('basic adult education is a right from 1 July of the year one turns 20, for those lacking its knowledge', () => {
    const basic = offering({ schoolForm: SchoolForm.BASIC, courseCode: 'GRNSVE2' });
    const lacking = applicant({ educationLevel: EducationLevel.COMPULSORY_INCOMPLETE });
    expect(recommend(lacking, basic)).toMatchObject({ outcome: DecisionOutcome.GRANTED, basis: LegalBasis.RIGHT_BASIC, priority: 1 });
    expect(recommend(applicant({ educationLevel: EducationLevel.NONE }), basic).basis).toBe(LegalBasis.RIGHT_BASIC);
    expect(recommend(applicant({ educationLevel: EducationLevel.COMPULSORY }), basic)).toMatchObject({
      outcome: DecisionOutcome.REJECTED,
      basis: LegalBasis.HAS_KNOWLEDGE,
    });
    // Born 2007: turns 20 in 2027, eligible from 2027-07-01.
    const young = { ...lacking, birthDate: '2007-11-30' };
    expect(recommend(young, basic)).toMatchObject({ outcome: DecisionOutcome.REJECTED, basis: LegalBasis.NOT_ELIGIBLE_AGE });
    expect(recommend(young, { ...basic, startDate: '2027-06-30' }).basis).toBe(LegalBasis.NOT_ELIGIBLE_AGE);
    expect(recommend(young, { ...basic, startDate: '2027-07-01' }).basis).toBe(LegalBasis.RIGHT_BASIC);
  });

  it('upper-secondary courses giving the basic eligibility one lacks are a right', () => {
    const english = offering({ courseCode: 'ENGENG05' });
    for (const level of [EducationLevel.COMPULSORY, EducationLevel.UPPER_SECONDARY_WITHOUT_ELIGIBILITY]) {
      expect(recommend(applicant({ educationLevel: level }), english)).toMatchObject({
        outcome: DecisionOutcome.GRANTED,
        basis: LegalBasis.RIGHT_UPPER_SECONDARY_ELIGIBILITY,
        priority: 1,
      });
    }
    expect(recommend(applicant({ educationLevel: EducationLevel.UPPER_SECONDARY_WITH_ELIGIBILITY }), english).basis).toBe(
      LegalBasis.PRIORITY_LEAST_EDUCATION,
    );
  });

  it('other upper-secondary courses: the municipality decides, the least previous education first', () => {
    const history = offering({ courseCode: 'HISHIS01b' });
    const levels = [
      EducationLevel.NONE,
      EducationLevel.COMPULSORY,
      EducationLevel.UPPER_SECONDARY_INCOMPLETE,
      EducationLevel.UPPER_SECONDARY_WITH_ELIGIBILITY,
      EducationLevel.POST_SECONDARY,
    ];
    const recs = levels.map((educationLevel) => recommend(applicant({ educationLevel }), history));
    for (const r of recs) expect(r).toMatchObject({ outcome: DecisionOutcome.GRANTED, basis: LegalBasis.PRIORITY_LEAST_EDUCATION });
    const priorities = recs.map((r) => r.priority);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    expect(new Set(priorities).size).toBe(levels.length);
  });

  it('vocational packages: a weak position on the labour market first', () => {
    const care = offering({ schoolForm: SchoolForm.VOCATIONAL, courseCode: 'VÅRVÅR01' });
    const priority = (labourMarketStatus: LabourMarketStatus) => recommend(applicant({ labourMarketStatus }), care).priority;
    expect(recommend(applicant(), care).basis).toBe(LegalBasis.PRIORITY_LABOUR_MARKET);
    expect(priority(LabourMarketStatus.UNEMPLOYED)).toBe(priority(LabourMarketStatus.IN_PROGRAMME));
    expect(priority(LabourMarketStatus.UNEMPLOYED)).toBeLessThan(priority(LabourMarketStatus.OTHER));
    expect(priority(LabourMarketStatus.OTHER)).toBeLessThan(priority(LabourMarketStatus.EMPLOYED));
  });

  it('Sfi is a right from 1 July of the year one turns 16 for those lacking basic Swedish', () => {
    const sfi = offering({ schoolForm: SchoolForm.SFI, courseCode: 'SFI-B', startDate: '2027-01-18' });
    expect(recommend(applicant({ needsSwedish: true }), sfi)).toMatchObject({ outcome: DecisionOutcome.GRANTED, basis: LegalBasis.RIGHT_SFI, priority: 1 });
    expect(recommend(applicant({ needsSwedish: false }), sfi)).toMatchObject({ outcome: DecisionOutcome.REJECTED, basis: LegalBasis.NO_SWEDISH_NEED });
    // Born 2010 turns 16 in 2026: eligible from 2026-07-01; born 2011 not before 2027-07-01.
    expect(recommend(applicant({ needsSwedish: true, birthDate: '2010-12-31' }), sfi).basis).toBe(LegalBasis.RIGHT_SFI);
    expect(recommend(applicant({ needsSwedish: true, birthDate: '2011-01-01' }), sfi).basis).toBe(LegalBasis.NOT_ELIGIBLE_AGE);
  });

  it('särskild utbildning is for the municipality to decide', () => {
    const special = offering({ schoolForm: SchoolForm.SPECIAL, courseCode: 'SÄR-SVE' });
    expect(recommend(applicant(), special)).toMatchObject({ outcome: DecisionOutcome.GRANTED, basis: LegalBasis.MUNICIPAL_DISCRETION });
  });
});
