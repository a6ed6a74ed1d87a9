import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { Kind, findBreakingChanges, parse, print } from 'graphql';
import { readdirSync } from 'node:fs';

/**
 * Does a subgraph instance (a municipality's own) still fit the region's contract? Its
 * SDL must equal `<schemaDir>/<name>.graphql` or be a compatible superset: nothing the
 * region's schema has may be missing or changed, every entity keeps its @key, and it
 * still composes with the region's other subgraphs (the other `.graphql` files there).
 * `npm run contract` and the gateway (before it routes to an instance) both ask this.
 */

export interface ContractResult {
  fits: boolean;
  identical: boolean;
  problems: string[];
}

export function checkContract(schemaDir: string, name: string, instanceSdl: string): ContractResult {
  const regionSdl = readFileSync(join(schemaDir, `${name}.graphql`), 'utf8');
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
    ...compositionProblems(schemaDir, name, instanceSdl),
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
/** The subgraphs whose SDL a schema directory holds (every `.graphql` but the supergraph). */
export function subgraphsIn(schemaDir: string): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphql') && f !== 'supergraph.graphql')
    .map((f) => f.slice(0, -'.graphql'.length))
    .sort();
}

function compositionProblems(schemaDir: string, name: string, instanceSdl: string): string[] {
  const services = subgraphsIn(schemaDir).map((other) => ({
    name: other,
    url: `http://${other}.invalid/graphql`,
    typeDefs: parse(
      other === name ? instanceSdl : readFileSync(join(schemaDir, `${other}.graphql`), 'utf8'),
    ),
  }));
  const result = composeServices(services);
  return (result.errors ?? []).map((e) => `COMPOSITION: ${e.message}`);
}

/** An instance's own SDL (`_service { sdl }`); throws when it does not answer. */
export async function fetchSdl(url: string, timeoutMs = 10_000): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} did not answer { _service { sdl } } (HTTP ${res.status})`);
  return sdl;
}

