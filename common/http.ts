import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from './logger';

/** A plain route next to the GraphQL endpoint (health, metrics, pages). */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  logger: Logger;
  port: number;
  host?: string;
  maxBodyBytes: number;
  /** Longer GraphQL documents are refused before they are parsed. */
  maxQueryLength: number;
  shutdownTimeoutMs: number;
  /**
   * Builds the per-request context before the body is read; a GraphQLError with
   * `extensions.http.status` (a refused token: 401) ends the request with that status.
   */
  context: (req: IncomingMessage, requestId: string) => Promise<TContext>;
  routes?: Record<string, Route>;
  /** Served for a browser's GET of the GraphQL path (Accept prefers text/html, no `query`): GraphiQL. */
  browserPage?: Route;
  /** Told of each request refused before GraphQL ran (bad token, media type, body …), by code. */
  onRefused?: (code: string) => void;
  /** Origins a browser may call from ('*': any); none means no CORS headers. */
  corsOrigins?: '*' | string[];
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  /**
   * Stops accepting connections, lets requests in flight finish (at most the shutdown
   * timeout) with `Connection: close`, then closes.
   */
  close(): Promise<void>;
  /** Requests being answered right now. */
  inFlight(): number;
}

class BodyTooLarge extends Error {}
class BodyNotUtf8 extends Error {}

// Media types of GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/).
const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    // Not Buffer#toString: that would put replacement characters where the bytes are wrong.
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new BodyNotUtf8();
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, mediaType = JSON_TYPE): void {
  res.statusCode = status;
  res.setHeader('content-type', `${mediaType}; charset=utf-8`);
  res.end(JSON.stringify(body));
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** The code of a refusal this adapter answered itself, before any GraphQL ran. */
const REFUSED = Symbol('refused');
type Refusable = ServerResponse & { [REFUSED]?: string };

/** A GraphQL-shaped refusal in the media type the client prefers. */
function sendError(req: IncomingMessage, res: ServerResponse, status: number, message: string, code = 'BAD_REQUEST'): void {
  (res as Refusable)[REFUSED] = code;
  sendJson(res, status, errorBody(message, code), errorMediaType(req.headers.accept));
}

interface HttpExtension {
  status?: number;
  headers?: Map<string, string>;
}

/** Answers a request the context refused (say, 401 for a bad token) without running it. */
function sendRefusal(req: IncomingMessage, res: ServerResponse, error: GraphQLError, http: HttpExtension): void {
  for (const [key, value] of http.headers ?? []) res.setHeader(key, value);
  sendError(req, res, http.status ?? 400, error.message, String(error.extensions.code ?? 'BAD_REQUEST'));
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  index: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part, index) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*([0-9.]+)$/.exec(param);
      if (m) q = Math.min(1, Number(m[1]) || 0);
    }
    return [{ type, subtype, q, index }];
  });
}

interface Acceptance {
  q: number;
  /** 2: type/subtype, 1: type/*, 0: *\/* */
  specificity: number;
  index: number;
}

/** How much the ranges of an Accept header want a media type: its most specific matching range. */
function acceptance(ranges: MediaRange[], mediaType: string): Acceptance | undefined {
  const [type, subtype] = mediaType.split('/');
  let best: Acceptance | undefined;
  for (const r of ranges) {
    const specificity =
      r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (specificity < 0) continue;
    if (!best || specificity > best.specificity || (specificity === best.specificity && r.q > best.q)) {
      best = { q: r.q, specificity, index: r.index };
    }
  }
  return best;
}

/** a before b: higher q, then the more specific range, then the earlier one. */
function preferred(a: Acceptance | undefined, b: Acceptance | undefined): boolean {
  if (!a || a.q <= 0) return false;
  if (!b || b.q <= 0) return true;
  return a.q !== b.q ? a.q > b.q : a.specificity !== b.specificity ? a.specificity > b.specificity : a.index < b.index;
}

/** The media type of an error the adapter itself answers with (Apollo chooses its own the same way). */
function errorMediaType(accept: string | undefined): string {
  if (!accept) return JSON_TYPE;
  const ranges = parseAccept(accept);
  return preferred(acceptance(ranges, GRAPHQL_RESPONSE_TYPE), acceptance(ranges, JSON_TYPE)) ? GRAPHQL_RESPONSE_TYPE : JSON_TYPE;
}

/** True when the client can read an answer: JSON, graphql-response+json, or multipart (incremental delivery). */
function acceptsGraphQLAnswer(accept: string | undefined): boolean {
  if (!accept) return true;
  const ranges = parseAccept(accept);
  return [JSON_TYPE, GRAPHQL_RESPONSE_TYPE, 'multipart/mixed'].some((t) => (acceptance(ranges, t)?.q ?? 0) > 0);
}

