import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../subgraphs/registry';

export interface Composition {
  /** Each subgraph's SDL as printed from its code. */
  subgraphs: { name: string; sdl: string }[];
  supergraphSdl?: string;
  /** Composition errors and warning-level hints; any of them fails the build. */
  problems: string[];
}

/** Prints every subgraph's SDL and composes the supergraph (what `rover supergraph compose` does). */
export function composeSupergraph(): Composition {
  const subgraphs = SUBGRAPHS.map((def) => ({ name: def.name, sdl: printSubgraphSchema(def.buildSchema()) + '\n' }));
  const result = composeServices(
    SUBGRAPHS.map((def, i) => ({
      name: def.name,
      typeDefs: parse(subgraphs[i]!.sdl),
      url: `http://localhost:${def.port}/graphql`,
    })),
  );
  const problems = [
    ...(result.errors ?? []).map((e) => `error: ${e.message}`),
    ...(result.hints ?? []).filter((h) => h.definition.level.name === 'WARN').map((h) => `warning: ${h.toString()}`),
  ];
  return {
    subgraphs,
    supergraphSdl: result.errors ? undefined : result.supergraphSdl + '\n',
    problems,
  };
}
