import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { DEFAULT_SUBGRAPH_PORTS } from '../common/config';
import { SUBGRAPHS } from './subgraphs';

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
    subgraphs.map(({ name, sdl }) => ({
      name,
      typeDefs: parse(sdl),
      url: `http://localhost:${DEFAULT_SUBGRAPH_PORTS[name as keyof typeof DEFAULT_SUBGRAPH_PORTS]}/graphql`,
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