/** A browser navigating to the endpoint: text/html before any GraphQL media type. */
function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const html = acceptance(ranges, 'text/html');
  return (
    preferred(html, acceptance(ranges, JSON_TYPE)) && preferred(html, acceptance(ranges, GRAPHQL_RESPONSE_TYPE))
  );
}

/**
 * A client of the application/json kind (it names application/json, or sends no Accept):
 * the spec asks for 200 on a well-formed request whose GraphQL failed to parse, validate
 * or coerce its variables; application/graphql-response+json (and `*\/*`) keep Apollo's 400.
 */
function wantsLegacyStatus(accept: string | undefined, responseType: string | undefined): boolean {
  if (!responseType?.toLowerCase().startsWith(JSON_TYPE)) return false;
  if (!accept) return true;
  return parseAccept(accept).some((r) => r.type === 'application' && r.subtype === 'json' && r.q > 0);
}

/** Errors of a well-formed request (the GraphQL document or its variables), not of the HTTP request. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
]);

function onlyRequestErrors(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  const { data, errors } = parsed as { data?: unknown; errors?: unknown };
  return (
    data === undefined &&
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e: { extensions?: { code?: unknown } } | null) => REQUEST_ERROR_CODES.has(String(e?.extensions?.code)))
  );
}

/** The essence and charset of a Content-Type header. */
function parseContentType(header: string): { essence: string; charset?: string } {
  const [essence = '', ...params] = header.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(param);
    if (m) charset = m[1]?.toLowerCase();
  }
  return { essence: essence.trim().toLowerCase(), charset };
}

/** Why a POST body cannot be read as a GraphQL request (415), or undefined when it can. */
function unsupportedBody(contentType: string | undefined): string | undefined {
  if (!contentType) return 'A POST request needs a content-type header: application/json.';
  const { essence, charset } = parseContentType(contentType);
  if (essence !== JSON_TYPE && essence !== GRAPHQL_RESPONSE_TYPE) {
    return `Unsupported content-type "${essence}": send the request as application/json.`;
  }
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return `Unsupported charset "${charset}": send the request in utf-8.`;
  }
  return undefined;
}

/** The operations a request carries (a GET's, a body's, each of a batch's): their document and variables. */
function operationsOf(body: unknown, url: URL): { query?: unknown; variables?: unknown }[] {
  if (body === undefined) {
    const variables = url.searchParams.get('variables');
    let parsed: unknown;
    try {
      parsed = variables === null ? undefined : JSON.parse(variables);
    } catch {
      parsed = undefined; // Apollo answers that itself
    }
    return [{ query: url.searchParams.get('query'), variables: parsed }];
  }
  return (Array.isArray(body) ? body : [body]).map((r: unknown) => (r && typeof r === 'object' ? r : {}));
}

/** Deepest nesting of a request's variables: GraphQL's coercion of them recurses, and so would the stack. */
const MAX_VARIABLES_DEPTH = 100;

/** True when `value` nests objects and lists more than `levels` deep (recursing at most that far). */
function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (levels === 0) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (nestedDeeperThan(item, levels - 1)) return true;
  }
  return false;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Why a request is refused before GraphQL reads it (a document too long to be worth
 * parsing, variables nested too deep to coerce), with its code; or undefined.
 */
function unreadableOperation(body: unknown, url: URL, maxQueryLength: number): { message: string; code: string } | undefined {
  for (const { query, variables } of operationsOf(body, url)) {
    if (typeof query === 'string' && query.length > maxQueryLength) {
      const message = `The GraphQL document is ${fmt(query.length)} characters long; the limit is ${fmt(maxQueryLength)} characters.`;
      return { message, code: 'BAD_REQUEST' };
    }
    if (nestedDeeperThan(variables, MAX_VARIABLES_DEPTH)) {
      return { message: `The variables are nested more than ${MAX_VARIABLES_DEPTH} levels deep.`, code: 'BAD_USER_INPUT' };
    }
  }
  return undefined;
}

