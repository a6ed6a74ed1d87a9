import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { checkContract as check } from '../common/contract';
import { subgraphUrl } from './support/graphql';
import { runScript, stopServices } from './support/services';

const checkContract = (name: string, sdl: string) => check(join(projectRoot, 'schema'), name, sdl);

/** The check a municipality's own instance passes before the region routes to it. */
const region = readFileSync(join(projectRoot, 'schema', 'offerings.graphql'), 'utf8');

afterAll(() => stopServices());

it('passes a running instance whose SDL is the region’s', async () => {
  const run = await runScript('scripts/contract.js', ['offerings', `${subgraphUrl('offerings')}/graphql`]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/fits the region's offerings contract \(identical SDL\)/);
});

it('fails a running instance checked against another subgraph’s contract', async () => {
  const run = await runScript('scripts/contract.js', ['providers', `${subgraphUrl('offerings')}/graphql`]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/does not fit/);
});

it('accepts a compatible superset (a field added)', () => {
  const superset = region.replace('  seats: Int!\n', '  seats: Int!\n  localNote: String\n');
  expect(superset).not.toBe(region);
  expect(checkContract('offerings', superset)).toEqual({ fits: true, identical: false, problems: [] });
});

it('refuses a removed field and a changed type, naming them', () => {
  const removed = checkContract('offerings', region.replace('  seats: Int!\n', ''));
  expect(removed.fits).toBe(false);
  expect(removed.problems.join('\n')).toMatch(/Offering\.seats was removed/);
  const changed = checkContract('offerings', region.replace('  pace: Int!\n', '  pace: String!\n'));
  expect(changed.fits).toBe(false);
  expect(changed.problems.join('\n')).toMatch(/Offering\.pace changed type/);
});

it('refuses a changed entity key, a dropped @shareable and an enum value the region cannot compose', () => {
  const changedKey = region.replace(/(type Offering\n(?:  @.*\n)*?  )@key\(fields: "id"\)/, '$1@key(fields: "title")');
  expect(changedKey).not.toBe(region);
  const key = checkContract('offerings', changedKey);
  expect(key.fits).toBe(false);
  expect(key.problems.join('\n')).toMatch(/Offering lacks @key/);
  const unshared = region.replace(/(type PageInfo\n(?:  @.*\n)*?)  @shareable\n/, '$1');
  expect(unshared).not.toBe(region);
  const shareable = checkContract('offerings', unshared);
  expect(shareable.fits).toBe(false);
  expect(shareable.problems.join('\n')).toMatch(/COMPOSITION: .*PageInfo/);
  const enumValue = checkContract('offerings', region.replace('  SPECIAL\n}', '  SPECIAL\n  NEW_FORM\n}'));
  expect(enumValue.fits).toBe(false);
  expect(enumValue.problems.join('\n')).toMatch(/COMPOSITION: .*SchoolForm/);
});
