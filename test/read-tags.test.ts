import { buildSubgraphSchema } from '@apollo/subgraph';
import { defaultFieldResolver, graphql, parse } from 'graphql';
import pino from 'pino';
import { CacheTags } from '../subgraphs/kit/cache-tags';
import { tagEntityReads } from '../subgraphs/kit/read-tags';

/** Read tags from the schema alone: which fields record which tags, on a small subgraph of this test's own. */

const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Offering @key(fields: "id") { id: ID! title: String! course: Course! site: Site }
type Site @key(fields: "code") { code: ID! }
type Course { code: ID! name: String! }
type Item @key(fields: "id") { id: ID! }
union Found = Item | Course
type OfferingEdge { node: Offering! cursor: String! }
type OfferingConnection { edges: [OfferingEdge!]! totalCount: Int! }
type Query {
  offering(id: ID!): Offering
  offeringList: [Offering!]!
  offerings: OfferingConnection!
  courses: [Course!]!
  search: [Found!]!
}`;

const offering = (id: string) => ({ id, title: `t${id}`, course: { code: 'c', name: 'n' }, site: id === '1' ? { code: 's1' } : null });

function schema() {
  return tagEntityReads(
    buildSubgraphSchema({
      typeDefs: parse(SDL),
      resolvers: {
        Query: {
          offering: async (_: unknown, { id }: { id: string }) => (id === 'none' ? null : offering(id)),
          offeringList: () => [offering('1'), offering('2')],
          offerings: () => ({ edges: [{ node: offering('3'), cursor: 'x' }], totalCount: 1 }),
          courses: () => [{ code: 'c', name: 'n' }],
          search: () => [{ __typename: 'Item', id: 'i1' }, { __typename: 'Course', code: 'c', name: 'n' }],
        },
        Found: { __resolveType: (v: { __typename: string }) => v.__typename },
      } as never,
    }),
  );
}

const tagsOf = async (query: string) => {
  const cacheTags = new CacheTags('test');
  const result = await graphql({ schema: schema(), source: query, contextValue: { cacheTags } });
  expect(result.errors).toBeUndefined();
  return (cacheTags.extensions(false, new Set(), pino({ level: 'silent' }))?.cacheTags ?? []).sort();
};

it('tags an entity a field returns, and the entities it refers to', async () => {
  expect(await tagsOf('{ offering(id: "1") { title site { code } course { name } } }')).toEqual(['test:Offering:1', 'test:Site:s1']);
});

it('tags a root lookup that found nothing with the type', async () => {
  expect(await tagsOf('{ offering(id: "none") { title } }')).toEqual(['test:Offering']);
});

it('tags a list of entities and a connection of them with the type and each entity', async () => {
  expect(await tagsOf('{ offeringList { title } }')).toEqual(['test:Offering', 'test:Offering:1', 'test:Offering:2']);
  expect(await tagsOf('{ offerings { totalCount edges { node { id } } } }')).toEqual(['test:Offering', 'test:Offering:3']);
});

it('tags an entity that came as a union member by its own fields, and nothing for other types', async () => {
  expect(await tagsOf('{ search { ... on Item { id } ... on Course { name } } }')).toEqual(['test:Item:i1']);
  expect(await tagsOf('{ courses { code name } }')).toEqual([]);
});

it('leaves the resolvers of fields that return neither entities nor connections as they were', () => {
  const s = schema();
  const fields = (type: string) => (s.getType(type) as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields();
  for (const name of ['title', 'course']) expect(fields('Offering')[name]!.resolve ?? defaultFieldResolver).toBe(defaultFieldResolver);
  expect(fields('Course').name!.resolve ?? defaultFieldResolver).toBe(defaultFieldResolver);
  expect(fields('OfferingEdge').cursor!.resolve ?? defaultFieldResolver).toBe(defaultFieldResolver);
});

it('refuses an entity whose key it cannot read', () => {
  const sdl = SDL.replace('type Site @key(fields: "code")', 'type Site @key(fields: "code other")').replace('code: ID! }', 'code: ID! other: ID! }');
  expect(() => tagEntityReads(buildSubgraphSchema({ typeDefs: parse(sdl) }))).toThrow('Site: cache tags need a key of one field, not "code other"');
});
