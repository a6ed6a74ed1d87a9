/** Study sites: where providers teach on site, in their home municipality and where they hold contracts. */

import type { ContractBook } from './contract-book';
import { EKERO, JARFALLA, NYKVARN, SODERTALJE, STOCKHOLM } from './municipalities';
import { must } from './must';
import { municipalOf, type ProviderPlan } from './providers';
import { chance, pick, randInt, shuffled, type Rng } from './random';
import type { MunicipalityRow, SiteRow } from '../../subgraphs/kit/region-data';
import { LOCALITIES, STREET_NAMES, type Locality } from './words';

function localitiesOf(code: string): Locality[] {
  const list = LOCALITIES[code];
  if (!list || list.length === 0) throw new Error(`no localities for municipality ${code}`);
  return list;
}

export class SiteBook {
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

export function buildSites(
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
