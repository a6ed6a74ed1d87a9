/**
 * Whether an operation may be a mutation: a mutation is never shared with another
 * identical request in flight (see SubgraphClient), a query is. Anything that may be the
 * mutation keyword (after comments, or in a second operation) counts as one: a query
 * never shared costs a little, a write shared costs a write.
 */
export function isMutation(query: string): boolean {
  return query.includes('mutation') && /(?:^|[\s,}])mutation\b/.test(query);
}
