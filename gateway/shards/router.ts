import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type DocumentNode, type FieldNode, type GraphQLFormattedError, Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { ErrorCode } from '../../common/errors';
import type { Instance } from '../../common/shard-map';
import type { GatewayContext } from '../context';
import { type MergeScope, mergeField, mergeObject, resuppress, strip } from './merge';
import { addMergeFields, inlineFragments, withRootFields } from './rewrite';
import type { ShardRules } from './rules';
import { type Doc, argumentPath, fieldsFor, responseKey } from './selection';
import type { ShardSnapshot } from './store';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
type Response = GatewayGraphQLResponse;

export interface ShardRouterOptions {
  subgraph: string;
  rules: ShardRules;
  /** The snapshot a request began with (or the current one). */
  snapshot: (context: GatewayContext | undefined) => ShardSnapshot;
  /** A client for one instance. */
  client: (url: string) => GraphQLDataSource<GatewayContext>;
  /** The gateway's service credential, for raw figures over people; none: figures are never merged. */
  gatewayCredential?: () => Promise<string>;
  minGroupSize: number;
}

interface Parsed {
  doc: DocumentNode;
  op: OperationDefinitionNode;
  /** With the fields merges need, for requests whose answers are merged. */
  forMerge: { doc: DocumentNode; op: OperationDefinitionNode };
}

const OWNER = /^(\d{4})(?:-|$)/;
const ownerOf = (value: unknown) => (typeof value === 'string' ? OWNER.exec(value)?.[1] : undefined);
const MAX_PARSED = 1000;

/**
 * A sharded subgraph as one data source: each fetch the query planner makes is routed
 * over the instances the shard map names, by the subgraph's declared rules (see
 * subgraphs/kit/shard.ts), and their answers merged into the one a single instance
 * holding every municipality would give. An instance that is down, slow or refused
 * leaves its municipalities' part out, with SHARD_UNAVAILABLE naming them.
 */
export class ShardRouter implements GraphQLDataSource<GatewayContext> {
  private readonly parsed = new Map<string, Parsed>();

  constructor(private readonly opts: ShardRouterOptions) {}

