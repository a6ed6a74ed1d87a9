/** Education providers: each municipality running its own schools, and the external providers. */

import { ALL_FORMS, type PackageInfo } from './courses';
import { luhnCheckDigit } from './luhn';
import { SODERTALJE, STOCKHOLM } from './municipalities';
import { must } from './must';
import { chance, pick, randInt, type Rng } from './random';
import type { MunicipalityRow, ProviderKind, ProviderRow, SchoolForm } from '../../subgraphs/kit/region-data';
import { EXTERNAL_PROVIDERS, MUNICIPAL_PROVIDER_NAMES, type ExternalProfile } from './words';

export type Profile = 'municipal' | ExternalProfile;

export interface ProviderPlan {
  row: ProviderRow;
  brand: string;
  profile: Profile;
  forms: SchoolForm[];
  packages: string[];
  home: string;
  siteStem: string;
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

export function buildProviders(rng: Rng, municipalities: readonly MunicipalityRow[], packages: readonly PackageInfo[]): ProviderPlan[] {
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

export function externalsFor(providers: readonly ProviderPlan[], filter: (p: ProviderPlan) => boolean): ProviderPlan[] {
  return providers.filter((p) => p.row.kind === 'EXTERNAL' && filter(p));
}

export function municipalOf(providers: readonly ProviderPlan[], code: string): ProviderPlan {
  return must(
    providers.find((p) => p.profile === 'municipal' && p.home === code),
    `municipal provider of ${code}`,
  );
}
