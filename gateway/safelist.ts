import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, BaseContext, PersistedQueryOptions } from '@apollo/server';
import { type GraphQLFormattedError, GraphQLError, Kind, parse, stripIgnoredCharacters } from 'graphql';

/**
 * The gateway's optional safelist of persisted operations: when it is configured, only
 * operations listed in the region's manifest (Apollo's persisted query manifest format,
 * as written by `@apollo/generate-persisted-query-manifest`) may run.
 */
export interface Safelist {
  /** How many operations the manifest lists. */
  size: number;
  /** The body of a listed operation by its id (the sha256 hex of the body), for clients that send only the id. */
  bodyOf(id: string): string | undefined;
  /** True when `source` is a listed body, exactly or but for insignificant whitespace, commas and comments. */
  allows(source: string): boolean;
}

export const NOT_IN_SAFELIST_CODE = 'PERSISTED_QUERY_NOT_IN_LIST';
export const NOT_IN_SAFELIST_MESSAGE =
  'This operation is not in the gateway’s safelist of persisted operations; only operations the region has registered may run.';

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsesWithin(body: string, maxTokens: number): boolean {
  try {
    parse(body, { maxTokens });
    return true;
  } catch {
    return false;
  }
}

/** The document limits of the gateway that will run the listed operations. */
export interface DocumentLimits {
  maxQueryLength: number;
  maxQueryTokens: number;
}

/**
 * Reads and checks a manifest; any problem throws an Error naming the file and what is
 * wrong. With `limits`, a body the gateway would refuse to run is such a problem too.
 */
export function loadSafelist(file: string, limits?: DocumentLimits): Safelist {
  const fail = (problem: string): never => {
    throw new Error(`Persisted operation safelist ${file}: ${problem}`);
  };

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot be read (${(err as Error).message})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    return fail(`is not valid JSON (${(err as Error).message})`);
  }
  if (!isRecord(manifest)) return fail('is not a JSON object');
  if (manifest.format !== 'apollo-persisted-query-manifest') {
    fail(`"format" is ${JSON.stringify(manifest.format)}, expected "apollo-persisted-query-manifest"`);
  }
  if (manifest.version !== 1) fail(`"version" is ${JSON.stringify(manifest.version)}, expected 1`);
  if (!Array.isArray(manifest.operations)) return fail('"operations" is not an array');

  const bodies = new Map<string, string>();
  const normalized = new Set<string>();
  manifest.operations.forEach((op: unknown, index) => {
    if (!isRecord(op)) return fail(`operation ${index} is not an object`);
    const label =
      typeof op.name === 'string' ? `operation ${index} ("${op.name}")` : `operation ${index}`;
    if (typeof op.id !== 'string' || op.id === '') fail(`${label} has no string "id"`);
    if (typeof op.body !== 'string' || op.body === '') fail(`${label} has no string "body"`);
    if (typeof op.type !== 'string' || !OPERATION_TYPES.has(op.type)) {
      fail(`${label} has "type" ${JSON.stringify(op.type)}, expected query, mutation or subscription`);
    }
    const id = op.id as string;
    const body = op.body as string;
    const actual = sha256(body);
    if (id !== actual) {
      fail(`${label}: the id ${id} doesn't match the sha256 of its body (${actual})`);
    }
    if (limits && body.length > limits.maxQueryLength) {
      fail(`${label}: the body is ${body.length} characters long; MAX_QUERY_LENGTH is ${limits.maxQueryLength}`);
    }
    let document;
    try {
      document = parse(body);
    } catch (err) {
      return fail(`${label}: the body does not parse (${(err as Error).message})`);
    }
    if (limits && !parsesWithin(body, limits.maxQueryTokens)) {
      fail(`${label}: the body has more than ${limits.maxQueryTokens} tokens (MAX_QUERY_TOKENS)`);
    }
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length === 0) fail(`${label}: the body has no operation`);
    if (operations.length === 1 && operations[0]?.operation !== op.type) {
      fail(`${label}: "type" is ${op.type} but the body is a ${operations[0]?.operation}`);
    }
    bodies.set(id, body);
    normalized.add(sha256(stripIgnoredCharacters(body)));
  });

  return {
    size: bodies.size,
    bodyOf: (id) => bodies.get(id),
    allows(source) {
      if (bodies.has(sha256(source))) return true;
      try {
        return normalized.has(sha256(stripIgnoredCharacters(source)));
      } catch {
        return false; // not even lexable GraphQL: certainly not listed
      }
    },
  };
}

