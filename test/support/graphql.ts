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

export function subgraphUrl(name: string): string {
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
  return gqlAs<T>(undefined, query, variables, base);
}

/** POSTs an operation with a bearer token (none: anonymous). */
export async function gqlAs<T = any>(
  bearer: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
  base: string = gatewayUrl(),
): Promise<GraphQLAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<GraphQLAnswer<T>, 'status'>;
  return { status: res.status, ...body };
}

/** The data of an answer that must have no errors. */
export async function gqlData<T = any>(query: string, variables?: Record<string, unknown>, base?: string): Promise<T> {
  return gqlDataAs<T>(undefined, query, variables, base);
}

/** The data of an answer that must have no errors, asked with a bearer token. */
export async function gqlDataAs<T = any>(
  bearer: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
  base?: string,
): Promise<T> {
  const answer = await gqlAs<T>(bearer, query, variables, base);
  if (answer.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(answer.errors)}`);
  if (!answer.data) throw new Error('no data');
  return answer.data;
}

export function errorCodes(answer: GraphQLAnswer): (string | undefined)[] {
  return (answer.errors ?? []).map((e) => e.extensions?.code);
}

/**
 * `SUBGRAPH_URL_<NAME>` of every subgraph the test run started, for a gateway of a test's
 * own; spread it first and override the ones the test stands in for.
 */
export function subgraphEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const m = /^TEST_([A-Z]+)_URL$/.exec(key);
    if (m && m[1] !== 'GATEWAY' && value) env[`SUBGRAPH_URL_${m[1]}`] = `${value}/graphql`;
  }
  return env;
}
