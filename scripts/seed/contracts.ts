/**
 * Contracts between municipalities and providers, following how each
 * municipality buys adult education: own schools (egen regi), intermunicipal
 * agreements, joint procurement, authorisation (LOV) and ordinary procurement.
 */

import { ContractBook, contractDates, type DateWindow } from './contract-book';
import { ALL_FORMS } from './courses';
import { EKERO, JARFALLA, NACKA, NORDOST, NYKVARN, SODERTALJE, SPECIAL_MUNICIPALITIES, STOCKHOLM } from './municipalities';
import { must } from './must';
import { externalsFor, municipalOf, type ProviderPlan } from './providers';
import { chance, pick, pickWeighted, sampleWeighted, type Rng } from './random';
import type { MunicipalityRow, ProcurementModel, SchoolForm } from '../../subgraphs/kit/region-data';
import { ZONES, type ExternalProfile } from './words';

/** How likely a provider is to be chosen by a municipality: close to home first. */
function proximityWeight(provider: ProviderPlan, code: string): number {
  if (provider.profile === 'distance') return 1.5;
  if (provider.home === code) return 10;
  if (ZONES[provider.home] === ZONES[code]) return 3;
  if (ZONES[provider.home] === 'central' || ZONES[code] === 'central') return 1.5;
  return 1;
}

/** The forms a provider offers under one contract: broad providers leave some out now and then. */
function contractForms(rng: Rng, provider: ProviderPlan): SchoolForm[] {
  if (provider.profile !== 'broad') return [...provider.forms];
  const kept = provider.forms.filter(() => chance(rng, 0.8));
  return kept.length > 0 ? kept : [pick(rng, provider.forms)];
}

/** Picks `count` external providers for a municipality: a few of each main profile, the rest by proximity. */
function chooseExternals(rng: Rng, providers: readonly ProviderPlan[], code: string, count: number, population: number): ProviderPlan[] {
  const pool = externalsFor(providers, () => true);
  const minimums: [ExternalProfile, number][] = [
    ['broad', population > 70_000 ? 3 : 2],
    ['sfi', 1],
    ['vocational', 1],
  ];
  const chosen: ProviderPlan[] = [];
  for (const [profile, min] of minimums) {
    const ofProfile = pool.filter((p) => p.profile === profile);
    chosen.push(...sampleWeighted(rng, ofProfile, (p) => proximityWeight(p, code), min));
  }
  const rest = pool.filter((p) => !chosen.includes(p));
  chosen.push(...sampleWeighted(rng, rest, (p) => proximityWeight(p, code), count - chosen.length));
  return chosen;
}

function addOwnRegi(book: ContractBook, rng: Rng, providers: readonly ProviderPlan[], window: DateWindow): void {
  for (const p of providers.filter((x) => x.profile === 'municipal')) {
    book.add(p, p.home, 'OWN_REGI', p.forms, contractDates(rng, window));
  }
}

/** Nykvarn is tied to Södertälje; Ekerö combines intermunicipal agreements with procured distance courses. */
function addIntermunicipal(book: ContractBook, rng: Rng, providers: readonly ProviderPlan[], window: DateWindow): void {
  book.add(municipalOf(providers, SODERTALJE), NYKVARN, 'INTERMUNICIPAL', ALL_FORMS, contractDates(rng, window));
  book.add(municipalOf(providers, STOCKHOLM), EKERO, 'INTERMUNICIPAL', ALL_FORMS, contractDates(rng, window));
  const jarfalla = municipalOf(providers, JARFALLA);
  const jarfallaForms = jarfalla.forms.filter((f) => f === 'BASIC' || f === 'SFI' || f === 'VOCATIONAL');
  book.add(jarfalla, EKERO, 'INTERMUNICIPAL', jarfallaForms, contractDates(rng, window));

  const distance = externalsFor(providers, (p) => p.profile === 'distance');
  for (const p of sampleWeighted(rng, distance, () => 1, 2)) {
    book.add(p, EKERO, 'PROCUREMENT_LOU', p.forms, contractDates(rng, window));
  }
  const forNykvarn = pick(rng, distance.filter((p) => p.forms.includes('BASIC')));
  book.add(forNykvarn, NYKVARN, 'PROCUREMENT_LOU', forNykvarn.forms, contractDates(rng, window));
}

/** The four north-eastern municipalities procure jointly: same providers, forms and dates. */
function addNordost(
  book: ContractBook,
  rng: Rng,
  providers: readonly ProviderPlan[],
  municipalities: readonly MunicipalityRow[],
  window: DateWindow,
): void {
  const population = municipalities.filter((m) => NORDOST.includes(m.code)).reduce((s, m) => s + m.population, 0);
  const chosen = chooseExternals(rng, providers, '0160', 8, population);
  for (const p of chosen) {
    const forms = contractForms(rng, p);
    const dates = contractDates(rng, window);
    for (const code of NORDOST) book.add(p, code, 'PROCUREMENT_LOU', forms, dates);
  }
}

