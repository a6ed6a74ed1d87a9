/**
 * Deterministic generator for the region's seed data: municipalities, providers,
 * sites, contracts, courses and course offerings. Pure: no I/O beyond the two
 * reference JSON files, no clock, no Math.random. The same options always give
 * the same data.
 *
 * Invariant kept for every offering: its provider has a contract with the
 * offering's municipality that covers the course's school form and is valid on
 * the start date; ON_SITE/HYBRID offerings use a site of that provider in that
 * municipality, DISTANCE offerings have no site.
 */

import municipalitiesFile from '../../subgraphs/kit/data/municipalities.json';
import coursesFile from '../../subgraphs/offerings/data/courses.json';
import type {
  ContractRow,
  CourseRow,
  GenerateOptions,
  MunicipalityRow,
  OfferingRow,
  ProcurementModel,
  ProviderKind,
  ProviderRow,
  RegionData,
  SchoolForm,
  SiteRow,
  StudyMode,
} from './types';
import {
  EXTERNAL_PROVIDERS,
  EXTRA_SENTENCES,
  LOCALITIES,
  MUNICIPAL_PROVIDER_NAMES,
  PACKAGE_OCCUPATIONS,
  SFI_PATH_AUDIENCE,
  STREET_NAMES,
  SUBJECT_FOCUS,
  SUPPORT_LANGUAGES,
  SWEDISH_MONTHS,
  ZONES,
  type ExternalProfile,
  type Locality,
} from './words';

// ---------------------------------------------------------------------------
// Constants

const DEFAULT_SEED = 20261;
const OFFERINGS_PER_SCALE = 5200;
const MIN_OFFERINGS_PER_MUNICIPALITY = 40;
const PROGRESS_EVERY = 5000;
const DAY_MS = 86_400_000;

const ALL_FORMS: readonly SchoolForm[] = ['BASIC', 'UPPER_SECONDARY', 'VOCATIONAL', 'SFI', 'SPECIAL'];

const STOCKHOLM = '0180';
const SODERTALJE = '0181';
const NYKVARN = '0140';
const EKERO = '0125';
const JARFALLA = '0123';
const NACKA = '0182';
/** Vallentuna, Täby, Danderyd and Vaxholm procure together. */
const NORDOST: readonly string[] = ['0115', '0160', '0162', '0187'];
const SPECIAL_MUNICIPALITIES: readonly string[] = [...NORDOST, NACKA, EKERO, NYKVARN];

/** Relative share of offerings per school form within a municipality. */
const FORM_WEIGHTS: Record<SchoolForm, number> = {
  UPPER_SECONDARY: 36,
  SFI: 22,
  VOCATIONAL: 20,
  BASIC: 16,
  SPECIAL: 6,
};

/** Relative popularity of courses (default 1). */
const COURSE_WEIGHTS: Record<string, number> = {
  SVESVE01: 5,
  SVESVE02: 4,
  SVESVE03: 3,
  SVASVA01: 5,
  SVASVA02: 4,
  SVASVA03: 3,
  ENGENG05: 5,
  ENGENG06: 4,
  ENGENG07: 1.5,
  MATMAT01a: 4,
  MATMAT01b: 5,
  MATMAT01c: 2,
  MATMAT02a: 2.5,
  MATMAT02b: 3,
  MATMAT02c: 2,
  MATMAT03b: 2,
  MATMAT03c: 2,
  MATMAT04: 1,
  MATMAT05: 0.5,
  SAMSAM01a1: 3,
  SAMSAM01a2: 2.5,
  SAMSAM01b: 3,
  HISHIS01a1: 2.5,
  HISHIS01b: 2,
  RELREL01: 2,
  NAKNAK01a1: 2,
  NAKNAK01b: 2.5,
  BIOBIO01: 1.5,
  KEMKEM01: 1.5,
  FYSFYS02: 0.5,
  PSKPSY01: 2,
  FÖRFÖR01: 1.5,
  GRNSVE2: 3,
  GRNSVA2: 5,
  GRNMAT2: 4,
  GRNENG2: 3,
  GRNSAM2: 1.5,
  GRNNAT2: 1.5,
  'SFI-A': 1,
  'SFI-B': 1.5,
  'SFI-C': 3,
  'SFI-D': 3.5,
  'SÄR-SVE': 1.5,
};

type Profile = 'municipal' | ExternalProfile;

/** [ON_SITE, HYBRID, DISTANCE] weights per provider profile. */
const MODE_WEIGHTS: Record<Profile, readonly [number, number, number]> = {
  municipal: [70, 15, 15],
  broad: [55, 15, 30],
  sfi: [75, 15, 10],
  vocational: [70, 25, 5],
  distance: [5, 10, 85],
  special: [85, 10, 5],
};

const PROFILE_WEIGHTS: Record<ExternalProfile, number> = {
  broad: 1.3,
  sfi: 1.2,
  vocational: 1,
  distance: 0.7,
  special: 1,
};

const STUDY_MODES: readonly StudyMode[] = ['ON_SITE', 'HYBRID', 'DISTANCE'];
const PACES: readonly (25 | 50 | 75 | 100)[] = [25, 50, 75, 100];

// ---------------------------------------------------------------------------
// Random numbers

type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG. */
function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  if (items.length === 0) throw new Error('weighted pick from an empty list');
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

