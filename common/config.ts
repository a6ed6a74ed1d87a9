import { isAbsolute, join } from 'node:path';
import { projectRoot } from './paths';

/**
 * The one place that reads environment variables. Every variable, its default
 * and its meaning is listed in the README's configuration table.
 */

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return n;
}

function path(env: Env, name: string, fallback: string): string {
  const p = str(env, name, fallback);
  return isAbsolute(p) ? p : join(projectRoot, p);
}

/** A subgraph as config sees it: its name and its port when the whole system runs on one machine. */
export interface SubgraphPort {
  name: string;
  port: number;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** Production mode: no introspection, no field suggestions in errors (unless enabled). */
export function isProduction(env: Env = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** Where state is kept: the embedded PostgreSQL's data, and the development keys unless placed elsewhere. */
function dataDir(env: Env): string {
  return path(env, 'VUXHUB_DATA_DIR', '.data');
}

/** How every process verifies bearer tokens: the same issuer, audience and public keys. */
export function authConfig(env: Env = process.env) {
  return {
    issuer: str(env, 'AUTH_ISSUER', 'vuxhub-dev'),
    audience: str(env, 'AUTH_AUDIENCE', 'vuxhub'),
    jwks: env.AUTH_JWKS || undefined,
    jwksPath: path(env, 'AUTH_JWKS_PATH', join(dataDir(env), 'auth', 'jwks.json')),
    clockToleranceSec: int(env, 'AUTH_CLOCK_TOLERANCE_S', 30),
    maxTokenAgeSec: int(env, 'AUTH_MAX_TOKEN_AGE_S', 12 * 3600, 1),
  };
}

/** Where `npm start` keeps the development signing key that `npm run token` uses. */
export function devSigningKeyPath(env: Env = process.env): string {
  return path(env, 'AUTH_DEV_SIGNING_KEY_PATH', join(dataDir(env), 'auth', 'dev-signing-key.json'));
}

/**
 * The master key personal data (personnummer) is sealed with: PERSONAL_DATA_KEY (base64 of
 * 32 bytes) or else the file at PERSONAL_DATA_KEY_PATH. The inline key is behind a
 * function, so that a config logged whole never prints it.
 */
export function personalDataConfig(env: Env = process.env) {
  const inlineKey = env.PERSONAL_DATA_KEY || undefined;
  return {
    inlineKey: (): string | undefined => inlineKey,
    keyPath: path(env, 'PERSONAL_DATA_KEY_PATH', join(dataDir(env), 'keys', 'personal-data.key')),
  };
}
export type PersonalDataConfig = ReturnType<typeof personalDataConfig>;

/** Counts and means over fewer people than this are suppressed (see subgraphs/kit/suppressed.ts). */
export function suppressionConfig(env: Env = process.env) {
  return { minGroupSize: int(env, 'MIN_GROUP_SIZE', 5, 1) };
}

/**
 * Limits on the document itself: its length is checked before it is parsed, its tokens
 * while it is. A subgraph's are larger: it is also sent the gateway's own documents.
 */
export const GATEWAY_DOCUMENT_LIMITS = { maxQueryLength: 50_000, maxQueryTokens: 5_000 };
export const SUBGRAPH_DOCUMENT_LIMITS = { maxQueryLength: 200_000, maxQueryTokens: 20_000 };

/** Limits on what one operation may ask for, checked before it runs (gateway and subgraphs). */
export function queryLimitsConfig(env: Env = process.env, documentDefaults = GATEWAY_DOCUMENT_LIMITS) {
  const production = isProduction(env);
  return {
    maxQueryLength: int(env, 'MAX_QUERY_LENGTH', documentDefaults.maxQueryLength, 1),
    maxQueryTokens: int(env, 'MAX_QUERY_TOKENS', documentDefaults.maxQueryTokens, 1),
    maxDepth: int(env, 'MAX_QUERY_DEPTH', 10, 1),
    maxAliases: int(env, 'MAX_QUERY_ALIASES', 20, 0),
    maxCost: int(env, 'MAX_QUERY_COST', 10_000, 1),
    defaultListSize: int(env, 'QUERY_COST_LIST_SIZE', 30, 1),
    // Connections refuse a larger first: themselves, with a message saying so.
    maxPageSize: 100,
    introspection: bool(env, 'INTROSPECTION', !production),
    hideSchemaDetails: !bool(env, 'FIELD_SUGGESTIONS', !production),
    allowBatchedRequests: bool(env, 'ALLOW_BATCHED_REQUESTS', false),
  };
}

export function logConfig(env: Env = process.env) {
  return { level: str(env, 'LOG_LEVEL', 'info') };
}

/** GET /metrics (Prometheus) on every server, on unless METRICS=false. */
export function metricsEnabled(env: Env = process.env): boolean {
  return bool(env, 'METRICS', true);
}

export type TraceExporter = 'otlp' | 'console';

/**
 * OpenTelemetry tracing, off unless the standard OTEL_* variables ask for it:
 * OTEL_TRACES_EXPORTER (`otlp`, `console`, both comma-separated, or `none`), or else an
 * OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, which
 * the exporter itself reads, as it reads OTEL_EXPORTER_OTLP_HEADERS and the like).
 * OTEL_SDK_DISABLED=true turns it off whatever else is set. Spans go out as OTLP/HTTP
 * with JSON bodies; `grpc` is refused.
 */
export function tracingConfig(env: Env = process.env) {
  const exporters = str(env, 'OTEL_TRACES_EXPORTER', '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  for (const e of exporters) {
    if (e !== 'otlp' && e !== 'console' && e !== 'none') {
      throw new Error(`OTEL_TRACES_EXPORTER must be otlp, console or none (or a comma-separated list), got "${e}"`);
    }
  }
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
  let chosen: TraceExporter[] = exporters.filter((e): e is TraceExporter => e !== 'none');
  if (exporters.includes('none')) chosen = [];
  else if (exporters.length === 0 && endpoint) chosen = ['otlp'];
  // The specification: only "true" (any case) disables the SDK.
  const disabled = /^true$/i.test((env.OTEL_SDK_DISABLED ?? '').trim());
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || undefined;
  if (!disabled && chosen.includes('otlp') && protocol === 'grpc') {
    throw new Error('OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: traces go out as OTLP/HTTP (http/json, port 4318)');
  }
  return {
    enabled: !disabled && chosen.length > 0,
    exporters: chosen,
    /** For the log line only: the exporter reads its endpoint itself. */
    endpoint,
    /** Set: the resource's service.name; unset: the process's own name (gateway, providers, offerings). */
    serviceName: env.OTEL_SERVICE_NAME || undefined,
  };
}

/**
 * @apollo/gateway reports usage to Apollo's servers unless told not to; the region's
 * gateway never calls out (many municipal networks have no internet), unless
 * APOLLO_TELEMETRY_DISABLED=false is set.
 */
export function keepVendorTelemetryOff(env: Env = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED ??= 'true';
}

/** Where a server listens; HOST unset means every interface. */
export function listenConfig(env: Env, defaultPort: number) {
  return { port: int(env, 'PORT', defaultPort), host: env.HOST || undefined };
}

/**
 * HTTP limits. A subgraph's default body limit is larger than the gateway's: the gateway's
 * own `_entities` requests carry many representations.
 */
export function httpConfig(env: Env = process.env, defaultMaxBodyBytes = 1_000_000) {
  return {
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', defaultMaxBodyBytes, 1),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
  };
}

/** `*`, or a comma-separated list of origins such as `https://vuxenutbildning.example.se`. */
function corsOrigins(raw: string): '*' | string[] {
  if (raw.trim() === '*') return '*';
  return raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/** `SUBGRAPH_URL_<NAME>`: where each subgraph answers, by lower-case name. */
function subgraphUrlsOf(env: Env): Record<string, string> {
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const m = /^SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(key);
    if (m && m[1] && value) subgraphUrls[m[1].toLowerCase()] = value;
  }
  return subgraphUrls;
}

export function gatewayConfig(env: Env = process.env) {
  const subgraphUrls = subgraphUrlsOf(env);
  return {
    ...listenConfig(env, 4000),
    ...httpConfig(env),
    metrics: metricsEnabled(env),
    supergraphPath: path(env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql'),
    subgraphUrls,
    subgraphTimeoutMs: int(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 1),
    corsOrigins: corsOrigins(str(env, 'CORS_ORIGINS', '*')),
    auth: authConfig(env),
    limits: queryLimitsConfig(env),
    /** Gateway processes sharing the port (node:cluster); 1: the process serves alone. */
    workers: int(env, 'GATEWAY_WORKERS', 1, 1),
    /** Identical subgraph requests in flight at once are sent once, their answer shared. */
    shareIdenticalRequests: bool(env, 'SHARE_IDENTICAL_REQUESTS', true),
    /** Memory for whole answers to anonymous catalogue operations; 0 turns the response cache off. */
    responseCacheMaxBytes: int(env, 'RESPONSE_CACHE_MB', 64, 0) * 1024 * 1024,
    /** A persisted-operation manifest: when set, only its operations run. */
    safelistPath: env.PERSISTED_OPERATIONS_PATH ? path(env, 'PERSISTED_OPERATIONS_PATH', '') : undefined,
    /** GraphiQL for a browser's GET /graphql (off in production unless enabled). */
    graphiql: bool(env, 'GRAPHIQL', !isProduction(env)),
    /** Which instances hold which municipalities' data (absent file: one instance per subgraph). */
    shardMapPath: path(env, 'SHARD_MAP', join(dataDir(env), 'shards.json')),
    /** The gateway's own key for asking instances for raw figures (its public half in the region's JWKS). */
    serviceKeyPath: env.SERVICE_SIGNING_KEY_PATH ? path(env, 'SERVICE_SIGNING_KEY_PATH', '') : devSigningKeyPath(env),
  };
}

/**
 * Which municipalities an instance of a sharded subgraph holds: one (MUNICIPALITY, its own
 * instance) or every one but those running their own (EXCLUDE_MUNICIPALITIES, the default).
 */
export function instanceScopeConfig(env: Env = process.env): { only?: string; except?: string[] } {
  const municipality = env.MUNICIPALITY || undefined;
  if (municipality !== undefined && !/^\d{4}$/.test(municipality)) {
    throw new Error(`MUNICIPALITY must be a 4-digit municipality code, got "${municipality}"`);
  }
  // The default instance of a sharded subgraph: every municipality but these (they run their own).
  const excluded = str(env, 'EXCLUDE_MUNICIPALITIES', '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  for (const code of excluded) {
    if (!/^\d{4}$/.test(code)) throw new Error(`EXCLUDE_MUNICIPALITIES must list 4-digit municipality codes, got "${code}"`);
  }
  if (municipality && excluded.length) throw new Error('set MUNICIPALITY (an own instance) or EXCLUDE_MUNICIPALITIES (the default one), not both');
  return municipality ? { only: municipality } : { except: excluded };
}

export function subgraphConfig({ name, port }: SubgraphPort, env: Env = process.env) {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error(`DATABASE_URL is required for the ${name} subgraph (its own PostgreSQL database)`);
  }
  const scope = instanceScopeConfig(env);
  return {
    ...listenConfig(env, port),
    ...httpConfig(env, 16_000_000),
    metrics: metricsEnabled(env),
    databaseUrl,
    poolSize: int(env, 'DB_POOL_SIZE', 10, 1),
    slowQueryMs: int(env, 'SLOW_QUERY_MS', 200, 1),
    // Shorter than the gateway's SUBGRAPH_TIMEOUT_MS, so that the client hears why.
    statementTimeoutMs: int(env, 'STATEMENT_TIMEOUT_MS', 5_000),
    /** Which municipalities' rows this instance holds. */
    scope,
    auth: authConfig(env),
    limits: queryLimitsConfig(env, SUBGRAPH_DOCUMENT_LIMITS),
  };
}

/**
 * How a subgraph reaches the other subgraphs it needs facts from: the shard map file
 * (SHARD_MAP) when there is one, else one URL each (SUBGRAPH_URL_<NAME>); a service token
 * signed with SERVICE_SIGNING_KEY_PATH (a private JWK whose public half is in the region's
 * JWKS; the development key by default); a timeout per call; and how long answers are kept.
 */
export function peerConfig(env: Env = process.env) {
  return {
    shardMapPath: env.SHARD_MAP ? path(env, 'SHARD_MAP', '') : undefined,
    subgraphUrls: subgraphUrlsOf(env),
    serviceKeyPath: env.SERVICE_SIGNING_KEY_PATH ? path(env, 'SERVICE_SIGNING_KEY_PATH', '') : devSigningKeyPath(env),
    timeoutMs: int(env, 'PEER_TIMEOUT_MS', 3000, 1),
    factsTtlMs: int(env, 'OFFERING_FACTS_TTL_MS', 5000, 0),
  };
}

/**
 * Settings of `npm start` (the whole system on one machine) for the given subgraphs: each
 * one's port (`<NAME>_PORT`) and, optionally, a database of its own (`DATABASE_URL_<NAME>`).
 */
export function systemConfig(env: Env, subgraphs: readonly SubgraphPort[]) {
  const databaseUrls: Partial<Record<string, string>> = {};
  const subgraphPorts: Record<string, number> = {};
  for (const { name, port } of subgraphs) {
    const own = env[`DATABASE_URL_${name.toUpperCase()}`];
    if (own) databaseUrls[name] = own;
    subgraphPorts[name] = int(env, `${name.toUpperCase()}_PORT`, port);
  }
  return {
    gatewayPort: int(env, 'PORT', 4000),
    subgraphPorts,
    /** `npm start -- --own …`: municipalities' own instances listen from this port up. */
    ownInstancePortBase: int(env, 'OWN_INSTANCE_PORT_BASE', 4100, 1),
    /** A server to create the subgraphs' databases on, instead of the embedded one. */
    databaseUrl: env.DATABASE_URL || undefined,
    databaseUrls,
    dataDir: dataDir(env),
    embeddedPostgresPort: int(env, 'EMBEDDED_PG_PORT', 5433, 1),
    seedScale: int(env, 'SEED_SCALE', 1, 1),
  };
}
