import {
  type ASTNode,
  BREAK,
  GraphQLError,
  type GraphQLFormattedError,
  Kind,
  type Location,
  type ValueNode,
  parse,
  visit,
} from 'graphql';
import { ErrorCode, PersonalDataInputError } from './errors';

/**
 * graphql-js quotes a bad input value in the message it wraps around a scalar's error:
 * `Variable "$x" got invalid value … at "x.number"; …` for a variable and
 * `Expected value of type "…", found …; …` for a literal. Such a value can be personal
 * data, so messages are rebuilt here from the parts that hold none: the variable or
 * argument path and the scalar's own reason.
 */
export function redactInputValues(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const personal = wrappedPersonalDataError(error);
  const variable = variableError(formatted.message, error);
  if (!personal) {
    if (!variable) return formatted;
    const at = variable.at ? ` at "${variable.at}"` : '';
    const reason = variable.reason ? `; ${variable.reason}` : '.';
    return { ...formatted, message: `Variable "$${variable.name}" got an invalid value${at}${reason}` };
  }
  let place = '';
  if (variable) place = ` in variable "$${variable.at ?? variable.name}"`;
  else if (error instanceof GraphQLError && !formatted.path) place = literalPlace(error);
  return {
    ...formatted,
    message: `Invalid ${personal.subject}${place}: ${personal.reason}.`,
    // A literal's error comes through validation (GRAPHQL_VALIDATION_FAILED); it is bad input all the same.
    extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT },
  };
}

/** graphql-js and Apollo wrap a scalar's error up to three deep. */
function wrappedPersonalDataError(error: unknown): PersonalDataInputError | undefined {
  let e: unknown = error;
  for (let depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e instanceof PersonalDataInputError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
const VARIABLE_PREFIX = new RegExp(`^Variable "\\$(${NAME})" got invalid value `);
const AT_PATH = new RegExp(` at "(${NAME}(?:\\.${NAME}|\\[\\d+\\])*)"$`);

/**
 * The parts of graphql-js's variable coercion message (prefix + '; ' + the inner error's
 * message) that hold no value: the path comes from the end of the prefix, after the value.
 */
function variableError(message: string, error: unknown) {
  const name = VARIABLE_PREFIX.exec(message)?.[1];
  if (!name) return undefined;
  const reason = error instanceof GraphQLError ? error.originalError?.message : undefined;
  if (reason === undefined || !message.endsWith(`; ${reason}`)) return { name, at: undefined, reason: undefined };
  const at = AT_PATH.exec(message.slice(0, -(reason.length + 2)))?.[1];
  const inside = at !== undefined && (at.startsWith(`${name}.`) || at.startsWith(`${name}[`));
  return { name, at: inside ? at : undefined, reason };
}

/** Where a literal sits in the operation: ` in argument "input.number" of field "apply"`. */
function literalPlace(error: GraphQLError): string {
  const target = error.nodes?.[0]?.loc;
  if (!target || !error.source) return '';
  let place = '';
  try {
    visit(parse(error.source), {
      Argument(node, _key, _parent, _path, ancestors) {
        const at = pathTo(node.value, target, node.name.value);
        if (!at) return false;
        place = ` in argument "${at}"${owner(ancestors)}`;
        return BREAK;
      },
      VariableDefinition(node) {
        const at = node.defaultValue && pathTo(node.defaultValue, target, `$${node.variable.name.value}`);
        if (!at) return undefined;
        place = ` in the default value of variable "${at}"`;
        return BREAK;
      },
    });
  } catch {
    // The source parsed once already; if not, the message just names no place.
  }
  return place;
}

function pathTo(value: ValueNode, target: Location, at: string): string | undefined {
  if (value.loc?.start === target.start && value.loc.end === target.end) return at;
  if (value.kind === Kind.LIST) {
    for (const [i, item] of value.values.entries()) {
      const found = pathTo(item, target, `${at}[${i}]`);
      if (found) return found;
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = pathTo(field.value, target, `${at}.${field.name.value}`);
      if (found) return found;
    }
  }
  return undefined;
}

function owner(ancestors: ReadonlyArray<ASTNode | ReadonlyArray<ASTNode>>): string {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a && !Array.isArray(a) && 'kind' in a) {
      const node = a as ASTNode;
      if (node.kind === Kind.FIELD) return ` of field "${node.name.value}"`;
      if (node.kind === Kind.DIRECTIVE) return ` of directive "@${node.name.value}"`;
    }
  }
  return '';
}
