import { In } from 'typeorm';
import type { Database } from '../kit/database';
import { groupedLoader, keyedLoader } from '../kit/loaders';
import type { SubgraphContext } from '../kit/server';
import { Contract, Municipality, Provider, Site } from './model';

export function createLoaders({ dataSource }: Database) {
  const municipalities = dataSource.getRepository(Municipality);
  const providers = dataSource.getRepository(Provider);
  const sites = dataSource.getRepository(Site);
  const contracts = dataSource.getRepository(Contract);
  return {
    municipality: keyedLoader(
      (codes: readonly string[]) => municipalities.findBy({ code: In([...codes]) }),
      (m) => m.code,
    ),
    provider: keyedLoader((ids: readonly string[]) => providers.findBy({ id: In([...ids]) }), (p) => p.id),
    site: keyedLoader((ids: readonly string[]) => sites.findBy({ id: In([...ids]) }), (s) => s.id),
    sitesOfProvider: groupedLoader(
      (ids: readonly string[]) => sites.find({ where: { providerId: In([...ids]) }, order: { id: 'ASC' } }),
      (s) => s.providerId,
    ),
    contractsOfProvider: groupedLoader(
      (ids: readonly string[]) => contracts.find({ where: { providerId: In([...ids]) }, order: { id: 'ASC' } }),
      (c) => c.providerId,
    ),
  };
}

export type ProviderLoaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<ProviderLoaders>;