  async process(options: Options): Promise<Response> {
    const context = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? (options.context as GatewayContext) : undefined;
    const snapshot = this.opts.snapshot(context);
    const instances = snapshot.instances(this.opts.subgraph);
    const only = instances[0];
    // One instance for the whole region: the request goes as it is.
    if (instances.length === 1 && only && snapshot.routable(this.opts.subgraph, only.url)) {
      return this.opts.client(only.url).process(options);
    }
    const request = options.request;
    const parsed = this.parse(request.query ?? '');
    const variables = (request.variables ?? {}) as Record<string, unknown>;
    const entities = parsed.op.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === '_entities');
    if (parsed.op.operation === 'query' && entities) return this.entities(options, parsed, entities, variables, snapshot);
    return this.rootFields(options, parsed, variables, snapshot, context);
  }

  private parse(query: string): Parsed {
    let p = this.parsed.get(query);
    if (!p) {
      const doc = inlineFragments(parse(query));
      const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (!op) throw new Error('a subgraph fetch without an operation');
      const mergeDoc = addMergeFields(doc, this.opts.rules.schema, this.opts.rules);
      const mergeOp = mergeDoc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      p = { doc, op, forMerge: { doc: mergeDoc, op: mergeOp } };
      if (this.parsed.size >= MAX_PARSED) this.parsed.delete(this.parsed.keys().next().value!);
      this.parsed.set(query, p);
    }
    return p;
  }

  private scope(variables: Record<string, unknown>): MergeScope {
    return { doc: { schema: this.opts.rules.schema, fragments: new Map(), variables }, rules: this.opts.rules };
  }

  /** Representations by the owner their key names; the rest to every instance, merged per representation. */
  private async entities(options: Options, parsed: Parsed, field: FieldNode, variables: Record<string, unknown>, snapshot: ShardSnapshot): Promise<Response> {
    const reps = (variables.representations ?? []) as Record<string, unknown>[];
    const instances = snapshot.instances(this.opts.subgraph);
    const byUrl = new Map<string, number[]>();
    const everywhere: number[] = [];
    reps.forEach((rep, i) => {
      const key = this.opts.rules.keys.get(String(rep.__typename));
      const owner = key ? ownerOf(rep[key]) : undefined;
      if (!owner) return void everywhere.push(i);
      const url = snapshot.map.urlFor(this.opts.subgraph, owner);
      byUrl.set(url, [...(byUrl.get(url) ?? []), i]);
    });
    if (everywhere.length) for (const inst of instances) byUrl.set(inst.url, [...(byUrl.get(inst.url) ?? []), ...everywhere]);
    const merging = everywhere.length > 0 && instances.length > 1;
    const { op } = merging ? parsed.forMerge : parsed;
    const query = print(op);
    const calls = [...byUrl].map(async ([url, indices]) => ({
      url,
      indices,
      response: await this.send(options, snapshot, url, query, { ...variables, representations: indices.map((i) => reps[i]) }, merging),
    }));
    const answers = await Promise.all(calls);
    const out: unknown[] = reps.map(() => null);
    const gathered = new Map<number, unknown[]>();
    const errors: GraphQLFormattedError[] = [];
    for (const { indices, response } of answers) {
      const got = (response.data?._entities ?? []) as unknown[];
      indices.forEach((global, pos) => {
        if (everywhere.includes(global)) gathered.set(global, [...(gathered.get(global) ?? []), got[pos]]);
        else out[global] = got[pos] ?? null;
      });
      for (const e of response.errors ?? []) errors.push(reindexed(e, indices));
    }
    const s = this.scope(variables);
    const selection = (merging ? parsed.forMerge.op : parsed.op).selectionSet.selections.find(
      (x): x is FieldNode => x.kind === Kind.FIELD && x.name.value === '_entities',
    )?.selectionSet;
    for (const [i, values] of gathered) {
      const present = values.filter((v): v is Record<string, unknown> => !!v);
      const type = this.opts.rules.schema.getType(String(reps[i]?.__typename)) ?? undefined;
      out[i] = present.length === 0 ? null : present.length === 1 ? present[0] : mergeObject(s, type, selection, present);
    }
    if (merging) {
      const mergedField = parsed.forMerge.op.selectionSet.selections.find((x): x is FieldNode => x.kind === Kind.FIELD && x.name.value === '_entities');
      out.forEach((entity, i) => resuppress(s, this.opts.rules.schema.getType(String(reps[i]?.__typename)) ?? undefined, mergedField?.selectionSet, entity, this.opts.minGroupSize));
      strip(out);
    }
    return { data: { _entities: out }, ...(errors.length ? { errors: dedupe(errors) } : {}) };
  }

  /** Each root field to the instances its rule names; the fields of one instance in one request. */
  private async rootFields(
    options: Options,
    parsed: Parsed,
    variables: Record<string, unknown>,
    snapshot: ShardSnapshot,
    context: GatewayContext | undefined,
  ): Promise<Response> {
    const doc: Doc = { schema: this.opts.rules.schema, fragments: new Map(), variables };
    const rootType = this.opts.rules.schema.getRootType(parsed.op.operation) ?? undefined;
    const instances = snapshot.instances(this.opts.subgraph);
    const fallback = instances[0]!.url;
    const targets = new Map<FieldNode, string[]>();
    for (const f of fieldsFor(doc, parsed.op.selectionSet, rootType?.name ?? '')) {
      const route = this.opts.rules.fields.get(`${rootType?.name}.${f.name.value}`)?.route ?? 'regional';
      targets.set(f, this.route(route, doc, rootType, f, snapshot, instances, context) ?? [fallback]);
    }
    const merging = [...targets.values()].some((urls) => urls.length > 1);
    const shape = merging ? parsed.forMerge : parsed;
    // The merge-ready operation's fields, in the same order as the parsed one's.
    const shaped = new Map<FieldNode, FieldNode>();
    const plain = fieldsFor(doc, parsed.op.selectionSet, rootType?.name ?? '');
    const ready = fieldsFor(doc, shape.op.selectionSet, rootType?.name ?? '');
    plain.forEach((f, i) => shaped.set(f, ready[i] ?? f));
    const byUrl = new Map<string, FieldNode[]>();
    for (const [f, urls] of targets) for (const url of urls) byUrl.set(url, [...(byUrl.get(url) ?? []), shaped.get(f)!]);
    const send = (url: string, fields: FieldNode[]) => {
      const whole = fields.length === ready.length;
      const query = print(whole ? shape.op : withRootFields(shape.op, fields));
      return this.send(options, snapshot, url, query, variables, merging);
    };
    // Mutations one after another, each to exactly one instance; queries at once.
    const answers = new Map<string, Response>();
    if (parsed.op.operation === 'mutation') {
      for (const [url, fields] of byUrl) answers.set(url, await send(url, fields));
    } else {
      await Promise.all([...byUrl].map(async ([url, fields]) => answers.set(url, await send(url, fields))));
    }
    const s = this.scope(variables);
    const data: Record<string, unknown> = {};
    const errors: GraphQLFormattedError[] = [];
    for (const [f, urls] of targets) {
      const key = responseKey(f);
      const values = urls.map((url) => (answers.get(url)?.data as Record<string, unknown> | undefined)?.[key] ?? null);
      data[key] = urls.length === 1 ? values[0] : mergeField(s, rootType, shaped.get(f)!, values);
    }
    for (const response of answers.values()) errors.push(...(response.errors ?? []));
    if (merging) {
      resuppress(s, rootType, shape.op.selectionSet, data, this.opts.minGroupSize);
      strip(data);
    }
    const anyData = [...answers.values()].some((r) => r.data);
    return { data: anyData ? data : null, ...(errors.length ? { errors: dedupe(errors) } : {}) };
  }

  /** The instances a root field goes to, by its rule. */
  private route(
    route: string,
    doc: Doc,
    rootType: ReturnType<typeof this.opts.rules.schema.getRootType> | undefined,
    f: FieldNode,
    snapshot: ShardSnapshot,
    instances: Instance[],
    context: GatewayContext | undefined,
  ): string[] | undefined {
    const urlOf = (code: string) => snapshot.map.urlFor(this.opts.subgraph, code);
    if (route.startsWith('arg:')) {
      const owner = ownerOf(argumentPath(doc, rootType ?? undefined, f, route.slice(4)));
      return owner ? [urlOf(owner)] : undefined;
    }
    if (route === 'viewer') return context?.viewer.municipality ? [urlOf(context.viewer.municipality)] : undefined;
    if (route.startsWith('all')) {
      const narrowing = route.includes(':') ? argumentPath(doc, rootType ?? undefined, f, route.slice(route.indexOf(':') + 1)) : undefined;
      if (Array.isArray(narrowing) && narrowing.length > 0) {
        const codes = narrowing.map((c) => (typeof c === 'string' && /^\d{4}$/.test(c) ? c : undefined));
        // A code that is not one: the default instance refuses it as bad input.
        if (codes.some((c) => c === undefined)) return undefined;
        return [...new Set(codes.map((c) => urlOf(c!)))];
      }
      return instances.map((i) => i.url);
    }
    return undefined;
  }

  /** One request to one instance: an instance not routed to, down or slow gives SHARD_UNAVAILABLE instead. */
  private async send(options: Options, snapshot: ShardSnapshot, url: string, query: string, variables: Record<string, unknown>, raw: boolean): Promise<Response> {
    const instance = snapshot.instances(this.opts.subgraph).find((i) => i.url === url);
    const unavailable = (why: string): Response => ({
      errors: [
        {
          message: `The ${this.opts.subgraph} instance holding ${instance ? snapshot.municipalitiesOf(this.opts.subgraph, instance).join(', ') : 'some municipalities'} ${why}; their part of the answer is missing.`,
          extensions: {
            code: ErrorCode.SHARD_UNAVAILABLE,
            serviceName: this.opts.subgraph,
            municipalities: instance ? snapshot.municipalitiesOf(this.opts.subgraph, instance) : [],
          },
        },
      ],
    });
    if (!snapshot.routable(this.opts.subgraph, url)) {
      const state = snapshot.state(this.opts.subgraph, url);
      return unavailable(state.status === 'refused' ? 'is not routed to: it does not fit the region’s contract' : 'is not available');
    }
    const headers = new Map<string, string>();
    if (raw && this.opts.gatewayCredential) headers.set('x-vuxhub-gateway', `Bearer ${await this.opts.gatewayCredential()}`);
    const request = { ...options.request, query, variables, http: { method: 'POST' as const, url, headers: new Headers([...headers]) } };
    try {
      return await this.opts.client(url).process({ ...options, request } as Options);
    } catch (err) {
      const timedOut = /did not answer within/.test((err as Error).message);
      return unavailable(timedOut ? 'did not answer in time' : 'did not answer');
    }
  }
}

/** An instance's `_entities` error paths, pointing at the representation it had in the whole batch. */
function reindexed(error: GraphQLFormattedError, indices: number[]): GraphQLFormattedError {
  const path = error.path;
  if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return error;
  return { ...error, path: ['_entities', indices[path[1]] ?? path[1], ...path.slice(2)] };
}

/** The same error from several instances (a refusal each of them made) counts once. */
function dedupe(errors: GraphQLFormattedError[]): GraphQLFormattedError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = JSON.stringify([e.message, e.path, e.extensions?.code]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
