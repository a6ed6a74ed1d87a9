/**
 * The cache tags the subgraphs reported for one client request (subgraphs/kit/cache-tags.ts):
 * `extensions.cacheTags` of every query fetch, `extensions.invalidates` of every mutation
 * fetch. The gateway does not pass subgraph extensions on to the client.
 */
export class SubgraphTags {
  /** What the answer was made of. */
  readonly reads = new Set<string>();
  /** What the request's mutations changed. */
  readonly changes = new Set<string>();
  /** A subgraph ran a mutation without saying what it changed: any answer may be stale. */
  undeclaredChange = false;

  /** Takes the tags of one subgraph answer; `query` is the operation the gateway sent. */
  add(query: string | undefined, extensions: Record<string, unknown> | undefined): void {
    if (isMutation(query)) {
      const changes = extensions?.invalidates;
      if (isTagList(changes)) for (const tag of changes) this.changes.add(tag);
      else this.undeclaredChange = true;
    } else {
      const reads = extensions?.cacheTags;
      if (isTagList(reads)) for (const tag of reads) this.reads.add(tag);
    }
  }
}

const isTagList = (v: unknown): v is string[] => Array.isArray(v) && v.every((tag) => typeof tag === 'string');

/** The query planner writes each fetch as one operation, its keyword first. */
const isMutation = (query: string | undefined) => query !== undefined && /^\s*mutation\b/.test(query);
