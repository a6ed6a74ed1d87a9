import type DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Viewer } from '../../common/auth/roles';
import type { Database } from '../kit/database';
import { batchLoader, groupedLoader, keyedLoader } from '../kit/loaders';
import type { SubgraphContext } from '../kit/server';
import { Applicant, Application, ApplicationEvent } from './model';
import { type RowScope, rowCounts } from './report-queries';
import { applicationServices } from './services';
import { type MunicipalityCounts, type OfferingCounts, type ProviderCounts, municipalityCounts, offeringCounts, providerCounts } from './stats-queries';

/** A loader per term, made on first use. */
function perTerm<V>(name: string, fetch: (keys: readonly string[], term: string) => Promise<Map<string, V>>, empty: V) {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (term: string) => {
    let loader = loaders.get(term);
    if (!loader) {
      loader = batchLoader(`${name} ${term}`, async (keys: readonly string[]) => {
        const found = await fetch(keys, term);
        return keys.map((k) => found.get(k) ?? empty);
      });
      loaders.set(term, loader);
    }
    return loader;
  };
}

const NO_OFFERING_COUNTS: OfferingCounts = { applicants: 0, firstChoiceApplicants: 0, granted: 0, rejected: 0, enrolled: 0, waitlisted: 0, completed: 0 };
const NO_MUNICIPALITY_COUNTS: MunicipalityCounts = {
  applicants: 0, applications: 0, firstChoiceGranted: 0, granted: 0, rejected: 0, enrolled: 0, completed: 0, studyingElsewhere: 0, fromElsewhere: 0,
};
const NO_PROVIDER_COUNTS: ProviderCounts = { enrolled: 0, completed: 0, passed: 0, droppedOut: 0 };

export function createLoaders({ dataSource: ds }: Database, viewer: Viewer) {
  return {
    viewer,
    services: applicationServices(),
    applicant: keyedLoader('applicant', (ids: readonly string[]) => ds.getRepository(Applicant).findBy({ id: In([...ids]) }), (a) => a.id),
    /** Unscoped: resolvers check what the viewer may see. */
    application: keyedLoader('application', (ids: readonly string[]) => ds.getRepository(Application).findBy({ id: In([...ids]) }), (a) => a.id),
    history: groupedLoader(
      'application history',
      (ids: readonly string[]) => ds.getRepository(ApplicationEvent).find({ where: { applicationId: In([...ids]) }, order: { id: 'ASC' } }),
      (e) => e.applicationId,
    ),
    offeringCounts: batchLoader('application counts by offering', async (ids: readonly string[]) => {
      const found = await offeringCounts(ds, ids);
      return ids.map((id) => found.get(id) ?? NO_OFFERING_COUNTS);
    }),
    municipalityCounts: perTerm('application counts by municipality', (codes, term) => municipalityCounts(ds, codes, term), NO_MUNICIPALITY_COUNTS),
    providerCounts: perTerm('result counts by provider', (ids, term) => providerCounts(ds, ids, term), NO_PROVIDER_COUNTS),
    /** Every report row of a request in one statement. */
    reportCounts: batchLoader('report row counts', (rows: readonly RowScope[]) => rowCounts(ds, rows)),
  };
}

export type ApplicationLoaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<ApplicationLoaders>;
