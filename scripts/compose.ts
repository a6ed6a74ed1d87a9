import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { composeSupergraph } from './composition';

/**
 * `npm run compose`: writes schema/<subgraph>.graphql and schema/supergraph.graphql.
 * `npm run compose -- --check`: fails when the committed files differ from the code.
 */
function main(): number {
  const check = process.argv.includes('--check');
  const { subgraphs, supergraphSdl, problems } = composeSupergraph();
  if (problems.length || !supergraphSdl) {
    console.error(`Composition failed:\n${problems.join('\n')}`);
    return 1;
  }
  const files = [
    ...subgraphs.map(({ name, sdl }) => ({ path: join(projectRoot, 'schema', `${name}.graphql`), text: sdl })),
    { path: join(projectRoot, 'schema', 'supergraph.graphql'), text: supergraphSdl },
  ];
  let stale = 0;
  for (const { path, text } of files) {
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (check) {
      console.error(`${path} is out of date: run npm run compose`);
      stale += 1;
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
  if (!check && stale === 0) console.log('schema/ is up to date');
  return stale ? 1 : 0;
}

process.exitCode = main();
