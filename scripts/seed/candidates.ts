/** Which contracts may carry an offering, and which courses a provider may give under them. */

import { isValidOn } from './contract-book';
import type { CourseInfo, PackageInfo } from './courses';
import { must } from './must';
import type { Candidate, OfferingContext } from './offering-context';
import type { ProviderPlan } from './providers';
import { pick, pickWeighted } from './random';
import { iso } from './terms';
import type { SchoolForm } from '../../subgraphs/kit/region-data';
import type { ExternalProfile } from './words';

const PROFILE_WEIGHTS: Record<ExternalProfile, number> = {
  broad: 1.3,
  sfi: 1.2,
  vocational: 1,
  distance: 0.7,
  special: 1,
};

export function candidates(ctx: OfferingContext, code: string, form: SchoolForm, day: number): Candidate[] {
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

export function chooseCourse(ctx: OfferingContext, provider: ProviderPlan, form: SchoolForm): { course: CourseInfo; pkg: PackageInfo | null } {
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