/** The request id a caller (the gateway) sent, or a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

async function handleGraphQL<TContext extends BaseContext>(
  opts: HttpServerOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const accept = req.headers.accept;
  if (method === 'OPTIONS') {
    res.statusCode = 204;
    res.setHeader('allow', ALLOWED_METHODS);
    res.end();
    return;
  }
  if (method !== 'GET' && method !== 'POST') {
    res.setHeader('allow', ALLOWED_METHODS);
    sendError(req, res, 405, `The GraphQL endpoint answers GET and POST, not ${method}.`);
    return;
  }
  if (method === 'GET' && opts.browserPage && !url.searchParams.has('query') && prefersHtml(accept)) {
    return opts.browserPage(req, res);
  }
  // Before anything runs: Apollo would only refuse after executing the operation.
  if (!acceptsGraphQLAnswer(accept)) {
    sendError(req, res, 406, `The accept header allows neither ${GRAPHQL_RESPONSE_TYPE} nor ${JSON_TYPE}.`);
    return;
  }
  if (method === 'POST') {
    const unsupported = unsupportedBody(req.headers['content-type']);
    if (unsupported) {
      res.setHeader('accept-post', JSON_TYPE);
      sendError(req, res, 415, unsupported);
      return;
    }
  }
  let context: TContext;
  try {
    context = await opts.context(req, requestId);
  } catch (err) {
    const http = err instanceof GraphQLError ? (err.extensions.http as HttpExtension | undefined) : undefined;
    if (!(err instanceof GraphQLError) || !http?.status) throw err;
    opts.logger.info({ requestId, status: http.status, code: err.extensions.code }, 'request refused');
    sendRefusal(req, res, err, http);
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (method === 'POST') {
    let raw: string;
    try {
      raw = await readBody(req, opts.maxBodyBytes);
    } catch (err) {
      if (!(err instanceof BodyNotUtf8)) throw err;
      sendError(req, res, 400, 'The request body is not valid UTF-8; send it encoded as UTF-8.');
      return;
    }
    try {
      body = JSON.parse(raw);
    } catch {
      sendError(req, res, 400, 'The request body is not valid JSON.');
      return;
    }
  }
  const unreadable = unreadableOperation(body, url, opts.maxQueryLength);
  if (unreadable) {
    sendError(req, res, 400, unreadable.message, unreadable.code);
    return;
  }
  const result = await opts.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: url.search, body },
    context: async () => context,
  });
  let status = result.status ?? 200;
  if (
    status === 400 &&
    result.body.kind === 'complete' &&
    wantsLegacyStatus(accept, result.headers.get('content-type')) &&
    onlyRequestErrors(result.body.string)
  ) {
    status = 200;
  }
  res.statusCode = status;
  for (const [key, value] of result.headers) res.setHeader(key, value);
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

const CORS_HEADERS = 'content-type, authorization, apollo-require-preflight, x-request-id';

/** CORS for browsers on other origins; answers a preflight itself (true: nothing more to do). */
function handleCors(origins: '*' | string[] | undefined, req: IncomingMessage, res: ServerResponse): boolean {
  if (!origins) return false;
  // Answers differ by origin when only some are allowed: caches must keep them apart.
  if (origins !== '*') res.setHeader('vary', 'Origin');
  const origin = req.headers.origin;
  if (!origin) return false;
  const allowed = origins === '*' || origins.includes(origin);
  if (allowed) {
    res.setHeader('access-control-allow-origin', origins === '*' ? '*' : origin);
    res.setHeader('access-control-expose-headers', 'x-request-id');
  }
  if (req.method !== 'OPTIONS') return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', CORS_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.statusCode = 204;
  res.end();
  return true;
}

/** Serves an Apollo Server (subgraph or gateway) and a few plain routes on node:http. */
export async function serveHttp<TContext extends BaseContext>(
  opts: HttpServerOptions<TContext>,
): Promise<RunningServer> {
  const graphqlPath = '/graphql';
  const routes = opts.routes ?? {};
  // The responses being worked on, and whether close() has begun: from then on every
  // response says `Connection: close`, so a keep-alive connection ends with its last
  // answer instead of holding the process until the shutdown timeout.
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const lastOnItsConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  const server = createServer((req, res) => {
    inFlight.add(res);
    if (draining) lastOnItsConnection(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    if (opts.onRefused) {
      const observe = opts.onRefused;
      res.once('finish', () => {
        const code = (res as Refusable)[REFUSED];
        if (code) observe(code);
      });
    }
    if (handleCors(opts.corsOrigins, req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const work = async () => {
      const route = routes[url.pathname];
      if (route) return route(req, res);
      if (url.pathname === graphqlPath) return handleGraphQL(opts, req, res, url, requestId);
      sendError(req, res, 404, `No such path: ${url.pathname}`, 'NOT_FOUND');
    };
    work().catch((err: unknown) => {
      if (err instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendError(req, res, 413, `The request body is larger than ${opts.maxBodyBytes} bytes.`);
        return;
      }
      opts.logger.error({ err, requestId }, 'request failed');
      if (!res.headersSent) sendError(req, res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}${graphqlPath}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      for (const res of inFlight) lastOnItsConnection(res);
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), opts.shutdownTimeoutMs);
      await done;
      clearTimeout(timer);
      await opts.apollo.stop();
    })();
    return closing;
  };
  return { server, url, port, close, inFlight: () => inFlight.size };
}
