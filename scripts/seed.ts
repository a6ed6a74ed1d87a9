import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { personalDataConfig, systemConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { lazyRegion, openSystemDatabases, prepareSubgraphDatabase } from './databases';
import { ensureDevPersonalDataKey } from './dev-keys';
import { SUBGRAPHS } from '../subgraphs/registry';

/**
 * `npm run seed -- --scale 10 --reset`: regenerates the system's data (the databases
 * `npm start` uses) at a scale; without --reset only empty databases are filled.
 * Stop `npm start` first when it runs on the embedded PostgreSQL.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string' }, reset: { type: 'boolean', default: false } },
  });
  const config = systemConfig(process.env, SUBGRAPHS);
  const scale = values.scale === undefined ? config.seedScale : Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1) throw new Error('--scale must be a whole number >= 1');
  const logger = createLogger('seed');
  // Applicants' numbers are sealed with it: the same key `npm start` then reads them with.
  ensureDevPersonalDataKey(personalDataConfig(), logger);
  const dbs = await openSystemDatabases(config, logger);
  try {
    const region = lazyRegion(scale, logger);
    for (const def of SUBGRAPHS) {
      await prepareSubgraphDatabase(def, dbs.urls[def.name]!, logger, { region, reset: values.reset });
    }
  } finally {
    await dbs.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
