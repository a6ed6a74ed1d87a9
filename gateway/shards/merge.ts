import type { FieldNode, GraphQLNamedType, SelectionSetNode } from 'graphql';
import { compareCursors } from '../../common/cursor';
import { suppressCount, suppressMean, suppressRate } from '../../common/suppression';
import type { ShardRules } from './rules';
import { type Doc, argumentValue, fieldsFor, namedTypeOf, responseKey } from './selection';

/**
 * Merging the answers of several instances of one subgraph into the answer one instance
 * holding all the data would give, field by field, by each field's declared rule (see
 * subgraphs/kit/shard.ts). The router added what a merge needs under aliases starting
 * with SHARD_PREFIX (cursors, hasNextPage, group keys, raw figures); `strip` removes them.
 */
export const SHARD_PREFIX = '__shard_';
export const K = {
  cursor: `${SHARD_PREFIX}cursor`,
  edges: `${SHARD_PREFIX}edges`,
  pageInfo: `${SHARD_PREFIX}pageInfo`,
  key: `${SHARD_PREFIX}key`,
  value: `${SHARD_PREFIX}value`,
  part: `${SHARD_PREFIX}part`,
  group: `${SHARD_PREFIX}group`,
  sum: `${SHARD_PREFIX}sum`,
  /** `sort0`, `sort1`, …: a sorted list's keys, in order. */
  sort: `${SHARD_PREFIX}sort`,
} as const;

export interface MergeScope {
  doc: Doc;
  rules: ShardRules;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeOf = (s: MergeScope, value: Obj, fallback: GraphQLNamedType | undefined) =>
  (typeof value.__typename === 'string' ? s.doc.schema.getType(value.__typename) : undefined) ?? fallback;

/** The values several instances gave for `field` (of an object of type `parent`), as one. */
export function mergeField(s: MergeScope, parent: GraphQLNamedType | undefined, field: FieldNode, values: unknown[]): unknown {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (present.length === 0) return values.length && values.every((v) => v === undefined) ? undefined : null;
  if (present.length === 1) return present[0];
  const rule = parent ? s.rules.fields.get(`${parent.name}.${field.name.value}`)?.merge : undefined;
  const type = namedTypeOf(s.doc, parent, field);
  if (rule === 'connection') return mergeConnection(s, parent, field, type, present as Obj[]);
  if (rule === 'list') return present.flat();
  if (rule?.startsWith('sorted:')) return sorted(present.flat() as Obj[], rule.slice('sorted:'.length).split(',').length);
  if (rule === 'sum') return sum(s, type, field.selectionSet, present);
  if (rule?.startsWith('group:')) return group(s, type, field.selectionSet, present as Obj[][]);
  if (rule === 'same' || !field.selectionSet || Array.isArray(present[0])) return present[0];
  return mergeObject(s, type, field.selectionSet, present as Obj[]);
}

/** Objects of one type from several instances, merged field by field. */
export function mergeObject(s: MergeScope, type: GraphQLNamedType | undefined, set: SelectionSetNode | undefined, objects: Obj[]): Obj {
  const first = objects[0] ?? {};
  const actual = typeOf(s, first, type);
  const out: Obj = {};
  for (const f of fieldsFor(s.doc, set, actual?.name ?? '')) {
    const key = responseKey(f);
    if (key in out) continue;
    out[key] = mergeField(s, actual, f, objects.map((o) => o[key]));
  }
  return out;
}

/** Numbers added field by field; anything else is the same everywhere. */
function sum(s: MergeScope, type: GraphQLNamedType | undefined, set: SelectionSetNode | undefined, values: unknown[]): unknown {
  if (values.every((v) => typeof v === 'number')) return (values as number[]).reduce((a, b) => a + b, 0);
  if (!set || !values.every(isObj)) return values[0];
  const objects = values as Obj[];
  const actual = typeOf(s, objects[0]!, type);
  const out: Obj = {};
  for (const f of fieldsFor(s.doc, set, actual?.name ?? '')) {
    const key = responseKey(f);
    if (key in out) continue;
    const own = actual ? s.rules.fields.get(`${actual.name}.${f.name.value}`)?.merge : undefined;
    const vals = objects.map((o) => o[key]).filter((v) => v !== undefined && v !== null);
    out[key] = own ? mergeField(s, actual, f, vals) : vals.length ? sum(s, namedTypeOf(s.doc, actual, f), f.selectionSet, vals) : null;
  }
  return out;
}

/** List items with the same key merged (their numbers summed by their own rules), sorted by the key. */
function group(s: MergeScope, type: GraphQLNamedType | undefined, set: SelectionSetNode | undefined, lists: Obj[][]): Obj[] {
  const byKey = new Map<string, Obj[]>();
  for (const item of lists.flat()) {
    const key = keyOf(item[K.key]);
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, items]) => mergeObject(s, type, set, items));
}

