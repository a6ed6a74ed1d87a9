import { type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { type Page, PageInfo } from './pagination';
import { shard } from './shard';

/** `load` run on the first call only; every call gets the same promise, a failure too. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    if (!result) {
      try {
        result = load();
      } catch (err) {
        result = Promise.reject(err);
      }
    }
    return result;
  };
}

/**
 * One page of a list as its connection object: the page, `totalCount`, and whatever the
 * connection's own fields need (`TOwn`, e.g. a memo they share with the count).
 */
export type Connection<TNode, TOwn extends object = object> = Page<TNode> & TOwn & { totalCount(): Promise<number> };

/** What a connection object is made of; `count` counts the whole list. */
export type ConnectionParts<TNode, TOwn extends object = object> = Page<TNode> &
  TOwn & { count: () => Promise<number> };

export interface ConnectionClass<TNode, TOwn extends object> {
  new (): Connection<TNode, TOwn>;
  /**
   * The connection object of one page. `count` runs only when `totalCount` is selected,
   * and at most once however often it is selected (aliases).
   */
  of(parts: ConnectionParts<TNode, TOwn>): Connection<TNode, TOwn>;
}

export interface ConnectionOptions {
  /** The cache hint of both types, from ./cache-control: a public list or a private one. */
  cacheControl: string;
  description?: string;
}

/**
 * The `<name>Edge { cursor node }` and `<name>Connection { edges pageInfo totalCount }`
 * object types of a node type. A connection adds fields of its own with a field resolver
 * on the returned class, reading what it needs from `TOwn`.
 */
export function connectionType<TNode extends object, TOwn extends object = object>(
  name: string,
  node: ClassType<TNode>,
  { cacheControl, description }: ConnectionOptions,
): ConnectionClass<TNode, TOwn> {
  @Directive(cacheControl)
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: TNode;
  }

  @Directive(cacheControl)
  @ObjectType(`${name}Connection`, { description })
  class NodeConnection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    #count?: () => Promise<number>;

    // type-graphql copies a root only when it is not an instance of the type; the object
    // from `of` is one, so every selection of the field (aliases) shares its memo.
    @Directive(shard({ merge: 'sum' }))
    @Field(() => Int, { description: 'Size of the whole filtered set.' })
    totalCount(): Promise<number> {
      if (!this.#count) return Promise.reject(new Error(`${name}Connection made without ${name}Connection.of`));
      return this.#count();
    }

    static of(parts: ConnectionParts<TNode, TOwn>): Connection<TNode, TOwn> {
      const { count, ...rest } = parts;
      const conn = Object.assign(new NodeConnection(), rest);
      conn.#count = once(count);
      return conn as unknown as Connection<TNode, TOwn>;
    }
  }

  return NodeConnection as unknown as ConnectionClass<TNode, TOwn>;
}
