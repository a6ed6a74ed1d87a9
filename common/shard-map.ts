import { readFileSync, statSync } from 'node:fs';

/**
 * Where each subgraph's data lives: per subgraph a default instance, which serves every
 * municipality not listed, and the municipalities that run an instance of their own.
 * The file form (SHARD_MAP):
 *   { "offerings": { "default": "http://…/graphql", "municipalities": { "0182": "http://…/graphql" } } }
 */
export interface ShardMapFile {
  [subgraph: string]: { default: string; municipalities?: Record<string, string> };
}

export interface Instance {
  url: string;
  /** The municipalities it holds; null for the default instance (every municipality not listed). */
  municipalities: string[] | null;
}

const MUNICIPALITY = /^\d{4}$/;

export class ShardMap {
  private constructor(private readonly file: ShardMapFile) {}

  /** Checks the shape: every URL http(s), every municipality a 4-digit code, no URL both default and own. */
  static of(file: unknown, where = 'the shard map'): ShardMap {
    if (!file || typeof file !== 'object' || Array.isArray(file)) throw new Error(`${where} must be a JSON object keyed by subgraph`);
    for (const [name, entry] of Object.entries(file as Record<string, unknown>)) {
      const e = entry as { default?: unknown; municipalities?: unknown };
      if (!e || typeof e.default !== 'string' || !/^https?:\/\//.test(e.default)) {
        throw new Error(`${where}: ${name}.default must be an http(s) URL`);
      }
      for (const [code, url] of Object.entries((e.municipalities ?? {}) as Record<string, unknown>)) {
        if (!MUNICIPALITY.test(code)) throw new Error(`${where}: ${name}.municipalities has "${code}", not a 4-digit municipality code`);
        if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new Error(`${where}: ${name}.municipalities.${code} must be an http(s) URL`);
      }
    }
    return new ShardMap(file as ShardMapFile);
  }

  static read(path: string): ShardMap {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`cannot read the shard map at ${path}`);
    }
    try {
      return ShardMap.of(JSON.parse(text), path);
    } catch (err) {
      if (err instanceof SyntaxError) throw new Error(`${path} is not valid JSON`);
      throw err;
    }
  }

  /** One instance per subgraph: what a deployment without municipal instances has. */
  static single(urls: Record<string, string>): ShardMap {
    return ShardMap.of(Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, { default: url }])));
  }

  has(subgraph: string): boolean {
    return subgraph in this.file;
  }

  /** The instance that holds a municipality's rows of a subgraph. */
  urlFor(subgraph: string, municipality: string): string {
    const entry = this.file[subgraph];
    if (!entry) throw new Error(`the shard map has no ${subgraph} subgraph`);
    return entry.municipalities?.[municipality] ?? entry.default;
  }

  /** Every instance of a subgraph, the default first. */
  instances(subgraph: string): Instance[] {
    const entry = this.file[subgraph];
    if (!entry) return [];
    const own = new Map<string, string[]>();
    for (const [code, url] of Object.entries(entry.municipalities ?? {})) own.set(url, [...(own.get(url) ?? []), code]);
    return [{ url: entry.default, municipalities: null }, ...[...own].map(([url, municipalities]) => ({ url, municipalities: municipalities.sort() }))];
  }

  toJSON(): ShardMapFile {
    return this.file;
  }
}

/** The shard map in a file, read again whenever the file has changed since the last look. */
export function shardMapFile(path: string): () => ShardMap {
  let map: ShardMap | undefined;
  let seen = -1;
  return () => {
    const mtime = statSync(path).mtimeMs;
    if (!map || mtime !== seen) {
      map = ShardMap.read(path);
      seen = mtime;
    }
    return map;
  };
}