/** Lists from several instances as one list in the order each instance keeps (its keys, compared in turn). */
function sorted(items: Obj[], keys: number): Obj[] {
  const tuple = (item: Obj) => Array.from({ length: keys }, (_, i) => keyOf(item[`${K.sort}${i}`]));
  return items
    .map((item) => ({ item, key: tuple(item) }))
    .sort((a, b) => {
      for (let i = 0; i < keys; i++) {
        const x = a.key[i]!;
        const y = b.key[i]!;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    })
    .map(({ item }) => item);
}

/** A group key as the router selected it: a value, or an object holding one. */
function keyOf(v: unknown): string {
  while (isObj(v)) v = Object.values(v)[0];
  return String(v);
}

/** Keyset pages from several instances: the first `first` edges in cursor order, counts summed. */
function mergeConnection(s: MergeScope, parent: GraphQLNamedType | undefined, field: FieldNode, type: GraphQLNamedType | undefined, conns: Obj[]): Obj {
  const first = Number(argumentValue(s.doc, parent, field, 'first') ?? 20);
  const fields = fieldsFor(s.doc, field.selectionSet, type?.name ?? '');
  const mergedEdges = new Map<string, Obj[]>();
  let total = 0;
  const edgesOf = (key: string) => {
    let merged = mergedEdges.get(key);
    if (!merged) {
      const all = conns.flatMap((c) => (Array.isArray(c[key]) ? (c[key] as Obj[]) : []));
      total = Math.max(total, all.length);
      merged = all.sort((a, b) => compareCursors(String(a[K.cursor]), String(b[K.cursor])) ?? 0).slice(0, first);
      mergedEdges.set(key, merged);
    }
    return merged;
  };
  const routerEdges = edgesOf(K.edges);
  const anyMore = conns.some((c) => (c[K.pageInfo] as Obj | undefined)?.hasNextPage === true);
  const out: Obj = {};
  for (const f of fields) {
    const key = responseKey(f);
    if (key in out) continue;
    if (f.name.value === 'edges') out[key] = edgesOf(key);
    else if (f.name.value === 'pageInfo') out[key] = pageInfo(s, f, type, conns, key, routerEdges, anyMore || total > first);
    else out[key] = mergeField(s, type, f, conns.map((c) => c[key]));
  }
  return out;
}

function pageInfo(s: MergeScope, field: FieldNode, parent: GraphQLNamedType | undefined, conns: Obj[], key: string, edges: Obj[], hasNextPage: boolean): Obj {
  const type = namedTypeOf(s.doc, parent, field);
  const out: Obj = {};
  for (const f of fieldsFor(s.doc, field.selectionSet, type?.name ?? 'PageInfo')) {
    const k = responseKey(f);
    switch (f.name.value) {
      case 'hasNextPage':
        out[k] = hasNextPage;
        break;
      case 'startCursor':
        out[k] = edges.length ? edges[0]![K.cursor] : null;
        break;
      case 'endCursor':
        out[k] = edges.length ? edges.at(-1)![K.cursor] : null;
        break;
      default:
        out[k] = (conns.find((c) => isObj(c[key]))?.[key] as Obj | undefined)?.[k] ?? null;
    }
  }
  return out;
}

const SUPPRESSED = new Set(['SuppressedCount', 'SuppressedRate', 'SuppressedMean']);

/**
 * Figures over people, suppressed once the instances' raw figures are merged (and for
 * any figure that came raw): a count from its raw value, a rate from its part and group,
 * a mean from its sum and group. The fields the client asked for get the outcome.
 */
export function resuppress(s: MergeScope, type: GraphQLNamedType | undefined, set: SelectionSetNode | undefined, value: unknown, min: number): void {
  if (Array.isArray(value)) {
    for (const item of value) resuppress(s, type, set, item, min);
    return;
  }
  if (!isObj(value) || !set) return;
  const actual = typeOf(s, value, type);
  const fields = fieldsFor(s.doc, set, actual?.name ?? '');
  if (actual && SUPPRESSED.has(actual.name)) {
    const n = (k: string) => Number(value[k] ?? 0);
    const figure =
      actual.name === 'SuppressedCount'
        ? suppressCount(n(K.value), min)
        : actual.name === 'SuppressedRate'
          ? suppressRate(n(K.part), n(K.group), min)
          : suppressMean(n(K.sum), n(K.group), min);
    for (const f of fields) {
      if (f.name.value === 'value') value[responseKey(f)] = figure.value;
      if (f.name.value === 'suppressed') value[responseKey(f)] = figure.suppressed;
    }
    return;
  }
  for (const f of fields) resuppress(s, namedTypeOf(s.doc, actual, f), f.selectionSet, value[responseKey(f)], min);
}

/** Removes what the router added for merging. */
export function strip(value: unknown): unknown {
  if (Array.isArray(value)) for (const item of value) strip(item);
  else if (isObj(value)) {
    for (const key of Object.keys(value)) {
      if (key.startsWith(SHARD_PREFIX)) delete value[key];
      else strip(value[key]);
    }
  }
  return value;
}
