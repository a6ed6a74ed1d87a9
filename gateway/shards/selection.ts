import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  Kind,
  getNamedType,
  isAbstractType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
} from 'graphql';

/** What reading an operation needs besides its selections. */
export interface Doc {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>>;
}

export const responseKey = (f: FieldNode) => f.alias?.value ?? f.name.value;

function applies(doc: Doc, condition: string | undefined, typename: string): boolean {
  if (!condition || condition === typename) return true;
  const cond = doc.schema.getType(condition);
  const actual = doc.schema.getType(typename);
  return !!cond && isAbstractType(cond) && isObjectType(actual) && doc.schema.isSubType(cond, actual);
}

/** The fields a selection set asks of an object of `typename`, through fragments whose condition holds. */
export function fieldsFor(doc: Doc, set: SelectionSetNode | undefined, typename: string, out: FieldNode[] = []): FieldNode[] {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (applies(doc, sel.typeCondition?.name.value, typename)) fieldsFor(doc, sel.selectionSet, typename, out);
    } else {
      const fragment = doc.fragments.get(sel.name.value);
      if (fragment && applies(doc, fragment.typeCondition.name.value, typename)) fieldsFor(doc, fragment.selectionSet, typename, out);
    }
  }
  return out;
}

export function fieldDef(type: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** The named type of a field's values (an object's __typename decides for abstract types). */
export function namedTypeOf(doc: Doc, parent: GraphQLNamedType | undefined, field: FieldNode): GraphQLNamedType | undefined {
  const def = fieldDef(parent, field.name.value);
  return def ? getNamedType(def.type) : undefined;
}

/** An argument's value with the operation's variables, or the argument's default. */
export function argumentValue(doc: Doc, parent: GraphQLNamedType | undefined, field: FieldNode, name: string): unknown {
  const given = field.arguments?.find((a) => a.name.value === name);
  if (given) return valueFromASTUntyped(given.value as ValueNode, doc.variables as Record<string, unknown>);
  return fieldDef(parent, field.name.value)?.args.find((a) => a.name === name)?.defaultValue;
}

/** The value at a dotted path of an argument ("input.homeMunicipality", "filter.municipalities"). */
export function argumentPath(doc: Doc, parent: GraphQLNamedType | undefined, field: FieldNode, path: string): unknown {
  const [head = '', ...rest] = path.split('.');
  let value = argumentValue(doc, parent, field, head);
  for (const key of rest) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

export function compositeType(doc: Doc, name: string): GraphQLCompositeType | undefined {
  const t = doc.schema.getType(name);
  return t && (isObjectType(t) || isInterfaceType(t) || isAbstractType(t)) ? t : undefined;
}
