import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { findBreakingChanges, parse } from 'graphql';
import { SUBGRAPH_NAMES, type SubgraphName } from '../common/config';
import { projectRoot } from '../common/paths';

/**
 * `npm run contract -- offerings http://host:4002/graphql`: does a running subgraph
 * instance (a municipality's own) still fit the region's contract? Its SDL must equal
 * schema/<name>.graphql or be a compatible superset: nothing the region's schema has
 * may be missing or changed. Exit 0 when it fits, 1 when it does not.
 */

export interface ContractResult {
  fits: boolean;
  identical: boolean;
  problems: string[];
}

export function checkContract(name: SubgraphName, instanceSdl: string): ContractResult {
  const regionSdl = readFileSync(join(projectRoot, 'schema', `${name}.graphql`), 'utf8');
  let instance;
  try {
    instance = buildSubgraphSchema(parse(instanceSdl));
  } catch (err) {
    return { fits: false, identical: false, problems: [`the instance's SDL does not build: ${String(err)}`] };
  }
  // `_service { sdl }` spells out the federation definitions; compare in the form schema/ keeps.
  if (printSubgraphSchema(instance).trim() === regionSdl.trim()) return { fits: true, identical: true, problems: [] };
  const problems = findBreakingChanges(buildSubgraphSchema(parse(regionSdl)), instance).map(
    (c) => `${c.type}: ${c.description}`,
  );
  return { fits: problems.length === 0, identical: false, problems };
}

async function fetchSdl(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} did not answer { _service { sdl } } (HTTP ${res.status})`);
  return sdl;
}

async function main(): Promise<number> {
  const [name, url] = process.argv.slice(2);
  if (!SUBGRAPH_NAMES.includes(name as SubgraphName) || !url) {
    console.error(`usage: npm run contract -- <${SUBGRAPH_NAMES.join('|')}> <instance GraphQL URL>`);
    return 2;
  }
  const result = checkContract(name as SubgraphName, await fetchSdl(url));
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
