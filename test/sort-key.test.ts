import { swedishSortKey } from '../subgraphs/kit/sort-key';

/** The title order every instance and the gateway share: Swedish, byte-wise, the same everywhere. */

const sorted = (titles: string[]) => [...titles].sort((a, b) => (swedishSortKey(a) < swedishSortKey(b) ? -1 : swedishSortKey(a) > swedishSortKey(b) ? 1 : 0));

it('puts å, ä and ö after z, in that order, whatever the case', () => {
  expect(sorted(['Öppen', 'ärlig', 'Zebra', 'Åland', 'apa'])).toEqual(['apa', 'Zebra', 'Åland', 'ärlig', 'Öppen']);
});

it('folds accents and case as Swedish does, and keeps digits before letters', () => {
  expect(swedishSortKey('Café Étoile')).toBe(swedishSortKey('cafe etoile'));
  expect(swedishSortKey('Müller')).toBe(swedishSortKey('myller'));
  expect(sorted(['Svenska 2', 'Svenska B', 'Svenska 1'])).toEqual(['Svenska 1', 'Svenska 2', 'Svenska B']);
});

it('is plain ASCII, so that byte order and code unit order agree', () => {
  for (const title of ['Sfi kurs D – distans', 'Vård och omsorg: särskild utbildning', '  Engelska  6 ']) {
    expect(swedishSortKey(title)).toMatch(/^[\x20-\x7e]*$/);
  }
  expect(swedishSortKey('  Engelska  6 ')).toBe('engelska 6');
});

it('agrees with Swedish collation on the seeded titles’ words', () => {
  const collator = new Intl.Collator('sv', { sensitivity: 'base' });
  const words = ['Matematik', 'matematik 1a', 'Naturkunskap', 'Sfi', 'Svenska', 'Svenska som andraspråk', 'Vård', 'Ämneslärare', 'Övrigt', 'Åk'];
  const byKey = sorted(words);
  expect(byKey).toEqual([...words].sort(collator.compare));
});
