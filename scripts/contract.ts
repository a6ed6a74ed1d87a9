import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { Kind, findBreakingChanges, parse, print } from 'graphql';
import { projectRoot } from '../common/paths';
import { SUBGRAPH_NAMES } from '../subgraphs/registry';

/**
 * `npm run contract -- offerings http://host:4002/graphql`: does a running subgraph
 * instance (a municipality's own) still fit the region's contract? Its SDL must equal
 * schema/<name>.graphql or be a compatible superset: nothing the region's schema has
 * may be missing or changed, every entity keeps its @key, and it still composes with
 * the region's other subgraphs. Exit 0 when it fits, 1 when it does not.
 */

export interface ContractResult {
  fits: boolean;
  identical: boolean;
  problems: string[];
}

export function checkContract(name: string, instanceSdl: string): ContractResult {
  const regionSdl = readFileSync(join(projectRoot, 'schema', `${name}.graphql`), 'utf8');
  let instance;
  try {
    instance = buildSubgraphSchema(parse(instanceSdl));
  } catch (err) {
    return { fits: false, identical: false, problems: [`the instance's SDL does not build: ${String(err)}`] };
  }
  // `_service { sdl }` spells out the federation definitions; compare in the form schema/ keeps.
  if (printSubgraphSchema(instance).trim() === regionSdl.trim()) return { fits: true, identical: true, problems: [] };
  const problems = [
    ...findBreakingChanges(buildSubgraphSchema(parse(regionSdl)), instance).map((c) => `${c.type}: ${c.description}`),
    ...missingKeys(regionSdl, instanceSdl),
    ...compositionProblems(name, instanceSdl),
  ];
  return { fits: problems.length === 0, identical: false, problems };
}

/** `@key`s per type: the gateway fetches entities by them, so each of the region's must stay. */
function keysOf(sdl: string): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'key') continue;
      const set = keys.get(def.name.value) ?? new Set<string>();
      set.add(d.arguments?.map((a) => print(a)).sort().join(', ') ?? '');
      keys.set(def.name.value, set);
    }
  }
  return keys;
}

function missingKeys(regionSdl: string, instanceSdl: string): string[] {
  const instance = keysOf(instanceSdl);
  const problems: string[] = [];
  for (const [type, keys] of keysOf(regionSdl)) {
    for (const key of keys) {
      if (!instance.get(type)?.has(key)) problems.push(`KEY_CHANGED: ${type} lacks @key(${key}).`);
    }
  }
  return problems;
}

/** The instance in place of the region's own subgraph must still compose with the others. */
function compositionProblems(name: string, instanceSdl: string): string[] {
  const services = SUBGRAPH_NAMES.map((other) => ({
    name: other,
    url: `http://${other}.invalid/graphql`,
    typeDefs: parse(
      other === name ? instanceSdl : readFileSync(join(projectRoot, 'schema', `${other}.graphql`), 'utf8'),
    ),
  }));
  const result = composeServices(services);
  return (result.errors ?? []).map((e) => `COMPOSITION: ${e.message}`);
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
  if (!name || !SUBGRAPH_NAMES.includes(name) || !url) {
    console.error(`usage: npm run contract -- <${SUBGRAPH_NAMES.join('|')}> <instance GraphQL URL>`);
    return 2;
  }
  const result = checkContract(name, await fetchSdl(url));
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
