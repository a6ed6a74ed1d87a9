import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
} from 'graphql';

/**
 * Limits on what one operation may ask for, checked before anything runs (at the
 * gateway, and again in each subgraph): depth and aliases while the document is
 * validated; cost once the variables are known, so page sizes and `_entities` batches
 * count as what they really are.
 */
export interface QueryLimits {
  /** Nested field levels; `{ a { b } }` has depth 2. */
  maxDepth: number;
  /** Aliased fields, counted each time a fragment that holds them is spread. */
  maxAliases: number;
  /** Fields selected, each counted once per item its enclosing lists may return. */
  maxCost: number;
  /** Items assumed for a list field without `first:` (the region has 26 municipalities). */
  defaultListSize: number;
  /** The largest page a connection gives: a larger `first:` is counted as this, and refused by the list itself. */
  maxPageSize: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 20,
  maxCost: 10_000,
  defaultListSize: 30,
  maxPageSize: 100,
};

export interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

const ZERO: Measure = { depth: 0, aliases: 0, cost: 0 };
const CAP = Number.MAX_SAFE_INTEGER;
/** Saturating arithmetic: a bomb's cost stays a finite number, capped. */
const add = (a: number, b: number) => Math.min(a + b, CAP);
const mul = (a: number, b: number) => Math.min(a * b, CAP);
const fmt = (n: number) => n.toLocaleString('en-US');

/** Fields of a connection that repeat per item; the rest (totalCount, facets, pageInfo) run once. */
const PER_ITEM = new Set(['edges', 'nodes']);

const refusal = (message: string, nodes?: OperationDefinitionNode) =>
  new GraphQLError(message, { nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });

/** Validation rules (for Apollo Server's `validationRules` or graphql's `validate`): depth and aliases. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [(context) => shapeVisitor(context, limits)];
}

function shapeVisitor(context: ValidationContext, limits: QueryLimits) {
  return {
    OperationDefinition(operation: OperationDefinitionNode) {
      const fragments = (name: string) => context.getFragment(name) ?? undefined;
      const m = measureOperation(context.getSchema(), fragments, operation, limits);
      if (m.depth > limits.maxDepth) {
        context.reportError(
          refusal(`Query depth ${fmt(m.depth)} exceeds the limit of ${fmt(limits.maxDepth)}; ask for fewer nested levels.`, operation),
        );
      }
      if (m.aliases > limits.maxAliases) {
        context.reportError(refusal(`Query uses ${fmt(m.aliases)} aliases; the limit is ${fmt(limits.maxAliases)}.`, operation));
      }
      return false; // the walk above has seen the whole operation
    },
    FragmentDefinition: () => false, // measured where they are spread
  };
}

/** The refusal of an operation whose cost, with these variables, is over the limit. */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): GraphQLError | undefined {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) byName.set(def.name.value, def);
  const { cost } = measureOperation(schema, (name) => byName.get(name), operation, limits, variables ?? {});
  if (cost <= limits.maxCost) return undefined;
  return refusal(
    `Query cost ${cost >= CAP ? 'over ' : ''}${fmt(cost)} exceeds the limit of ${fmt(limits.maxCost)}: ` +
      `each field counts once per item its enclosing lists may return (a connection's edges by its first:, ` +
      `other lists ${fmt(limits.defaultListSize)}); ask for smaller pages or fewer nested lists.`,
    operation,
  );
}

/** Refuses, before execution, an operation whose cost with its actual variables is over the limit. */
export function costLimitPlugin<TContext extends BaseContext>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const error = costRefusal(schema, document, operation, request.variables, limits);
          if (error) throw error;
        },
      };
    },
  };
}

/**
 * One walk over an operation, fragments expanded. Without `variables` (while validating)
 * only depth and aliases are exact; with them, cost is too. Each named fragment is
 * measured once per page context, so documents that spread fragments many times, or in
 * cycles (reported by NoFragmentCyclesRule), stay cheap.
 */
