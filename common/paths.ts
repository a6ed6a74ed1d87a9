import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's root folder, found from this file whether it runs from source or from dist/. */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schema'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no project root above ${start}`);
    dir = parent;
  }
}

export const projectRoot = findRoot(__dirname);
