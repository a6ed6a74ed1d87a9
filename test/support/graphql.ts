/** A GraphQL answer as a client sees it. */
export interface GraphQLAnswer<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

export function gatewayUrl(): string {
  const url = process.env.TEST_GATEWAY_URL;
  if (!url) throw new Error('TEST_GATEWAY_URL is not set: run the tests with jest (global setup)');
  return url;
}

export function subgraphUrl(name: 'providers' | 'offerings'): string {
  const url = process.env[`TEST_${name.toUpperCase()}_URL`];
  if (!url) throw new Error(`TEST_${name.toUpperCase()}_URL is not set`);
  return url;
}

/** POSTs an operation to a GraphQL endpoint (the gateway unless `base` says otherwise). */
export async function gql<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  base: string = gatewayUrl(),
): Promise<GraphQLAnswer<T>> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLAnswer<T>, 'status'>;
  return { status: res.status, ...body };
}

/** The data of an answer that must have no errors. */
export async function gqlData<T = any>(query: string, variables?: Record<string, unknown>, base?: string): Promise<T> {
  const answer = await gql<T>(query, variables, base);
  if (answer.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(answer.errors)}`);
  if (!answer.data) throw new Error('no data');
  return answer.data;
}

export function errorCodes(answer: GraphQLAnswer): (string | undefined)[] {
  return (answer.errors ?? []).map((e) => e.extensions?.code);
}
