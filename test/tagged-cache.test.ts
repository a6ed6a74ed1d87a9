import { TaggedCache } from '../gateway/tagged-cache';

/** The response cache's store: an LRU by size whose entries carry tags, and the index from tag to entries. */

type Entry = { body: string; tags: string[] };
const entry = (tags: string[], body = 'x'.repeat(10)): Entry => ({ body, tags });
const cache = (maxSize = 1000) => new TaggedCache<Entry>(maxSize, (e) => e.body.length);

it('evicting by a tag removes exactly the entries holding it', async () => {
  const c = cache();
  c.set('a', entry(['offerings:Offering:A', 'offerings:Offering']), 60, c.change);
  c.set('b', entry(['offerings:Offering:B']), 60, c.change);
  c.set('search', entry(['offerings:Offering', 'offerings:Offering:A', 'offerings:Offering:B']), 60, c.change);
  c.set('provider', entry(['providers:Provider:prov-001']), 60, c.change);
  expect(c.evict(['offerings:Offering:A'])).toBe(2);
  expect(await c.get('a')).toBeUndefined();
  expect(await c.get('search')).toBeUndefined();
  expect(await c.get('b')).toBeDefined();
  expect(await c.get('provider')).toBeDefined();
  // The dropped entries left the index under every tag they had.
  expect(c.holding('offerings:Offering')).toBe(0);
  expect(c.holding('offerings:Offering:B')).toBe(1);
  expect(c.evict(['offerings:Offering:B', 'providers:Provider:prov-001'])).toBe(2);
  expect(await c.get('b')).toBeUndefined();
});

it('drops the index entries of an entry the LRU drops for room', async () => {
  const c = cache(25);
  c.set('a', entry(['t:A', 't:shared']), 60, c.change);
  c.set('b', entry(['t:B', 't:shared']), 60, c.change);
  expect(c.holding('t:shared')).toBe(2);
  c.set('c', entry(['t:C']), 60, c.change);
  expect(await c.get('a')).toBeUndefined();
  expect(c.holding('t:A')).toBe(0);
  expect(c.holding('t:shared')).toBe(1);
  expect(c.evict(['t:A'])).toBe(0);
  expect(await c.get('b')).toBeDefined();
});

it('re-indexes an entry written again under other tags', async () => {
  const c = cache();
  c.set('a', entry(['t:old', 't:both']), 60, c.change);
  c.set('a', entry(['t:new', 't:both']), 60, c.change);
  expect([c.holding('t:old'), c.holding('t:new'), c.holding('t:both')]).toEqual([0, 1, 1]);
  expect(c.evict(['t:old'])).toBe(0);
  expect(c.evict(['t:both'])).toBe(1);
  expect(c.holding('t:new')).toBe(0);
});

it('refuses an entry read before a change to its tags, or before the cache was emptied, and keeps others', async () => {
  const c = cache();
  const before = c.change;
  c.evict(['t:A']);
  expect(c.set('a', entry(['t:A']), 60, before)).toBe(false);
  expect(c.set('b', entry(['t:B']), 60, before)).toBe(true);
  const beforeClear = c.change;
  expect(c.clear()).toBe(1);
  expect(c.set('b', entry(['t:B']), 60, beforeClear)).toBe(false);
  expect(c.set('b', entry(['t:B']), 60, c.change)).toBe(true);
  expect(await c.get('a')).toBeUndefined();
  expect(await c.get('b')).toBeDefined();
});

it('refuses an entry that began before more changes than it remembers', () => {
  const c = cache();
  const before = c.change;
  for (let i = 0; i < 300; i++) c.evict([`t:${i}`]);
  expect(c.set('a', entry(['t:unrelated']), 60, before)).toBe(false);
});

it('keeps nothing larger than the whole cache', async () => {
  const c = cache(5);
  expect(c.set('a', entry(['t:A']), 60, c.change)).toBe(false);
  expect(c.holding('t:A')).toBe(0);
});
