import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { authConfig, devSigningKeyPath, personalDataConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { MUNICIPALITY_CODES } from '../common/region';
import { runSubgraph } from '../subgraphs/kit/run';
import { ensureDevKeys, ensureDevPersonalDataKey } from './dev-keys';
import { lazyRegion, prepareSubgraphDatabase } from './databases';
import { SUBGRAPH_NAMES, subgraphNamed } from '../subgraphs/registry';

const USAGE = `usage: npm run subgraph -- <${SUBGRAPH_NAMES.join('|')}> [--municipality CODE | --except CODE,CODE] [--port N] [--no-seed] [--scale N]
  Runs one subgraph against DATABASE_URL (its own database): migrates it, seeds it when
  empty and serves /graphql. For a sharded subgraph, --municipality makes it a
  municipality's own instance (only that municipality's rows); --except makes it the
  default instance holding every municipality but those on their own instances.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      municipality: { type: 'string' },
      except: { type: 'string' },
      port: { type: 'string' },
      scale: { type: 'string', default: '1' },
      'no-seed': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const def = subgraphNamed(positionals[0]);
  if (!def || positionals.length !== 1) fail(`name one subgraph: ${SUBGRAPH_NAMES.join(' or ')}`);
  if (!process.env.DATABASE_URL) fail('DATABASE_URL is not set: point it at this instance’s own PostgreSQL database');
  if (values.municipality !== undefined) {
    if (!def.sharded) fail(`${def.name} is regional: it has no per-municipality instances`);
    if (!MUNICIPALITY_CODES.has(values.municipality)) {
      fail(`--municipality ${values.municipality} is not a Stockholm county municipality code (e.g. 0182 for Nacka)`);
    }
    process.env.MUNICIPALITY = values.municipality;
  }
  if (values.except !== undefined) {
    if (!def.sharded) fail(`${def.name} is regional: it has no per-municipality instances`);
    if (values.municipality !== undefined) fail('give --municipality (an own instance) or --except (the default one), not both');
    const codes = values.except.split(',').map((c) => c.trim());
    const unknown = codes.find((c) => !MUNICIPALITY_CODES.has(c));
    if (unknown !== undefined) fail(`--except ${unknown} is not a Stockholm county municipality code`);
    process.env.EXCLUDE_MUNICIPALITIES = codes.join(',');
  }
  if (values.port !== undefined) process.env.PORT = values.port;
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1) fail('--scale must be a whole number >= 1');

  const logger = createLogger(`${def.name}-setup`);
  // Development only: production instances get the region's JWKS through AUTH_JWKS_PATH or AUTH_JWKS.
  await ensureDevKeys(authConfig(), devSigningKeyPath(), logger);
  ensureDevPersonalDataKey(personalDataConfig(), logger);
  if (!values['no-seed']) {
    await prepareSubgraphDatabase(def, process.env.DATABASE_URL, logger, {
      region: lazyRegion(scale, logger),
      scope: values.municipality ? { only: values.municipality } : { except: process.env.EXCLUDE_MUNICIPALITIES?.split(',') ?? [] },
    });
  }
  runSubgraph(def);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
