import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/**
 * Limits on the shape of an operation, checked while the document is validated, so a
 * query that would be too deep, too wide through aliases or too costly is refused before
 * anything runs (at the gateway, and again in each subgraph).
 */
export interface QueryLimits {
  /** Nested field levels; `{ a { b } }` has depth 2. */
  maxDepth: number;
  /** Aliased fields, counted each time a fragment that holds them is spread. */
  maxAliases: number;
  /** Fields selected, each counted once per item its enclosing lists may return. */
  maxCost: number;
  /** Items assumed for a list field without a usable `first:`. */
  defaultListSize: number;
  /**
   * Items assumed for `first: $variable`: its value is not known when the operation is
   * checked (a default in the operation binds nothing), so the largest page a list gives.
   */
  variablePageSize: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 20,
  maxCost: 10_000,
  defaultListSize: 10,
  variablePageSize: 100,
};

/** Validation rules (for `validationRules` of Apollo Server or graphql's `validate`) enforcing `limits`. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [(context) => queryLimitsVisitor(context, limits)];
}

interface Measure {
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

function queryLimitsVisitor(context: ValidationContext, limits: QueryLimits) {
  return {
    OperationDefinition(operation: OperationDefinitionNode) {
      const m = measureOperation(context, operation, limits);
      const report = (message: string) =>
        context.reportError(new GraphQLError(message, { nodes: operation, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      if (m.depth > limits.maxDepth) {
        report(`Query depth ${fmt(m.depth)} exceeds the limit of ${fmt(limits.maxDepth)}; ask for fewer nested levels.`);
      }
      if (m.aliases > limits.maxAliases) {
        report(`Query uses ${fmt(m.aliases)} aliases; the limit is ${fmt(limits.maxAliases)}.`);
      }
      if (m.cost > limits.maxCost) {
        report(
          `Query cost ${m.cost >= CAP ? 'over ' : ''}${fmt(m.cost)} exceeds the limit of ${fmt(limits.maxCost)}: ` +
            `list fields count once per item they may return (first: or ${fmt(limits.defaultListSize)} when a list has no first:); ` +
            'ask for smaller pages or fewer nested lists.',
        );
      }
      return false; // the walk above has seen the whole operation
    },
    FragmentDefinition: () => false, // measured where they are spread
  };
}

/**
 * One walk over an operation, fragments expanded. Each named fragment is measured once
 * per operation (its measure does not depend on where it is spread), so documents that
 * spread fragments many times, or in cycles (reported by NoFragmentCyclesRule), stay cheap.
 */
function measureOperation(context: ValidationContext, operation: OperationDefinitionNode, limits: QueryLimits): Measure {
  const schema = context.getSchema();
  const fragments = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const intValue = (value: ValueNode | undefined): number | undefined => {
    if (value?.kind !== Kind.INT) return undefined;
    const n = Number.parseInt(value.value, 10);
    return Number.isFinite(n) ? Math.max(0, n) : undefined;
  };

  /** Items per list the field may return: `first:`, else a list's default size, else 1. */
  const multiplier = (node: FieldNode, def: GraphQLField<unknown, unknown> | undefined): number => {
    const firstArg = node.arguments?.find((a) => a.name.value === 'first');
    const firstDef = def?.args.find((a) => a.name === 'first');
    if (firstArg || firstDef) {
      const value = firstArg?.value;
      if (value?.kind === Kind.VARIABLE) return limits.variablePageSize;
      const given = intValue(value);
      if (given !== undefined) return given;
      const schemaDefault = firstDef?.defaultValue;
      if (typeof schemaDefault === 'number' && Number.isInteger(schemaDefault)) return Math.max(0, schemaDefault);
      return limits.defaultListSize;
    }
    if (def && isListType(getNullableType(def.type)) && node.name.value !== 'edges') return limits.defaultListSize;
    return 1;
  };

  const fragment = (name: string): Measure => {
    const known = fragments.get(name);
    if (known) return known;
    const def: FragmentDefinitionNode | null | undefined = context.getFragment(name);
    if (!def || inProgress.has(name)) return ZERO; // unknown or cyclic: other rules report it
    inProgress.add(name);
    const m = selectionSet(def.selectionSet, schema.getType(def.typeCondition.name.value), false);
    inProgress.delete(name);
    fragments.set(name, m);
    return m;
  };

  /** `free`: inside introspection, where only aliases count. */
  const selectionSet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, free: boolean): Measure => {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    for (const selection of set.selections) {
      let child: Measure;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases = add(aliases, 1);
        const name = selection.name.value;
        if (free || name.startsWith('__')) {
          if (selection.selectionSet) aliases = add(aliases, selectionSet(selection.selectionSet, undefined, true).aliases);
          continue;
        }
        const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        child = selection.selectionSet ? selectionSet(selection.selectionSet, def && getNamedType(def.type), false) : ZERO;
        depth = Math.max(depth, child.depth + 1);
        cost = add(cost, add(1, mul(multiplier(selection, def), child.cost)));
        aliases = add(aliases, child.aliases);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        child = selectionSet(selection.selectionSet, type, free);
      } else {
        child = fragment(selection.name.value);
      }
      aliases = add(aliases, child.aliases);
      if (free) continue;
      depth = Math.max(depth, child.depth);
      cost = add(cost, child.cost);
    }
    return { depth, aliases, cost };
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  return selectionSet(operation.selectionSet, root, false);
}
