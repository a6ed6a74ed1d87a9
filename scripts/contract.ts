import { join } from 'node:path';
import { checkContract, fetchSdl } from '../common/contract';
import { projectRoot } from '../common/paths';
import { SUBGRAPH_NAMES } from '../subgraphs/registry';

/**
 * `npm run contract -- offerings http://host:4002/graphql`: does a running subgraph
 * instance (a municipality's own) still fit the region's contract (common/contract.ts)?
 * Exit 0 when it fits, 1 when it does not.
 */

async function main(): Promise<number> {
  const [name, url] = process.argv.slice(2);
  if (!name || !SUBGRAPH_NAMES.includes(name) || !url) {
    console.error(`usage: npm run contract -- <${SUBGRAPH_NAMES.join('|')}> <instance GraphQL URL>`);
    return 2;
  }
  const result = checkContract(join(projectRoot, 'schema'), name, await fetchSdl(url));
  if (result.fits) {
    console.log(`${url} fits the region's ${name} contract${result.identical ? ' (identical SDL)' : ' (compatible superset)'}`);
    return 0;
  }
  console.error(`${url} does not fit the region's ${name} contract:\n  ${result.problems.join('\n  ')}`);
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