/** The refusal, as thrown to Apollo Server (the `http` extension sets the status and is then dropped). */
export function notInSafelistError(): GraphQLError {
  return new GraphQLError(NOT_IN_SAFELIST_MESSAGE, {
    extensions: { code: NOT_IN_SAFELIST_CODE, http: { status: 400 } },
  });
}

/**
 * Refuses, with HTTP 400 and PERSISTED_QUERY_NOT_IN_LIST, any operation that is not in
 * the safelist; nothing unlisted is executed.
 *
 * Why not simply throw from `didResolveSource`: in Apollo Server 5 that hook (like
 * `requestDidStart`, `parsingDidStart` and `validationDidStart`) is awaited outside any
 * try/catch, so a throw escapes `processGraphQLRequest`, is logged as "Unexpected error
 * processing request" and the client gets HTTP 500 INTERNAL_SERVER_ERROR; the
 * GraphQLError (its code, its `http` extension) is lost. An error thrown from
 * `didResolveOperation` is caught and sent as an ordinary error response: it goes through
 * `didEncounterErrors` and `formatError`, and its `http.status` becomes the response status.
 *
 * So the decision is taken in `didResolveSource` (the first hook that sees the source,
 * including one resolved from a persisted-query hash) and enforced in `didResolveOperation`.
 * An unlisted operation that fails to parse or validate never reaches `didResolveOperation`;
 * for it, `willSendResponse` replaces the parse or validation errors with the same refusal,
 * so that unlisted requests cannot probe the schema through validation messages. (That
 * replacement is already formatted and does not pass through `formatError` again; list this
 * plugin before any plugin whose `willSendResponse` reads the response, such as the request log.)
 */
export function safelistPlugin<TContext extends BaseContext = BaseContext>(
  safelist: Safelist,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let refused = false;
      return {
        async didResolveSource({ source }) {
          refused = !safelist.allows(source);
        },
        async didResolveOperation() {
          if (refused) throw notInSafelistError();
        },
        async willSendResponse({ response }) {
          if (!refused) return;
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          if (errors?.some((e) => e.extensions?.code === NOT_IN_SAFELIST_CODE)) return;
          // Stopped before didResolveOperation (a parse or validation error): answer with the refusal instead.
          const refusal: GraphQLFormattedError = {
            message: NOT_IN_SAFELIST_MESSAGE,
            extensions: { code: NOT_IN_SAFELIST_CODE },
          };
          response.body = { kind: 'single', singleResult: { errors: [refusal] } };
          response.http.status = 400;
        },
      };
    },
  };
}

/**
 * A persisted-query cache backed by the safelist, for `new ApolloServer({ persistedQueries:
 * { cache: safelistQueryCache(list) } })`: a client may then send only
 * `extensions.persistedQuery.sha256Hash` of a listed operation. It never stores what clients
 * send (automatic persisted queries cannot add to the list); an unknown hash gets Apollo's
 * PERSISTED_QUERY_NOT_FOUND.
 */
export function safelistQueryCache(safelist: Safelist): NonNullable<PersistedQueryOptions['cache']> {
  return {
    // Apollo Server prefixes the keys of a persisted-query cache ("apq:<hash>"); hashes hold no colon.
    async get(key) {
      return safelist.bodyOf(key.slice(key.lastIndexOf(':') + 1));
    },
    async set() {},
    async delete() {
      return false;
    },
  };
}
