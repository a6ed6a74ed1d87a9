import { type FindOptionsWhere, In } from 'typeorm';
import { Role, type Viewer } from '../../common/auth/roles';
import type { Database } from '../kit/database';
import { groupedLoader, keyedLoader } from '../kit/loaders';
import type { SubgraphContext } from '../kit/server';
import { Contract, Municipality, Provider, Site } from './model';

/**
 * The contracts a viewer may see, as a condition of the query itself: an officer their
 * municipality's, a provider user their provider's, an admin all. Other roles never get
 * here (the fields are @Authorized), and see nothing if they do.
 */
export function contractScope(viewer: Viewer): FindOptionsWhere<Contract> | null {
  switch (viewer.role) {
    case Role.ADMIN:
    case Role.COORDINATOR:
      return {};
    case Role.OFFICER:
      return { municipalityCode: viewer.municipality };
    case Role.PROVIDER:
      return { providerId: viewer.provider };
    default:
      return null;
  }
}

export function createLoaders({ dataSource }: Database, viewer: Viewer) {
  const municipalities = dataSource.getRepository(Municipality);
  const providers = dataSource.getRepository(Provider);
  const sites = dataSource.getRepository(Site);
  const contracts = dataSource.getRepository(Contract);
  const scope = contractScope(viewer);
  const scopedContracts = (where: FindOptionsWhere<Contract>) =>
    scope ? contracts.find({ where: { ...where, ...scope }, order: { id: 'ASC' } }) : Promise.resolve([]);
  return {
    municipality: keyedLoader('municipality', 
      (codes: readonly string[]) => municipalities.findBy({ code: In([...codes]) }),
      (m) => m.code,
    ),
    provider: keyedLoader('provider', (ids: readonly string[]) => providers.findBy({ id: In([...ids]) }), (p) => p.id),
    site: keyedLoader('site', (ids: readonly string[]) => sites.findBy({ id: In([...ids]) }), (s) => s.id),
    sitesOfProvider: groupedLoader('sitesOfProvider', 
      (ids: readonly string[]) => sites.find({ where: { providerId: In([...ids]) }, order: { id: 'ASC' } }),
      (s) => s.providerId,
    ),
    /** Only the contracts the viewer may see. */
    contractsOfProvider: groupedLoader('contractsOfProvider', 
      (ids: readonly string[]) => scopedContracts({ providerId: In([...ids]) }),
      (c) => c.providerId,
    ),
    /** Only the contracts the viewer may see. */
    contractsOfMunicipality: groupedLoader('contractsOfMunicipality', 
      (codes: readonly string[]) => scopedContracts({ municipalityCode: In([...codes]) }),
      (c) => c.municipalityCode,
    ),
  };
}

export type ProviderLoaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<ProviderLoaders>;
