import { type Seeder, insertAll, isEmpty } from '../kit/seed';
import { Contract, Municipality, Provider, Site } from './model';

/** The providers subgraph's part of the region: municipalities, providers, sites, contracts. */
export const seedProviders: Seeder = async (ds, region, { reset }) => {
  if (!reset && !(await isEmpty(ds, 'municipalities'))) return false;
  const data = region();
  await ds.transaction(async (tx) => {
    if (reset) await tx.query('TRUNCATE contracts, sites, providers, municipalities');
    await insertAll(tx, Municipality, data.municipalities.map((r) => ({ ...r }) as Municipality));
    await insertAll(tx, Provider, data.providers.map((r) => ({ ...r }) as Provider));
    await insertAll(tx, Site, data.sites.map((r) => ({ ...r }) as Site));
    await insertAll(tx, Contract, data.contracts.map((r) => ({ ...r }) as Contract));
  });
  return `${data.municipalities.length} municipalities, ${data.providers.length} providers, ${data.sites.length} sites, ${data.contracts.length} contracts`;
};
