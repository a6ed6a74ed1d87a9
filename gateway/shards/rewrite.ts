import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type InlineFragmentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  TypeInfo,
  getNamedType,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { K } from './merge';
import type { ShardRules } from './rules';

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

function field(fieldName: string, alias?: string, selections?: SelectionNode[]): FieldNode {
  return {
    kind: Kind.FIELD,
    name: name(fieldName),
    ...(alias ? { alias: name(alias) } : {}),
    ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
  };
}

function withSelections(set: SelectionSetNode | undefined, extra: SelectionNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: [...(set?.selections ?? []), ...extra] };
}

/** Fragment spreads replaced by inline fragments, so that rewriting and merging see one tree. */
export function inlineFragments(doc: DocumentNode): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const expand = (set: SelectionSetNode, seen: Set<string>): SelectionSetNode => ({
    ...set,
    selections: set.selections.map((sel): SelectionNode => {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value);
        if (!f || seen.has(f.name.value)) return sel;
        const inline: InlineFragmentNode = {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: f.typeCondition,
          directives: sel.directives,
          selectionSet: expand(f.selectionSet, new Set([...seen, f.name.value])),
        };
        return inline;
      }
      return sel.selectionSet ? { ...sel, selectionSet: expand(sel.selectionSet, seen) } : sel;
    }),
  });
  return {
    ...doc,
    definitions: doc.definitions
      .filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION)
      .map((d) => (d.kind === Kind.OPERATION_DEFINITION ? { ...d, selectionSet: expand(d.selectionSet, new Set()) } : d)),
  };
}

/** `edges` selections (through inline fragments) get the cursor the merge sorts by. */
function withEdgeCursors(set: SelectionSetNode): SelectionSetNode {
  return {
    ...set,
    selections: set.selections.map((sel): SelectionNode => {
      if (sel.kind === Kind.FIELD && sel.name.value === 'edges') return { ...sel, selectionSet: withSelections(sel.selectionSet, [field('cursor', K.cursor)]) };
      if (sel.kind === Kind.INLINE_FRAGMENT) return { ...sel, selectionSet: withEdgeCursors(sel.selectionSet) };
      return sel;
    }),
  };
}

/** `a.b.c` as the selection `a { b { c } }`. */
function pathSelection(path: string[], alias?: string): FieldNode {
  const [head = '', ...rest] = path;
  return field(head, alias, rest.length ? [pathSelection(rest)] : undefined);
}

const RAW_FIELDS: Record<string, FieldNode[]> = {
  SuppressedCount: [field('value', K.value)],
  SuppressedRate: [field('part', K.part), field('group', K.group)],
  SuppressedMean: [field('sum', K.sum), field('group', K.group)],
};

/**
 * The operation as sent when instances' answers are merged: every connection gets the
 * cursors and hasNextPage its merge needs, every grouped list its group key, every figure
 * over people its raw parts; all under aliases the merge reads and then removes.
 */
export function addMergeFields(doc: DocumentNode, schema: GraphQLSchema, rules: ShardRules): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    doc,
    visitWithTypeInfo(typeInfo, {
      Field: {
        leave(node) {
          const parent = typeInfo.getParentType();
          const type = typeInfo.getType();
          const named = type ? getNamedType(type) : undefined;
          if (!node.selectionSet) return undefined;
          const rule = parent ? rules.fields.get(`${parent.name}.${node.name.value}`)?.merge : undefined;
          let set = node.selectionSet;
          if (rule === 'connection') {
            set = withSelections(withEdgeCursors(set), [
              field('edges', K.edges, [field('cursor', K.cursor)]),
              field('pageInfo', K.pageInfo, [field('hasNextPage')]),
            ]);
          } else if (rule?.startsWith('group:')) {
            set = withSelections(set, [pathSelection(rule.slice('group:'.length).split('.'), K.key)]);
          } else if (rule?.startsWith('sorted:')) {
            const paths = rule.slice('sorted:'.length).split(',');
            set = withSelections(set, paths.map((p, i) => pathSelection(p.trim().split('.'), `${K.sort}${i}`)));
          }
          const raw = named ? RAW_FIELDS[named.name] : undefined;
          if (raw) set = withSelections(set, raw);
          return set === node.selectionSet ? undefined : { ...node, selectionSet: set };
        },
      },
    }),
  );
}

/** The operation with only some of its root fields, and only the variables they use. */
export function withRootFields(op: OperationDefinitionNode, fields: readonly FieldNode[]): OperationDefinitionNode {
  const used = new Set<string>();
  visit({ kind: Kind.SELECTION_SET, selections: fields }, { Variable: (v) => void used.add(v.name.value) });
  return {
    ...op,
    selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
    variableDefinitions: op.variableDefinitions?.filter((v) => used.has(v.variable.name.value)),
  };
}