export function measureOperation(
  schema: GraphQLSchema,
  fragmentNamed: (name: string) => FragmentDefinitionNode | undefined,
  operation: OperationDefinitionNode,
  limits: QueryLimits,
  variables: Record<string, unknown> = {},
): Measure {
  const fragments = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const intOf = (value: ValueNode | undefined): number | undefined => {
    if (value?.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (typeof given === 'number' && Number.isInteger(given)) return Math.max(0, given);
      const declared = operation.variableDefinitions?.find((v) => v.variable.name.value === value.name.value);
      return intOf(declared?.defaultValue);
    }
    if (value?.kind !== Kind.INT) return undefined;
    const n = Number.parseInt(value.value, 10);
    return Number.isFinite(n) ? Math.max(0, n) : undefined;
  };

  const listLength = (value: ValueNode | undefined): number | undefined => {
    if (value?.kind === Kind.LIST) return value.values.length;
    if (value?.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      return Array.isArray(given) ? given.length : undefined;
    }
    return undefined;
  };

  /** A connection's page size: `first:`, else the schema's default; undefined when the field has no `first`. */
  const pageOf = (node: FieldNode, def: GraphQLField<unknown, unknown> | undefined): number | undefined => {
    const firstDef = def?.args.find((a) => a.name === 'first');
    const firstArg = node.arguments?.find((a) => a.name.value === 'first');
    if (!firstDef && !firstArg) return undefined;
    const given = intOf(firstArg?.value);
    if (given !== undefined) return Math.min(given, limits.maxPageSize);
    const fallback = firstDef?.defaultValue;
    return typeof fallback === 'number' && Number.isInteger(fallback) ? Math.max(0, fallback) : limits.defaultListSize;
  };

  /** Items a field returns per item of its parent. */
  const multiplier = (node: FieldNode, def: GraphQLField<unknown, unknown> | undefined, page: number | undefined): number => {
    const name = node.name.value;
    if (page !== undefined && PER_ITEM.has(name)) return page;
    if (name === '_entities') {
      return listLength(node.arguments?.find((a) => a.name.value === 'representations')?.value) ?? limits.defaultListSize;
    }
    if (def && isListType(getNullableType(def.type)) && !PER_ITEM.has(name)) return limits.defaultListSize;
    return 1;
  };

  const fragment = (name: string, page: number | undefined): Measure => {
    const key = `${name}/${page ?? ''}`;
    const known = fragments.get(key);
    if (known) return known;
    const def = fragmentNamed(name);
    if (!def || inProgress.has(name)) return ZERO; // unknown or cyclic: other rules report it
    inProgress.add(name);
    const m = selectionSet(def.selectionSet, schema.getType(def.typeCondition.name.value), false, page);
    inProgress.delete(name);
    fragments.set(key, m);
    return m;
  };

  /**
   * `free`: inside introspection, where only aliases count. `page`: the page size of the
   * connection this selection belongs to, which multiplies its edges.
   */
  const selectionSet = (
    set: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    free: boolean,
    page: number | undefined,
  ): Measure => {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    for (const selection of set.selections) {
      let child: Measure;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases = add(aliases, 1);
        const name = selection.name.value;
        if (free || name.startsWith('__')) {
          if (selection.selectionSet) aliases = add(aliases, selectionSet(selection.selectionSet, undefined, true, undefined).aliases);
          continue;
        }
        const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        const type = def && getNamedType(def.type);
        child = selection.selectionSet ? selectionSet(selection.selectionSet, type, false, pageOf(selection, def)) : ZERO;
        depth = Math.max(depth, child.depth + 1);
        cost = add(cost, add(1, mul(multiplier(selection, def, page), child.cost)));
        aliases = add(aliases, child.aliases);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        child = selectionSet(selection.selectionSet, type, free, page);
      } else {
        child = fragment(selection.name.value, page);
      }
      aliases = add(aliases, child.aliases);
      if (free) continue;
      depth = Math.max(depth, child.depth);
      cost = add(cost, child.cost);
    }
    return { depth, aliases, cost };
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  return selectionSet(operation.selectionSet, root, false, undefined);
}
