import { generateRegion } from '../scripts/seed/generate';
import type { ContractRow, RegionData, SchoolForm } from '../subgraphs/kit/region-data';
import { termOf } from '../subgraphs/kit/terms';

const TODAY = new Date('2025-10-15T00:00:00Z');
const TODAY_ISO = '2025-10-15';
const ALL_FORMS: SchoolForm[] = ['BASIC', 'UPPER_SECONDARY', 'VOCATIONAL', 'SFI', 'SPECIAL'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The term before TODAY's (HT2025). */
const PAST_TERM = 'VT2025';

function luhnValid(organisationNumber: string): boolean {
  const digits = organisationNumber.replace('-', '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('generateRegion', () => {
  let region: RegionData;
  let formOf: Map<string, SchoolForm>;

  beforeAll(() => {
    region = generateRegion({ scale: 1, today: TODAY });
    formOf = new Map(region.courses.map((c) => [c.code, c.schoolForm]));
  });

  it('is deterministic for the same options and varies with the seed', () => {
    const again = generateRegion({ scale: 1, today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(region));
    const other = generateRegion({ scale: 1, today: TODAY, seed: 7 });
    expect(JSON.stringify(other.offerings)).not.toBe(JSON.stringify(region.offerings));
  });

  it('has the expected sizes', () => {
    expect(region.municipalities).toHaveLength(26);
    expect(region.providers.length).toBeGreaterThanOrEqual(40);
    expect(region.providers.length).toBeLessThanOrEqual(50);
    expect(region.providers.filter((p) => p.kind === 'MUNICIPAL')).toHaveLength(15);
    expect(region.offerings.length).toBeGreaterThanOrEqual(5000);
  });

  it('gives scale 2 about twice the offerings', () => {
    const double = generateRegion({ scale: 2, today: TODAY });
    const ratio = double.offerings.length / region.offerings.length;
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it('reports progress', () => {
    const calls: [number, number][] = [];
    generateRegion({ scale: 1, today: TODAY, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(0);
    const last = calls[calls.length - 1];
    expect(last?.[0]).toBe(last?.[1]);
  });

  it('gives providers valid organisation numbers', () => {
    const numbers = new Set<string>();
    for (const p of region.providers) {
      expect(p.id).toMatch(/^prov-\d{3}$/);
      expect(p.organisationNumber).toMatch(/^\d{6}-\d{4}$/);
      expect(luhnValid(p.organisationNumber)).toBe(true);
      expect(p.organisationNumber[0]).toBe(p.kind === 'MUNICIPAL' ? '2' : '5');
      expect(Number(p.organisationNumber[2])).toBeGreaterThanOrEqual(2);
      numbers.add(p.organisationNumber);
    }
    expect(numbers.size).toBe(region.providers.length);
  });

  it('extends the vocational packages', () => {
    const byPackage = new Map<string, number>();
    for (const c of region.courses) {
      for (const name of c.vocationalPackages) byPackage.set(name, (byPackage.get(name) ?? 0) + 1);
      if (c.vocationalPackages.length > 0) expect(c.schoolForm).toBe('VOCATIONAL');
    }
    for (const name of ['Barnskötare', 'Elektriker', 'Kock', 'Lastbilsförare']) {
      expect(byPackage.get(name)).toBeGreaterThanOrEqual(4);
      expect(byPackage.get(name)).toBeLessThanOrEqual(7);
    }
    expect(byPackage.get('Undersköterska')).toBe(8);
  });

  it('lets every municipality offer all school forms through at least two providers', () => {
    for (const m of region.municipalities) {
      const contracts = region.contracts.filter((c) => c.municipalityCode === m.code);
      expect(new Set(contracts.map((c) => c.providerId)).size).toBeGreaterThanOrEqual(2);
      expect(new Set(contracts.flatMap((c) => c.schoolForms))).toEqual(new Set(ALL_FORMS));
    }
    for (const c of region.contracts) {
      expect(c.validFrom <= TODAY_ISO).toBe(true);
      expect(c.schoolForms.length).toBeGreaterThan(0);
    }
  });

  it('follows the municipalities’ procurement models', () => {
    const models = (code: string) => new Set(region.contracts.filter((c) => c.municipalityCode === code).map((c) => c.procurementModel));
    expect(models('0182')).toEqual(new Set(['AUTHORISATION_LOV']));
    expect(models('0140').has('INTERMUNICIPAL')).toBe(true);
    expect(models('0125').has('INTERMUNICIPAL')).toBe(true);
    const providersOf = (code: string) =>
      region.contracts
        .filter((c) => c.municipalityCode === code)
        .map((c) => c.providerId)
        .sort();
    expect(providersOf('0115')).toEqual(providersOf('0160'));
    expect(providersOf('0162')).toEqual(providersOf('0187'));
    for (const p of region.providers.filter((x) => x.kind === 'MUNICIPAL')) {
      expect(region.contracts.some((c) => c.providerId === p.id && c.procurementModel === 'OWN_REGI')).toBe(true);
    }
  });

  it('keeps every offering within a valid contract, site and date frame', () => {
    const contracts = new Map<string, ContractRow[]>();
    for (const c of region.contracts) {
      const key = `${c.providerId}|${c.municipalityCode}`;
      contracts.set(key, [...(contracts.get(key) ?? []), c]);
    }
    const sites = new Map(region.sites.map((s) => [s.id, s]));
    const ids = new Set<string>();
    const problems: string[] = [];
    for (const o of region.offerings) {
      if (!new RegExp(`^${o.municipalityCode}-\\d{6}$`).test(o.id)) problems.push(`${o.id}: id format`);
      ids.add(o.id);
      const form = formOf.get(o.courseCode);
      if (form === undefined) problems.push(`${o.id}: unknown course ${o.courseCode}`);
      const valid = (contracts.get(`${o.providerId}|${o.municipalityCode}`) ?? []).some(
        (c) =>
          form !== undefined &&
          c.schoolForms.includes(form) &&
          c.validFrom <= o.startDate &&
          (c.validTo === null || o.startDate <= c.validTo),
      );
      if (!valid) problems.push(`${o.id}: no valid contract`);
      if (o.studyMode === 'DISTANCE') {
        if (o.siteId !== null) problems.push(`${o.id}: distance offering with a site`);
      } else {
        const site = o.siteId === null ? undefined : sites.get(o.siteId);
        if (!site || site.providerId !== o.providerId || site.municipalityCode !== o.municipalityCode) {
          problems.push(`${o.id}: site outside its provider or municipality`);
        }
      }
      const dates = [o.applicationOpens, o.applicationCloses, o.startDate, o.endDate];
      if (!dates.every((d) => ISO_DATE.test(d))) problems.push(`${o.id}: date format`);
      const ordered = o.applicationOpens < o.applicationCloses && o.applicationCloses < o.startDate && o.startDate < o.endDate;
      if (!ordered) problems.push(`${o.id}: dates out of order`);
      if (new Date(`${o.startDate}T00:00:00Z`).getUTCDay() !== 1) problems.push(`${o.id}: start is not a Monday`);
      if (![25, 50, 75, 100].includes(o.pace)) problems.push(`${o.id}: pace ${o.pace}`);
      if (o.seats < 10 || o.seats > 35) problems.push(`${o.id}: seats ${o.seats}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(ids.size).toBe(region.offerings.length);
  });

  it('spreads offerings over municipalities and school forms', () => {
    const perMunicipality = countBy(region.offerings, (o) => o.municipalityCode);
    for (const m of region.municipalities) {
      expect(perMunicipality.get(m.code) ?? 0).toBeGreaterThanOrEqual(40);
      const forms = new Set(region.offerings.filter((o) => o.municipalityCode === m.code).map((o) => formOf.get(o.courseCode)));
      expect(forms).toEqual(new Set(ALL_FORMS));
    }
    const stockholmShare = (perMunicipality.get('0180') ?? 0) / region.offerings.length;
    expect(stockholmShare).toBeGreaterThan(0.35);
    expect(stockholmShare).toBeLessThan(0.45);
  });

  it('has offerings open for application today and plenty mentioning svenska', () => {
    const open = region.offerings.filter((o) => o.applicationOpens <= TODAY_ISO && TODAY_ISO <= o.applicationCloses);
    expect(open.length).toBeGreaterThan(50);
    const svenska = countBy(
      region.offerings.filter((o) => /svenska/i.test(`${o.title} ${o.description}`)),
      (o) => o.municipalityCode,
    );
    const withPlenty = region.municipalities.filter((m) => (svenska.get(m.code) ?? 0) >= 10);
    expect(withPlenty.length).toBeGreaterThanOrEqual(20);
  });

  it('adds the previous term’s offerings after the others, numbered on from each municipality’s last', () => {
    const terms = region.offerings.map((o) => termOf(o.startDate));
    const firstPast = terms.indexOf(PAST_TERM);
    expect(firstPast).toBeGreaterThan(0);
    expect(terms.slice(0, firstPast)).not.toContain(PAST_TERM);
    expect(terms.slice(firstPast).every((t) => t === PAST_TERM)).toBe(true);
    const share = (terms.length - firstPast) / firstPast;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.4);
    for (const m of region.municipalities) {
      const seqs = region.offerings.filter((o) => o.municipalityCode === m.code).map((o) => Number(o.id.slice(5)));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
  });
});
