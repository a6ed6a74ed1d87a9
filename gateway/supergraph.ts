import { readFileSync } from 'node:fs';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

/** The subgraphs a supergraph names (`enum join__Graph`), with URL overrides applied. */
export function subgraphEndpoints(supergraphSdl: string, overrides: Partial<Record<string, string>>): SubgraphEndpoint[] {
  const out: SubgraphEndpoint[] = [];
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = directive && stringArg(directive, 'name');
      const url = directive && stringArg(directive, 'url');
      if (name && url !== undefined) out.push({ name, url: overrides[name] ?? url });
    }
  }
  return out;
}

export function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the supergraph at ${path} (set SUPERGRAPH_PATH or run npm run compose): ${String(err)}`);
  }
}