/** Picks up to `count` distinct items, each draw weighted. */
function sampleWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number, count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    const item = pickWeighted(rng, pool, pool.map(weight));
    chosen.push(item);
    pool.splice(pool.indexOf(item), 1);
  }
  return chosen;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

// ---------------------------------------------------------------------------
// Dates: whole UTC days since 1970-01-01

const isoCache = new Map<number, string>();

function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function iso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

function parts(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function mondayOnOrAfter(day: number): number {
  return day + ((7 - weekday(day)) % 7);
}

function swedishDate(day: number, withYear: boolean): string {
  const p = parts(day);
  const month = must(SWEDISH_MONTHS[p.month - 1], 'month name');
  return withYear ? `${p.date} ${month} ${p.year}` : `${p.date} ${month}`;
}

// ---------------------------------------------------------------------------
// Terms

interface Term {
  kind: 'HT' | 'VT';
  year: number;
  start: number;
  end: number;
  /** Mondays on which courses start (rolling intake). */
  startDays: number[];
  startWeights: number[];
}

function makeTerm(kind: 'HT' | 'VT', year: number): Term {
  const start = kind === 'HT' ? mondayOnOrAfter(dayOf(year, 8, 15)) : mondayOnOrAfter(dayOf(year, 1, 15));
  const end = kind === 'HT' ? dayOf(year + 1, 1, 15) : dayOf(year, 6, 7);
  const christmasFrom = dayOf(year, 12, 10);
  const christmasTo = dayOf(year + 1, 1, 7);
  const startDays: number[] = [];
  // The last intake of the spring term closes when the autumn admission period opens.
  const lastStart = end - (kind === 'VT' ? 14 : 21);
  for (let d = start; d <= lastStart; d += 7) {
    if (kind === 'HT' && d >= christmasFrom && d < christmasTo) continue;
    startDays.push(d);
  }
  // A big intake at the start of term, a smaller one around mid-term.
  const middle = startDays[Math.floor(startDays.length / 2)];
  const startWeights = startDays.map((d, i) => (i === 0 ? 5 : d === middle ? 2 : 1));
  return { kind, year, start, end, startDays, startWeights };
}

/** The term `today` falls in; the summer break counts towards the coming autumn term. */
function currentTerm(today: number): Term {
  const { year } = parts(today);
  if (today < dayOf(year, 1, 15)) return makeTerm('HT', year - 1);
  if (today <= dayOf(year, 6, 7)) return makeTerm('VT', year);
  return makeTerm('HT', year);
}

function nextTerm(term: Term): Term {
  return term.kind === 'HT' ? makeTerm('VT', term.year + 1) : makeTerm('HT', term.year);
}

// ---------------------------------------------------------------------------
// Reference data

interface RawCourse {
  code: string;
  name: string;
  points: number | null;
  subject: string;
  schoolForm: string;
  studyPaths?: number[];
}

interface RawPackage {
  name: string;
  area: string;
  courses: string[];
}

interface CourseInfo {
  row: CourseRow;
  studyPaths: number[];
  weight: number;
}

interface PackageInfo {
  name: string;
  area: string;
  courses: CourseInfo[];
}

function parseSchoolForm(value: string): SchoolForm {
  const form = ALL_FORMS.find((f) => f === value);
  if (!form) throw new Error(`unknown school form ${value}`);
  return form;
}

function loadMunicipalities(): MunicipalityRow[] {
  return municipalitiesFile.municipalities.map((m) => ({
    code: m.code,
    name: m.name,
    population: m.population,
    ownSchools: m.ownSchools,
  }));
}

function loadCourses(): { courses: CourseInfo[]; packages: PackageInfo[] } {
  const rawPackages: readonly RawPackage[] = coursesFile.vocationalPackages;
  const rawCourses: readonly RawCourse[] = coursesFile.courses;
  const courses = rawCourses.map((c) => ({
    row: {
      code: c.code,
      name: c.name,
      points: c.points,
      subject: c.subject,
      schoolForm: parseSchoolForm(c.schoolForm),
      vocationalPackages: rawPackages.filter((p) => p.courses.includes(c.code)).map((p) => p.name),
    },
    studyPaths: c.studyPaths ?? [],
    weight: COURSE_WEIGHTS[c.code] ?? 1,
  }));
  const byCode = new Map(courses.map((c) => [c.row.code, c]));
  const packages = rawPackages.map((p) => ({
    name: p.name,
    area: p.area,
    courses: p.courses.map((code) => must(byCode.get(code), `course ${code} of package ${p.name}`)),
  }));
  return { courses, packages };
}

function displayName(m: MunicipalityRow): string {
  return m.code === STOCKHOLM ? 'Stockholms stad' : `${m.name} kommun`;
}

function localitiesOf(code: string): Locality[] {
  const list = LOCALITIES[code];
  if (!list || list.length === 0) throw new Error(`no localities for municipality ${code}`);
  return list;
}

// ---------------------------------------------------------------------------
// Providers

interface ProviderPlan {
  row: ProviderRow;
  brand: string;
  profile: Profile;
  forms: SchoolForm[];
  packages: string[];
  home: string;
  siteStem: string;
}

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function organisationNumber(rng: Rng, kind: ProviderKind, taken: Set<string>): string {
  for (;;) {
    const body =
      kind === 'MUNICIPAL'
        ? `212000${String(randInt(rng, 0, 999)).padStart(3, '0')}`
        : `${pick(rng, ['556', '559'])}${String(randInt(rng, 0, 999_999)).padStart(6, '0')}`;
    const full = `${body}${luhnCheckDigit(body)}`;
    const formatted = `${full.slice(0, 6)}-${full.slice(6)}`;
    if (!taken.has(formatted)) {
      taken.add(formatted);
      return formatted;
    }
  }
}

function providerId(n: number): string {
  return `prov-${String(n).padStart(3, '0')}`;
}

function municipalPackages(rng: Rng, code: string, all: readonly PackageInfo[]): string[] {
  if (code === STOCKHOLM) return all.map((p) => p.name);
  return all
    .filter((p) => {
      if (p.name === 'Undersköterska') return true;
      if (p.name === 'Barnskötare') return chance(rng, 0.6);
      if (p.name === 'Lastbilsförare' && code === SODERTALJE) return true;
      return chance(rng, 0.25);
    })
    .map((p) => p.name);
}

function buildProviders(rng: Rng, municipalities: readonly MunicipalityRow[], packages: readonly PackageInfo[]): ProviderPlan[] {
  const taken = new Set<string>();
  const plans: ProviderPlan[] = [];
  for (const m of municipalities.filter((x) => x.ownSchools)) {
    const name = must(MUNICIPAL_PROVIDER_NAMES[m.code], `municipal provider name for ${m.code}`);
    const keepSpecial = m.code === STOCKHOLM || m.code === SODERTALJE || chance(rng, 0.7);
    plans.push({
      row: {
        id: providerId(plans.length + 1),
        name,
        organisationNumber: organisationNumber(rng, 'MUNICIPAL', taken),
        kind: 'MUNICIPAL',
        gradingRights: true,
      },
      brand: name,
      profile: 'municipal',
      forms: ALL_FORMS.filter((f) => f !== 'SPECIAL' || keepSpecial),
      packages: municipalPackages(rng, m.code, packages),
      home: m.code,
      siteStem: pick(rng, ['Lärcentrum', 'Vuxencentrum', 'Kunskapshuset', 'Vuxenutbildningen']),
    });
  }
  for (const def of EXTERNAL_PROVIDERS) {
    plans.push({
      row: {
        id: providerId(plans.length + 1),
        name: def.name,
        organisationNumber: organisationNumber(rng, 'EXTERNAL', taken),
        kind: 'EXTERNAL',
        gradingRights: def.gradingRights,
      },
      brand: def.brand,
      profile: def.profile,
      forms: ALL_FORMS.filter((f) => def.forms.includes(f)),
      packages: [...def.packages],
      home: def.home,
      siteStem: def.brand,
    });
  }
  return plans;
}

// ---------------------------------------------------------------------------
// Contracts

interface DateWindow {
  today: number;
  firstStart: number;
  lastEnd: number;
}

interface ContractDates {
  validFrom: string;
  validTo: string | null;
}

function contractDates(rng: Rng, window: DateWindow): ContractDates {
  const limit = Math.min(window.today, window.firstStart);
  const year = parts(limit).year;
  const options: number[] = [];
  for (let y = year - 2; y <= year; y++) {
    for (const month of [1, 7]) {
      const d = dayOf(y, month, 1);
      if (d <= limit) options.push(d);
    }
  }
  const validFrom = iso(pick(rng, options));
  if (chance(rng, 0.55)) return { validFrom, validTo: null };
  const endYear = parts(window.lastEnd).year + randInt(rng, 1, 2);
  const validTo = chance(rng, 0.5) ? dayOf(endYear, 6, 30) : dayOf(endYear, 12, 31);
  return { validFrom, validTo: iso(validTo) };
}

class ContractBook {
  readonly rows: ContractRow[] = [];
  private readonly byMunicipality = new Map<string, ContractRow[]>();

  add(provider: ProviderPlan, municipalityCode: string, model: ProcurementModel, forms: readonly SchoolForm[], dates: ContractDates): ContractRow {
    const row: ContractRow = {
      id: `contract-${String(this.rows.length + 1).padStart(4, '0')}`,
      providerId: provider.row.id,
      municipalityCode,
      procurementModel: model,
      schoolForms: ALL_FORMS.filter((f) => forms.includes(f)),
      validFrom: dates.validFrom,
      validTo: dates.validTo,
    };
    this.rows.push(row);
    const list = this.byMunicipality.get(municipalityCode) ?? [];
    list.push(row);
    this.byMunicipality.set(municipalityCode, list);
    return row;
  }

  inMunicipality(code: string): ContractRow[] {
    return this.byMunicipality.get(code) ?? [];
  }

  find(providerId: string, municipalityCode: string): ContractRow | undefined {
    return this.inMunicipality(municipalityCode).find((c) => c.providerId === providerId);
  }

  covers(code: string, form: SchoolForm): boolean {
    return this.inMunicipality(code).some((c) => c.schoolForms.includes(form));
  }

  addForm(row: ContractRow, form: SchoolForm): void {
    if (!row.schoolForms.includes(form)) {
      row.schoolForms = ALL_FORMS.filter((f) => f === form || row.schoolForms.includes(f));
    }
  }

  countFor(providerId: string): number {
    return this.rows.filter((c) => c.providerId === providerId).length;
  }
}

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

function externalsFor(providers: readonly ProviderPlan[], filter: (p: ProviderPlan) => boolean): ProviderPlan[] {
  return providers.filter((p) => p.row.kind === 'EXTERNAL' && filter(p));
}

function municipalOf(providers: readonly ProviderPlan[], code: string): ProviderPlan {
  return must(
    providers.find((p) => p.profile === 'municipal' && p.home === code),
    `municipal provider of ${code}`,
  );
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

function buildContracts(
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

// ---------------------------------------------------------------------------
// Sites

class SiteBook {
  readonly rows: SiteRow[] = [];
  private readonly byKey = new Map<string, SiteRow[]>();

  constructor(private readonly rng: Rng) {}

  at(providerId: string, municipalityCode: string): SiteRow[] {
    return this.byKey.get(`${providerId}|${municipalityCode}`) ?? [];
  }

  add(provider: ProviderPlan, municipalityCode: string): SiteRow {
    const rng = this.rng;
    const existing = this.at(provider.row.id, municipalityCode);
    const localities = localitiesOf(municipalityCode);
    const unused = localities.filter((l) => !existing.some((s) => s.city === l.city));
    const locality = unused.length > 0 ? (existing.length === 0 ? (unused[0] as Locality) : pick(rng, unused)) : pick(rng, localities);
    const street = pick(rng, STREET_NAMES);
    const taken = existing.some((s) => s.city === locality.city);
    const name = `${provider.siteStem} ${locality.city}${taken ? `, ${street}` : ''}`;
    const row: SiteRow = {
      id: `site-${String(this.rows.length + 1).padStart(4, '0')}`,
      providerId: provider.row.id,
      name,
      streetAddress: `${street} ${randInt(rng, 1, 64)}`,
      postalCode: `${pick(rng, locality.postalPrefixes)} ${String(randInt(rng, 10, 99))}`,
      city: locality.city,
      municipalityCode,
      latitude: round5(locality.lat + (rng() - 0.5) * 0.016),
      longitude: round5(locality.lon + (rng() - 0.5) * 0.028),
    };
    this.rows.push(row);
    this.byKey.set(`${provider.row.id}|${municipalityCode}`, [...existing, row]);
    return row;
  }
}

function round5(x: number): number {
  return Math.round(x * 100000) / 100000;
}

function homeSiteCount(rng: Rng, provider: ProviderPlan, municipality: MunicipalityRow): number {
  const localities = localitiesOf(municipality.code).length;
  if (provider.profile !== 'municipal') return provider.home === STOCKHOLM && provider.profile === 'broad' ? 2 : 1;
  if (municipality.population >= 500_000) return Math.min(localities, 6);
  if (municipality.population >= 90_000) return Math.min(localities, 2);
  return localities > 1 && chance(rng, 0.5) ? 2 : 1;
}

function buildSites(
  rng: Rng,
  providers: readonly ProviderPlan[],
  municipalities: readonly MunicipalityRow[],
  book: ContractBook,
): SiteBook {
  const sites = new SiteBook(rng);
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  for (const p of providers) {
    const home = must(byCode.get(p.home), `municipality ${p.home}`);
    const n = homeSiteCount(rng, p, home);
    for (let i = 0; i < n; i++) sites.add(p, p.home);
  }
  // Intermunicipal partners keep a local study centre in the partner municipality.
  sites.add(municipalOf(providers, SODERTALJE), NYKVARN);
  sites.add(municipalOf(providers, JARFALLA), EKERO);

  for (const c of book.rows) {
    const p = must(
      providers.find((x) => x.row.id === c.providerId),
      `provider ${c.providerId}`,
    );
    if (p.profile === 'municipal' || p.profile === 'distance') continue;
    if (sites.at(p.row.id, c.municipalityCode).length > 0) continue;
    if (c.municipalityCode === EKERO) continue; // procured distance only
    const p1 = c.municipalityCode === STOCKHOLM ? 0.8 : 0.55;
    if (!chance(rng, p1)) continue;
    sites.add(p, c.municipalityCode);
    if (c.municipalityCode === STOCKHOLM && chance(rng, 0.4)) sites.add(p, c.municipalityCode);
  }
  ensureLocalSites(rng, sites, providers, municipalities, book);
  return sites;
}

/** Municipalities without own schools need some external provider with a site locally. */
function ensureLocalSites(
  rng: Rng,
  sites: SiteBook,
  providers: readonly ProviderPlan[],
  municipalities: readonly MunicipalityRow[],
  book: ContractBook,
): void {
  for (const m of municipalities) {
    if (m.ownSchools || m.code === EKERO) continue;
    const local = book
      .inMunicipality(m.code)
      .map((c) => must(providers.find((p) => p.row.id === c.providerId), 'provider'))
      .filter((p) => p.profile !== 'distance' && p.profile !== 'municipal');
    const withSite = local.filter((p) => sites.at(p.row.id, m.code).length > 0);
    const without = shuffled(
      rng,
      local.filter((p) => !withSite.includes(p)),
    );
    for (let i = withSite.length; i < 2 && without.length > 0; i++) {
      sites.add(must(without.shift(), 'provider'), m.code);
    }
  }
}

// ---------------------------------------------------------------------------
// Offerings

interface Candidate {
  contract: ContractRow;
  provider: ProviderPlan;
  weight: number;
}

interface MunicipalityInfo {
  row: MunicipalityRow;
  display: string;
}

interface OfferingContext {
  rng: Rng;
  terms: Term[];
  termWeights: number[];
  municipalities: Map<string, MunicipalityInfo>;
  providers: Map<string, ProviderPlan>;
  book: ContractBook;
  sites: SiteBook;
  courses: CourseInfo[];
  packages: Map<string, PackageInfo>;
  candidateCache: Map<string, Candidate[]>;
  courseCache: Map<string, CourseInfo[]>;
}

/** Splits `total` by weight, giving each at least `min`; the parts add up to `total` (or more if the minimums demand it). */
function allocate(total: number, weights: readonly number[], min: number): number[] {
  const n = weights.length;
  const fixed = new Array<boolean>(n).fill(false);
  for (;;) {
    const freeWeight = weights.reduce((s, w, i) => (fixed[i] ? s : s + w), 0);
    const remaining = total - min * fixed.filter(Boolean).length;
    let changed = false;
    weights.forEach((w, i) => {
      if (!fixed[i] && (remaining * w) / freeWeight < min) {
        fixed[i] = true;
        changed = true;
      }
    });
    if (changed) continue;
    const exact = weights.map((w, i) => (fixed[i] ? min : (Math.max(0, remaining) * w) / freeWeight));
    const out = exact.map(Math.floor);
    let left = Math.max(0, total - out.reduce((s, x) => s + x, 0));
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order) {
      if (left <= 0) break;
      if (fixed[i]) continue;
      out[i] = (out[i] ?? 0) + 1;
      left--;
    }
    return out;
  }
}

function isValidOn(contract: ContractRow, date: string): boolean {
  return contract.validFrom <= date && (contract.validTo === null || date <= contract.validTo);
}

function candidates(ctx: OfferingContext, code: string, form: SchoolForm, day: number): Candidate[] {
  const key = `${code}|${form}|${day}`;
  const cached = ctx.candidateCache.get(key);
  if (cached) return cached;
  const date = iso(day);
  const list = ctx.book
    .inMunicipality(code)
    .filter((c) => c.schoolForms.includes(form) && isValidOn(c, date))
    .map((c) => ({ contract: c, provider: must(ctx.providers.get(c.providerId), 'provider'), weight: 0 }));
  let externalWeight = 0;
  for (const c of list) {
    if (c.provider.profile === 'municipal') continue;
    const concession = c.contract.procurementModel === 'SERVICE_CONCESSION' ? 0.7 : 1;
    c.weight = PROFILE_WEIGHTS[c.provider.profile] * concession;
    externalWeight += c.weight;
  }
  for (const c of list) {
    if (c.contract.procurementModel === 'OWN_REGI') c.weight = Math.max(2, 0.6 * externalWeight);
    else if (c.contract.procurementModel === 'INTERMUNICIPAL') c.weight = 2;
  }
  ctx.candidateCache.set(key, list);
  return list;
}

/** The courses a provider may give in a school form (vocational: only its packages). */
function coursesFor(ctx: OfferingContext, provider: ProviderPlan, form: SchoolForm, packageName: string | null): CourseInfo[] {
  const key = `${provider.row.id}|${form}|${packageName ?? ''}`;
  const cached = ctx.courseCache.get(key);
  if (cached) return cached;
  const list =
    packageName !== null
      ? must(ctx.packages.get(packageName), `package ${packageName}`).courses
      : ctx.courses.filter((c) => c.row.schoolForm === form);
  if (list.length === 0) throw new Error(`no ${form} courses for ${provider.row.name}`);
  ctx.courseCache.set(key, list);
  return list;
}

function choosePace(rng: Rng, form: SchoolForm): 25 | 50 | 75 | 100 {
  const weights =
    form === 'SPECIAL' ? [40, 45, 10, 5] : form === 'SFI' ? [10, 35, 10, 45] : [12, 38, 10, 40];
  return pickWeighted(rng, PACES, weights);
}

function chooseMode(rng: Rng, provider: ProviderPlan, form: SchoolForm): StudyMode {
  const base = form === 'SPECIAL' ? MODE_WEIGHTS.special : MODE_WEIGHTS[provider.profile];
  return pickWeighted(rng, STUDY_MODES, base);
}

/** Study weeks for a course at a pace; BASIC offerings are one of four delkurser. */
function studyWeeks(rng: Rng, course: CourseInfo, pace: number, form: SchoolForm): number {
  if (form === 'SFI') {
    const base = randInt(rng, 10, 14);
    return pace >= 75 ? base : Math.min(20, base + randInt(rng, 3, 6));
  }
  if (form === 'SPECIAL') return randInt(rng, 10, 18);
  const points = form === 'BASIC' ? basicPartPoints(course) : (course.row.points ?? 100);
  return Math.ceil(points / ((20 * pace) / 100));
}

function basicPartPoints(course: CourseInfo): number {
  const points = course.row.points;
  if (points === null) return 100;
  return Math.max(50, Math.round(points / 4 / 25) * 25);
}

/** The last day (a Friday) of a course starting on a Monday, with breaks at Christmas and in summer. */
function endDay(start: number, weeks: number): number {
  let end = start + weeks * 7 - 3;
  const { year } = parts(start);
  const christmas = [dayOf(year, 12, 24), dayOf(year + 1, 12, 24)];
  for (const c of christmas) if (start <= c && c <= end) end += 14;
  const summer = [dayOf(year, 7, 1), dayOf(year + 1, 7, 1)];
  for (const s of summer) if (start <= s && s <= end) end += 63;
  return end;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function genitive(name: string): string {
  if (/[A-ZÅÄÖ]{2,}$/.test(name)) return `${name}:s`;
  if (/[sxz]$/i.test(name)) return name;
  return `${name}s`;
}

interface OfferingDraft {
  course: CourseInfo;
  packageInfo: PackageInfo | null;
  provider: ProviderPlan;
  contract: ContractRow;
  municipality: MunicipalityInfo;
  site: SiteRow | null;
  mode: StudyMode;
  pace: 25 | 50 | 75 | 100;
  start: number;
  end: number;
  evening: boolean;
  language: string;
  sfiPath: number;
  basicPart: number;
  supportLanguage: string | null;
}

function buildTitle(d: OfferingDraft): string {
  const name = d.course.row.name;
  let title: string;
  switch (d.course.row.schoolForm) {
    case 'VOCATIONAL':
      title = d.packageInfo ? `${d.packageInfo.name}: ${name}` : name;
      break;
    case 'BASIC':
      title = `Grundläggande ${lowerFirst(name)}, delkurs ${d.basicPart}`;
      break;
    case 'SFI':
      title = `${name}, studieväg ${d.sfiPath}`;
      break;
    default:
      title = name;
  }
  if (d.mode === 'DISTANCE') title += ' – distans';
  else if (d.mode === 'HYBRID') title += ' – delvis distans';
  if (d.evening) title += ', kvällskurs';
  if (d.language === 'en') title += ' (undervisning på engelska)';
  return title;
}

function introSentences(rng: Rng, d: OfferingDraft): string[] {
  const c = d.course.row;
  const focus = SUBJECT_FOCUS[c.subject] ?? `dina kunskaper i ${lowerFirst(c.subject)}`;
  switch (c.schoolForm) {
    case 'UPPER_SECONDARY': {
      const points = c.points ?? 100;
      const variant = randInt(rng, 0, 2);
      if (variant === 0) return [`${c.name} är en kurs på gymnasial nivå om ${points} poäng.`, `Du utvecklar ${focus}.`];
      if (variant === 1) {
        return [
          `Kursen ${c.name} passar dig som vill bli behörig till vidare studier eller bredda din kompetens.`,
          `Du utvecklar ${focus}.`,
        ];
      }
      return [`I kursen ${c.name} utvecklar du ${focus}.`, `Kursen omfattar ${points} gymnasiepoäng.`];
    }
    case 'BASIC':
      return [
        `Grundläggande ${lowerFirst(c.name)} motsvarar grundskolans nivå och passar dig som saknar kunskaper från grundskolan.`,
        `I delkurs ${d.basicPart} av 4 utvecklar du ${focus}.`,
      ];
    case 'SFI':
      return [
        pick(rng, [
          'Sfi, svenska för invandrare, är för dig som vill lära dig grundläggande svenska.',
          'Utbildningen i svenska för invandrare (sfi) ger dig grundläggande kunskaper i svenska språket.',
        ]),
        `${c.name} läses på studieväg ${d.sfiPath}, som passar dig som ${must(SFI_PATH_AUDIENCE[d.sfiPath], 'study path')}.`,
      ];
    case 'VOCATIONAL': {
      const pkg = d.packageInfo;
      if (!pkg) return [`Kursen ${c.name} läses inom yrkesvux.`, `Du utvecklar ${focus}.`];
      const occupation = PACKAGE_OCCUPATIONS[pkg.name] ?? lowerFirst(pkg.name);
      return [
        `Kursen ${c.name} ingår i yrkespaketet ${pkg.name} inom ${lowerFirst(pkg.area)} och läses som yrkesvux.`,
        `Hela paketet förbereder dig för arbete som ${occupation}.`,
      ];
    }
    case 'SPECIAL':
      return [
        `Kursen i ${lowerFirst(c.subject)} ingår i särskild utbildning för vuxna (lärvux) och är anpassad för dig med intellektuell funktionsnedsättning.`,
        `Du utvecklar ${focus} i en liten grupp med stöd utifrån dina behov.`,
      ];
  }
}

function modeSentence(rng: Rng, d: OfferingDraft): string {
  const support = d.supportLanguage ? `, med studiehandledning på ${d.supportLanguage} vid behov` : '';
  const site = d.site;
  if (d.mode === 'DISTANCE' || !site) {
    return pick(rng, [
      `Kursen läses helt på distans via ${genitive(d.provider.row.name)} lärplattform, med handledning per chatt och videomöte${support}.`,
      `Du studerar på distans hos ${d.provider.row.name} och träffar din lärare digitalt${support}.`,
    ]);
  }
  const when = d.evening ? 'på kvällstid ' : '';
  if (d.mode === 'HYBRID') {
    return `Kursen kombinerar lärarledda träffar ${when}på ${site.name} i ${site.city} med studier på distans${support}.`;
  }
  return pick(rng, [
    `Undervisningen sker ${when}på plats på ${site.name}, ${site.streetAddress} i ${site.city}${support}.`,
    `Du studerar ${when}på plats hos ${d.provider.row.name} i ${site.city}${support}.`,
  ]);
}

function paceSentence(d: OfferingDraft): string {
  const sameYear = parts(d.start).year === parts(d.end).year;
  const from = swedishDate(d.start, !sameYear);
  const to = swedishDate(d.end, true);
  switch (d.pace) {
    case 100:
      return `Kursen läses på heltid (100 procents studietakt) från ${from} till ${to}.`;
    case 75:
      return `Studietakten är 75 procent och kursen pågår från ${from} till ${to}.`;
    case 50:
      return `Studietakten är 50 procent, så kursen går att kombinera med arbete; den pågår från ${from} till ${to}.`;
    case 25:
      return `Med 25 procents studietakt passar kursen dig som vill studera vid sidan av arbete; den pågår från ${from} till ${to}.`;
  }
}

function providerSentence(ctx: OfferingContext, d: OfferingDraft): string {
  const p = d.provider.row.name;
  const m = d.municipality;
  switch (d.contract.procurementModel) {
    case 'OWN_REGI':
      return `${p} är ${genitive(m.display)} egen vuxenutbildning.`;
    case 'AUTHORISATION_LOV':
      return `${p} är auktoriserad anordnare i ${genitive(m.display)} valfrihetssystem för vuxenutbildning.`;
    case 'SERVICE_CONCESSION':
      return `Kursen anordnas av ${p} genom tjänstekoncession med ${m.display}.`;
    case 'INTERMUNICIPAL': {
      const home = must(ctx.municipalities.get(d.provider.home), 'home municipality');
      return `Kursen ges av ${p} genom ett samverkansavtal mellan ${home.display} och ${m.display}.`;
    }
    case 'PROCUREMENT_LOU':
      return NORDOST.includes(m.row.code)
        ? `Kursen anordnas av ${p} på uppdrag av Vallentuna, Täby, Danderyd och Vaxholm, som upphandlar vuxenutbildning tillsammans.`
        : `Kursen anordnas av ${p} på uppdrag av ${m.display}.`;
  }
}

function buildDescription(ctx: OfferingContext, d: OfferingDraft): string {
  const rng = ctx.rng;
  const [first, second] = introSentences(rng, d);
  const sentences = [must(first, 'intro'), modeSentence(rng, d), paceSentence(d)];
  const extra = rng();
  if (d.language === 'en') sentences.push('Undervisningen bedrivs på engelska.');
  else if (extra < 0.45) sentences.push(providerSentence(ctx, d));
  else if (extra < 0.75 && second) sentences.splice(1, 0, second);
  else if (extra < 0.9) sentences.push(pick(rng, EXTRA_SENTENCES));
  return sentences.join(' ');
}

function chooseStartDay(ctx: OfferingContext): number {
  const term = pickWeighted(ctx.rng, ctx.terms, ctx.termWeights);
  return pickWeighted(ctx.rng, term.startDays, term.startWeights);
}

function chooseCourse(ctx: OfferingContext, provider: ProviderPlan, form: SchoolForm): { course: CourseInfo; pkg: PackageInfo | null } {
  const rng = ctx.rng;
  if (form === 'VOCATIONAL') {
    if (provider.packages.length === 0) throw new Error(`${provider.row.name} has no vocational package`);
    const name = pick(rng, provider.packages);
    const pkg = must(ctx.packages.get(name), `package ${name}`);
    return { course: pick(rng, coursesFor(ctx, provider, form, name)), pkg };
  }
  const list = coursesFor(ctx, provider, form, null);
  return { course: pickWeighted(rng, list, list.map((c) => c.weight)), pkg: null };
}

function seatsFor(rng: Rng, form: SchoolForm, mode: StudyMode): number {
  if (form === 'SPECIAL') return randInt(rng, 10, 14);
  if (mode === 'DISTANCE') return randInt(rng, 25, 35);
  if (form === 'SFI') return randInt(rng, 15, 25);
  return randInt(rng, 15, 32);
}

function draftOffering(ctx: OfferingContext, municipality: MunicipalityInfo, form: SchoolForm): OfferingDraft {
  const rng = ctx.rng;
  let start = chooseStartDay(ctx);
  let list = candidates(ctx, municipality.row.code, form, start);
  for (let tries = 0; list.length === 0 && tries < 20; tries++) {
    start = chooseStartDay(ctx);
    list = candidates(ctx, municipality.row.code, form, start);
  }
  if (list.length === 0) throw new Error(`no contract for ${form} in ${municipality.row.code}`);
  const chosen = pickWeighted(rng, list, list.map((c) => c.weight));
  const provider = chosen.provider;
  const { course, pkg } = chooseCourse(ctx, provider, form);

  let mode = chooseMode(rng, provider, form);
  let site: SiteRow | null = null;
  if (mode !== 'DISTANCE') {
    const local = ctx.sites.at(provider.row.id, municipality.row.code);
    if (local.length === 0) mode = 'DISTANCE';
    else site = pick(rng, local);
  }
  const pace = choosePace(rng, form);
  const end = endDay(start, studyWeeks(rng, course, pace, form));
  const evening = mode !== 'DISTANCE' && pace <= 50 && form !== 'SPECIAL' && form !== 'VOCATIONAL' && chance(rng, 0.35);
  const language = course.row.subject === 'Engelska' && form === 'UPPER_SECONDARY' && chance(rng, 0.15) ? 'en' : 'sv';
  const sfiPath = form === 'SFI' ? pick(rng, course.studyPaths.length > 0 ? course.studyPaths : [1, 2, 3]) : 0;
  const basicPart = form === 'BASIC' ? randInt(rng, 1, 4) : 0;
  const supportLanguage = form === 'SFI' && chance(rng, 0.15) ? pick(rng, SUPPORT_LANGUAGES) : null;
  return {
    course,
    packageInfo: pkg,
    provider,
    contract: chosen.contract,
    municipality,
    site,
    mode,
    pace,
    start,
    end,
    evening,
    language,
    sfiPath,
    basicPart,
    supportLanguage,
  };
}

/**
 * Weeks between the application opening and the start: 6–10, except for the
 * autumn term's main intake, whose admission period opens before the summer.
 */
function applicationLeadWeeks(rng: Rng, start: number): number {
  const autumnMain = mondayOnOrAfter(dayOf(parts(start).year, 8, 15));
  return start === autumnMain ? randInt(rng, 10, 14) : randInt(rng, 6, 10);
}

function toOffering(ctx: OfferingContext, d: OfferingDraft, seq: number): OfferingRow {
  const rng = ctx.rng;
  return {
    id: `${d.municipality.row.code}-${String(seq).padStart(6, '0')}`,
    courseCode: d.course.row.code,
    title: buildTitle(d),
    description: buildDescription(ctx, d),
    municipalityCode: d.municipality.row.code,
    providerId: d.provider.row.id,
    siteId: d.mode === 'DISTANCE' ? null : (d.site?.id ?? null),
    studyMode: d.mode,
    pace: d.pace,
    startDate: iso(d.start),
    endDate: iso(d.end),
    applicationOpens: iso(d.start - 7 * applicationLeadWeeks(rng, d.start)),
    applicationCloses: iso(d.start - 7 * randInt(rng, 1, 3)),
    seats: seatsFor(rng, d.course.row.schoolForm, d.mode),
    language: d.language,
  };
}

/** The forms for a municipality's offerings: each form once first, then by weight. */
function formSequence(rng: Rng, count: number): SchoolForm[] {
  const forms: SchoolForm[] = shuffled(rng, ALL_FORMS).slice(0, count);
  const weights = ALL_FORMS.map((f) => FORM_WEIGHTS[f]);
  while (forms.length < count) forms.push(pickWeighted(rng, ALL_FORMS, weights));
  return forms;
}

function buildOfferings(ctx: OfferingContext, quotas: ReadonlyMap<string, number>, onProgress?: (done: number, total: number) => void): OfferingRow[] {
  let total = 0;
  for (const q of quotas.values()) total += q;
  const offerings: OfferingRow[] = [];
  for (const [code, quota] of quotas) {
    const municipality = must(ctx.municipalities.get(code), `municipality ${code}`);
    const forms = formSequence(ctx.rng, quota);
    forms.forEach((form, i) => {
      offerings.push(toOffering(ctx, draftOffering(ctx, municipality, form), i + 1));
      if (onProgress && offerings.length % PROGRESS_EVERY === 0) onProgress(offerings.length, total);
    });
  }
  if (onProgress && offerings.length % PROGRESS_EVERY !== 0) onProgress(offerings.length, total);
  return offerings;
}

// ---------------------------------------------------------------------------
// Entry point

export function generateRegion(opts: GenerateOptions): RegionData {
  if (!Number.isFinite(opts.scale) || opts.scale <= 0) throw new Error(`scale must be a positive number, got ${opts.scale}`);
  const todayMs = opts.today.getTime();
  if (!Number.isFinite(todayMs)) throw new Error('today is not a valid date');
  const today = Math.floor(todayMs / DAY_MS);
  const seed = opts.seed ?? DEFAULT_SEED;

  const structureRng = mulberry32(seed);
  const offeringRng = mulberry32((seed ^ 0x9e3779b9) >>> 0);

  const municipalities = loadMunicipalities();
  const { courses, packages } = loadCourses();

  const first = currentTerm(today);
  const second = nextTerm(first);
  const third = nextTerm(second);
  const window: DateWindow = { today, firstStart: first.start, lastEnd: third.end };

  const providers = buildProviders(structureRng, municipalities, packages);
  const book = buildContracts(structureRng, providers, municipalities, window);
  const sites = buildSites(structureRng, providers, municipalities, book);

  const total = Math.round(OFFERINGS_PER_SCALE * opts.scale);
  const min = Math.max(ALL_FORMS.length, Math.round(MIN_OFFERINGS_PER_MUNICIPALITY * opts.scale));
  const counts = allocate(
    total,
    municipalities.map((m) => m.population),
    min,
  );
  const quotas = new Map(municipalities.map((m, i) => [m.code, counts[i] ?? min]));

  const ctx: OfferingContext = {
    rng: offeringRng,
    terms: [first, second, third],
    termWeights: [1, 1, 1],
    municipalities: new Map(municipalities.map((m) => [m.code, { row: m, display: displayName(m) }])),
    providers: new Map(providers.map((p) => [p.row.id, p])),
    book,
    sites,
    courses,
    packages: new Map(packages.map((p) => [p.name, p])),
    candidateCache: new Map(),
    courseCache: new Map(),
  };
  const offerings = buildOfferings(ctx, quotas, opts.onProgress);

  return {
    municipalities,
    providers: providers.map((p) => p.row),
    sites: sites.rows,
    contracts: book.rows,
    courses: courses.map((c) => c.row),
    offerings,
  };
}
