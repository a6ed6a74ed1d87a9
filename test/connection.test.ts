import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { type ExecutionResult, graphql } from 'graphql';
import { Args, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PRIVATE, PUBLIC_CATALOGUE } from '../subgraphs/kit/cache-control';
import { type Connection, connectionType, once } from '../subgraphs/kit/connection';
import { buildFederatedSchema } from '../subgraphs/kit/federation';
import { PageArgs, decodeCursor, encodeCursor, pageOf, pageSize } from '../subgraphs/kit/pagination';

/** A schema of its own, built with the kit's connection types the way the subgraphs build theirs. */

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'i'];
const VOWELS = new Set(['a', 'e', 'i']);

/** How often the counting functions ran in one operation. */
interface Calls {
  count: number;
  split: number;
}

@ObjectType()
class Letter {
  @Field(() => ID)
  id!: string;
}

const LetterConnection = connectionType('Letter', Letter, {
  cacheControl: PRIVATE,
  description: 'Letters in alphabetical order.',
});
type LetterConnection = Connection<Letter>;

@ObjectType()
class LetterSplit {
  @Field(() => Int)
  vowels!: number;

  @Field(() => Int)
  consonants!: number;
}

/** A connection with a field of its own (`split`), whose numbers also give totalCount. */
interface WordOwn {
  split: () => Promise<LetterSplit>;
}
const WordConnection = connectionType<Letter, WordOwn>('Word', Letter, { cacheControl: PUBLIC_CATALOGUE });
type WordConnection = Connection<Letter, WordOwn>;

function page(first: number | null | undefined, after: string | null | undefined) {
  const size = pageSize(first);
  const from = after ? LETTERS.indexOf(decodeCursor(after, 'letter', ['string'])[0] ?? '') + 1 : 0;
  const rows = LETTERS.slice(from, from + size + 1).map((id) => ({ id }));
  return pageOf(rows, size, after, (row) => encodeCursor('letter', [row.id]));
}

@Resolver()
class LetterResolver {
  @Query(() => LetterConnection)
  letters(@Args() { first, after }: PageArgs, @Ctx() calls: Calls): LetterConnection {
    const count = async () => {
      calls.count += 1;
      return LETTERS.length;
    };
    return LetterConnection.of({ ...page(first, after), count });
  }

  @Query(() => WordConnection)
  word(@Args() { first, after }: PageArgs, @Ctx() calls: Calls): WordConnection {
    const split = once(async () => {
      calls.split += 1;
      const vowels = LETTERS.filter((l) => VOWELS.has(l)).length;
      return { vowels, consonants: LETTERS.length - vowels };
    });
    // Like the offerings' facets: with `split` selected, totalCount is its sum.
    const count = async () => {
      const s = await split();
      return s.vowels + s.consonants;
    };
    return WordConnection.of({ ...page(first, after), count, split });
  }
}

@Resolver(() => WordConnection)
class WordConnectionResolver {
  @FieldResolver(() => LetterSplit)
  split(@Root() conn: WordConnection): Promise<LetterSplit> {
    return conn.split();
  }
}

const schema = buildFederatedSchema({ resolvers: [LetterResolver, WordConnectionResolver] });

async function run(source: string): Promise<{ result: ExecutionResult<any>; calls: Calls }> {
  const calls: Calls = { count: 0, split: 0 };
  const result = (await graphql({ schema, source, contextValue: calls })) as ExecutionResult<any>;
  return { result, calls };
}

describe('connection types from the kit', () => {
  it('prints <Name>Edge and <Name>Connection with the cache hint and description given', () => {
    const sdl = printSubgraphSchema(schema);
    expect(sdl).toContain(`"""Letters in alphabetical order."""
type LetterConnection
  @cacheControl(maxAge: 0, scope: PRIVATE)
{
  edges: [LetterEdge!]!
  pageInfo: PageInfo!

  """Size of the whole filtered set."""
  totalCount: Int! @shard(merge: "sum")
}`);
    expect(sdl).toContain(`type LetterEdge
  @cacheControl(maxAge: 0, scope: PRIVATE)
{
  cursor: String!
  node: Letter!
}`);
    expect(sdl).toMatch(/type WordConnection\n {2}@cacheControl\(maxAge: 60\)\n\{/);
    expect(sdl).toMatch(/type WordEdge\n {2}@cacheControl\(maxAge: 60\)\n\{/);
  });

  it('pages with edges, cursors and pageInfo', async () => {
    const query = (after: string | null) => `{
      letters(first: 4${after ? `, after: "${after}"` : ''}) {
        edges { cursor node { id } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      } }`;
    const first = await run(query(null));
    expect(first.result.errors).toBeUndefined();
    const one = first.result.data.letters;
    expect(one.edges).toEqual(
      ['a', 'b', 'c', 'd'].map((id) => ({ cursor: encodeCursor('letter', [id]), node: { id } })),
    );
    expect(one.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor('letter', ['a']),
      endCursor: encodeCursor('letter', ['d']),
    });

    const second = await run(query(one.pageInfo.endCursor));
    expect(second.result.errors).toBeUndefined();
    const two = second.result.data.letters;
    expect(two.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['e', 'i']);
    expect(two.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: encodeCursor('letter', ['e']),
      endCursor: encodeCursor('letter', ['i']),
    });
  });

  it('counts only when totalCount is selected', async () => {
    const { result, calls } = await run('{ letters(first: 2) { edges { node { id } } pageInfo { hasNextPage } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data.letters.edges).toHaveLength(2);
    expect(calls.count).toBe(0);
  });

  it('counts once per connection however often totalCount is selected', async () => {
    const { result, calls } = await run(`{
      letters(first: 1) { totalCount all: totalCount ...Total }
    } fragment Total on LetterConnection { again: totalCount }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.letters).toEqual({ totalCount: 6, all: 6, again: 6 });
    expect(calls.count).toBe(1);
  });

  it('counts each connection object on its own', async () => {
    const { result, calls } = await run('{ x: letters(first: 1) { totalCount n: totalCount } y: letters { totalCount } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ x: { totalCount: 6, n: 6 }, y: { totalCount: 6 } });
    expect(calls.count).toBe(2);
  });

  it('lets a field of the connection share the work of totalCount', async () => {
    const both = await run('{ word(first: 1) { totalCount split { vowels consonants } again: totalCount } }');
    expect(both.result.errors).toBeUndefined();
    expect(both.result.data.word).toEqual({ totalCount: 6, split: { vowels: 3, consonants: 3 }, again: 6 });
    expect(both.calls.split).toBe(1);

    const own = await run('{ word(first: 1) { split { vowels } s: split { consonants } } }');
    expect(own.result.errors).toBeUndefined();
    expect(own.result.data.word).toEqual({ split: { vowels: 3 }, s: { consonants: 3 } });
    expect(own.calls.split).toBe(1);

    const none = await run('{ word(first: 1) { edges { node { id } } } }');
    expect(none.result.errors).toBeUndefined();
    expect(none.calls.split).toBe(0);
  });

  it('reports a failing count on totalCount alone, once', async () => {
    const Failing = connectionType('Broken', Letter, { cacheControl: PRIVATE });
    let runs = 0;
    const conn = Failing.of({
      ...page(1, null),
      count: () => {
        runs += 1;
        throw new Error('count failed');
      },
    });
    await expect(conn.totalCount()).rejects.toThrow('count failed');
    await expect(conn.totalCount()).rejects.toThrow('count failed');
    expect(runs).toBe(1);
    expect(conn.edges.map((e) => e.node.id)).toEqual(['a']);
  });
});
