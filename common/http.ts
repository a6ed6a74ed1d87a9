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
  shutdownTimeoutMs: number;
  /**
   * Builds the per-request context before the body is read; a GraphQLError with
   * `extensions.http.status` (a refused token: 401) ends the request with that status.
   */
  context: (req: IncomingMessage, requestId: string) => Promise<TContext>;
  routes?: Record<string, Route>;
  /** Origins a browser may call from ('*': any); none means no CORS headers. */
  corsOrigins?: '*' | string[];
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  /** Stops accepting connections, lets requests in flight finish (bounded), then closes. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

interface HttpExtension {
  status?: number;
  headers?: Map<string, string>;
}

/** Answers a request the context refused (say, 401 for a bad token) without running it. */
function sendRefusal(res: ServerResponse, error: GraphQLError, http: HttpExtension): void {
  for (const [key, value] of http.headers ?? []) res.setHeader(key, value);
  sendJson(res, http.status ?? 400, errorBody(error.message, String(error.extensions.code ?? 'BAD_REQUEST')));
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
  let context: TContext;
  try {
    context = await opts.context(req, requestId);
  } catch (err) {
    const http = err instanceof GraphQLError ? (err.extensions.http as HttpExtension | undefined) : undefined;
    if (!(err instanceof GraphQLError) || !http?.status) throw err;
    opts.logger.info({ requestId, status: http.status, code: err.extensions.code }, 'request refused');
    sendRefusal(res, err, http);
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    const raw = await readBody(req, opts.maxBodyBytes);
    const type = headers.get('content-type') ?? '';
    if (/^application\/(graphql-response\+)?json/i.test(type)) {
      try {
        body = JSON.parse(raw);
      } catch {
        sendJson(res, 400, errorBody('The request body is not valid JSON.', 'BAD_REQUEST'));
        return;
      }
    } else {
      body = raw;
    }
  }
  const result = await opts.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => context,
  });
  res.statusCode = result.status ?? 200;
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
  const server = createServer((req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    if (handleCors(opts.corsOrigins, req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const work = async () => {
      const route = routes[url.pathname];
      if (route) return route(req, res);
      if (url.pathname === graphqlPath) return handleGraphQL(opts, req, res, url, requestId);
      sendJson(res, 404, errorBody(`No such path: ${url.pathname}`, 'NOT_FOUND'));
    };
    work().catch((err: unknown) => {
      if (err instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, errorBody(`The request body is larger than ${opts.maxBodyBytes} bytes.`, 'BAD_REQUEST'));
        return;
      }
      opts.logger.error({ err, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
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
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), opts.shutdownTimeoutMs);
      await done;
      clearTimeout(timer);
      await opts.apollo.stop();
    })();
    return closing;
  };
  return { server, url, port, close };
}
