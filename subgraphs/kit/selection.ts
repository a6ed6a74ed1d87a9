import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

function hasField(set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo): boolean {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD && sel.name.value === name) return true;
    if (sel.kind === Kind.INLINE_FRAGMENT && hasField(sel.selectionSet, name, info)) return true;
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = info.fragments[sel.name.value];
      if (fragment && hasField(fragment.selectionSet, name, info)) return true;
    }
  }
  return false;
}

/** Whether the field being resolved selects a direct sub-field `name` (through fragments too). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => hasField(node.selectionSet, name, info));
}
