import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { composeSupergraph } from '../scripts/composition';

describe('schema/ (npm run compose)', () => {
  const composition = composeSupergraph();

  it('composes without errors or warning hints', () => {
    expect(composition.problems).toEqual([]);
    expect(composition.supergraphSdl).toBeDefined();
  });

  it.each(composition.subgraphs.map((s) => [s.name, s.sdl]))('schema/%s.graphql is what the code prints', (name, sdl) => {
    expect(readFileSync(join(projectRoot, 'schema', `${name}.graphql`), 'utf8')).toBe(sdl);
  });

  it('schema/supergraph.graphql is the composition of the printed subgraphs', () => {
    expect(readFileSync(join(projectRoot, 'schema', 'supergraph.graphql'), 'utf8')).toBe(composition.supergraphSdl);
  });
});