/** Nacka authorises every provider that meets its requirements (LOV). */
function addNacka(
  book: ContractBook,
  rng: Rng,
  providers: readonly ProviderPlan[],
  municipalities: readonly MunicipalityRow[],
  window: DateWindow,
): void {
  const nacka = must(
    municipalities.find((m) => m.code === NACKA),
    'Nacka',
  );
  const chosen = chooseExternals(rng, providers, NACKA, 10, nacka.population);
  for (const p of chosen) book.add(p, NACKA, 'AUTHORISATION_LOV', p.forms, contractDates(rng, window));
}

function addProcured(
  book: ContractBook,
  rng: Rng,
  providers: readonly ProviderPlan[],
  municipalities: readonly MunicipalityRow[],
  window: DateWindow,
): void {
  for (const m of municipalities) {
    if (SPECIAL_MUNICIPALITIES.includes(m.code)) continue;
    const count = m.code === STOCKHOLM ? 20 : Math.min(9, Math.max(4, Math.round(1 + m.population / 14000)));
    const chosen = chooseExternals(rng, providers, m.code, count, m.population);
    for (const p of chosen) {
      const model: ProcurementModel = chance(rng, 0.15) ? 'SERVICE_CONCESSION' : 'PROCUREMENT_LOU';
      book.add(p, m.code, model, contractForms(rng, p), contractDates(rng, window));
    }
  }
}

/** Every external provider works in several municipalities. */
function addMinimumReach(
  book: ContractBook,
  rng: Rng,
  providers: readonly ProviderPlan[],
  municipalities: readonly MunicipalityRow[],
  window: DateWindow,
): void {
  const ordinary = municipalities.filter((m) => !SPECIAL_MUNICIPALITIES.includes(m.code));
  for (const p of externalsFor(providers, () => true)) {
    while (book.countFor(p.row.id) < 3) {
      const free = ordinary.filter((m) => !book.find(p.row.id, m.code));
      if (free.length === 0) break;
      const m = pickWeighted(rng, free, free.map((x) => proximityWeight(p, x.code)));
      book.add(p, m.code, 'PROCUREMENT_LOU', contractForms(rng, p), contractDates(rng, window));
    }
  }
}

/** The model a municipality uses when it adds an external provider. */
function modelFor(code: string): ProcurementModel {
  return code === NACKA ? 'AUTHORISATION_LOV' : 'PROCUREMENT_LOU';
}

/** Makes sure every municipality has every school form covered by some contract. */
function ensureCoverage(
  book: ContractBook,
  rng: Rng,
  providers: readonly ProviderPlan[],
  municipalities: readonly MunicipalityRow[],
  window: DateWindow,
): void {
  const byId = new Map(providers.map((p) => [p.row.id, p]));
  for (const m of municipalities) {
    for (const form of ALL_FORMS) {
      if (book.covers(m.code, form)) continue;
      const group = NORDOST.includes(m.code) ? NORDOST : [m.code];
      const extendable = book
        .inMunicipality(m.code)
        .filter((c) => c.procurementModel !== 'OWN_REGI' && c.procurementModel !== 'INTERMUNICIPAL')
        .filter((c) => must(byId.get(c.providerId), 'provider').forms.includes(form));
      if (extendable.length > 0) {
        const providerId = pick(rng, extendable).providerId;
        for (const code of group) {
          const row = book.find(providerId, code);
          if (row) book.addForm(row, form);
        }
        continue;
      }
      const candidates = externalsFor(providers, (p) => p.forms.includes(form) && !book.find(p.row.id, m.code));
      const p = pickWeighted(rng, candidates, candidates.map((x) => proximityWeight(x, m.code)));
      const dates = contractDates(rng, window);
      for (const code of group) book.add(p, code, modelFor(code), [form], dates);
    }
  }
}

export function buildContracts(
  rng: Rng,
  providers: readonly ProviderPlan[],
  municipalities: readonly MunicipalityRow[],
  window: DateWindow,
): ContractBook {
  const book = new ContractBook();
  addOwnRegi(book, rng, providers, window);
  addIntermunicipal(book, rng, providers, window);
  addNordost(book, rng, providers, municipalities, window);
  addNacka(book, rng, providers, municipalities, window);
  addProcured(book, rng, providers, municipalities, window);
  addMinimumReach(book, rng, providers, municipalities, window);
  ensureCoverage(book, rng, providers, municipalities, window);
  return book;
}
