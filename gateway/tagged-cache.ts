import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

/** Changes remembered for answers still in flight; an answer that began before them is not kept. */
const REMEMBERED_CHANGES = 256;

/**
 * An LRU cache bounded by size whose entries carry tags, with an index from tag to keys:
 * evicting tags drops exactly the entries holding any of them, and an entry the LRU drops
 * on its own (expired, no room) leaves the index with it. Every eviction is a numbered
 * change: an entry whose data was read before a change that touched its tags (or emptied
 * the cache) is not kept, as it may predate the change.
 */
export class TaggedCache<V extends { tags: readonly string[] }> {
  private readonly lru: InMemoryLRUCache<V>;
  private readonly index = new Map<string, Set<string>>();
  /** The tags each key is indexed under: a value the LRU disposes of is unindexed only if it is still this key's. */
  private readonly indexed = new Map<string, readonly string[]>();
  /** The latest changes, oldest first; `tags` undefined: everything. */
  private readonly recent: { change: number; tags?: ReadonlySet<string> }[] = [];
  private lastChange = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {
    this.lru = new InMemoryLRUCache<V>({
      maxSize,
      sizeCalculation: sizeOf,
      dispose: (value, key) => {
        if (this.indexed.get(key) === value.tags) this.unindex(key);
      },
    });
  }

  /** The number of the latest change: what a request notes when it starts, for `set`. */
  get change(): number {
    return this.lastChange;
  }

  get(key: string): Promise<V | undefined> {
    return this.lru.get(key);
  }

  /**
   * Keeps `value` for `ttlSeconds`, unless it is larger than the whole cache or a change
   * after `since` touched any of its tags. Says whether it was kept.
   */
  set(key: string, value: V, ttlSeconds: number, since: number): boolean {
    if (this.sizeOf(value) > this.maxSize || this.changedSince(since, value.tags)) return false;
    this.unindex(key);
    this.indexed.set(key, value.tags);
    for (const tag of value.tags) {
      let keys = this.index.get(tag);
      if (!keys) this.index.set(tag, (keys = new Set()));
      keys.add(key);
    }
    void this.lru.set(key, value, { ttl: ttlSeconds });
    return true;
  }

  /** Drops every entry holding any of `tags`; returns how many. */
  evict(tags: readonly string[]): number {
    this.remember(new Set(tags));
    const keys = new Set<string>();
    for (const tag of tags) for (const key of this.index.get(tag) ?? []) keys.add(key);
    for (const key of keys) void this.lru.delete(key);
    return keys.size;
  }

  /** Drops every entry; returns how many there were. */
  clear(): number {
    this.remember(undefined);
    const count = this.indexed.size;
    this.index.clear();
    this.indexed.clear();
    this.lru.clear();
    return count;
  }

  /** How many entries hold `tag`. */
  holding(tag: string): number {
    return this.index.get(tag)?.size ?? 0;
  }

  private unindex(key: string): void {
    for (const tag of this.indexed.get(key) ?? []) {
      const keys = this.index.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.index.delete(tag);
    }
    this.indexed.delete(key);
  }

  private remember(tags: ReadonlySet<string> | undefined): void {
    this.recent.push({ change: ++this.lastChange, tags });
    if (this.recent.length > REMEMBERED_CHANGES) this.recent.shift();
  }

  private changedSince(since: number, tags: readonly string[]): boolean {
    if (since === this.lastChange) return false;
    const oldest = this.recent[0]?.change ?? Infinity;
    // Changes older than those remembered may have touched anything.
    if (since + 1 < oldest) return true;
    return this.recent.some((c) => c.change > since && (c.tags === undefined || tags.some((tag) => c.tags!.has(tag))));
  }
}
