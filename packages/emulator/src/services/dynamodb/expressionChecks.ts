import type { ConditionFunction, DocumentPath, Operand } from './expressionAst.js';
import { type ExpressionKind, expressionError } from './expressionLexer.js';
import { ATTRIBUTE_TYPES, type AttributeType, compareValues, describeValue, typeOf } from './values.js';

/*
 * The checks AWS makes while parsing an expression, before any item is read: operand counts, operand kinds and
 * types, bounds. They turn mistakes into ValidationExceptions even when no item would be evaluated.
 */

/** AWS allows at most 100 operands in an IN list. */
const MAX_IN_OPERANDS = 100;

/** Arity, document-path and operand-type rules of the condition functions. */
export function checkFunction(name: ConditionFunction, args: readonly Operand[], kind: ExpressionKind): void {
  const arity = name === 'attribute_exists' || name === 'attribute_not_exists' ? 1 : 2;
  if (args.length !== arity) {
    throw expressionError(
      kind,
      `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
    );
  }
  const [first, second] = args;
  if (first && second) checkDistinct(name, first, second, kind);
  if (name.startsWith('attribute_') && first?.kind !== 'path') {
    throw expressionError(kind, `Operator or function requires a document path; operator or function: ${name}`);
  }
  if (name === 'attribute_type') checkTypeName(second, kind);
  const notText = args.find((arg) => arg.kind === 'value' && !['S', 'B'].includes(typeOf(arg.value)));
  if (name === 'begins_with' && notText?.kind === 'value') {
    throw expressionError(
      kind,
      `Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(notText.value)}`,
    );
  }
}

/** `size` takes exactly one document path; returns it. */
export function checkSize(args: readonly Operand[], kind: ExpressionKind): DocumentPath {
  const [path, ...rest] = args;
  if (rest.length > 0) {
    throw expressionError(
      kind,
      `Incorrect number of operands for operator or function; operator or function: size, number of operands: ${args.length}`,
    );
  }
  if (path?.kind !== 'path') {
    throw expressionError(kind, 'Operator or function requires a document path; operator or function: size');
  }
  return path;
}

/**
 * AWS rejects `BETWEEN :low AND :high` outright when both are values of different types, or when low is greater
 * than high.
 */
export function checkBetween(low: Operand, high: Operand, kind: ExpressionKind): void {
  if (low.kind !== 'value' || high.kind !== 'value') return;
  if (typeOf(low.value) !== typeOf(high.value)) {
    throw expressionError(
      kind,
      `The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: ${describeValue(low.value)}, upper bound operand: AttributeValue: ${describeValue(high.value)}`,
    );
  }
  if ((compareValues(low.value, high.value) ?? 0) > 0) {
    throw expressionError(
      kind,
      `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${describeValue(low.value)}, upper bound operand: AttributeValue: ${describeValue(high.value)}`,
    );
  }
}

/** The IN list limit. */
export function checkInList(list: readonly Operand[], kind: ExpressionKind): void {
  if (list.length > MAX_IN_OPERANDS) {
    throw expressionError(
      kind,
      `The IN operator is provided with too many operands; number of operands: ${list.length}`,
    );
  }
}

/**
 * A document path as AWS prints it in error messages: `a.b[0]` is `[a, b, [0]]`.
 */
export function showPath(elements: readonly (string | number)[]): string {
  return `[${elements.map((element) => (typeof element === 'number' ? `[${element}]` : element)).join(', ')}]`;
}

/**
 * AWS refuses an operator or function whose two operands are the same document path (`a = a`,
 * `begins_with(a, a)`): the condition could only ever be trivially true or false.
 */
export function checkDistinct(operator: string, first: Operand, second: Operand, kind: ExpressionKind): void {
  if (first.kind !== 'path' || second.kind !== 'path') return;
  const same =
    first.elements.length === second.elements.length &&
    first.elements.every((element, i) => element === second.elements[i]);
  if (!same) return;
  throw expressionError(
    kind,
    `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${showPath(first.elements)}`,
  );
}

/** The type AWS names for an operand in "Incorrect operand type": a value's own, `N` for `size`, all for a path. */
function operandType(operand: Operand): string {
  if (operand.kind === 'value') return typeOf(operand.value);
  return operand.kind === 'size' ? 'N' : '{NS,SS,L,BS,N,M,B,BOOL,NULL,S}';
}

function checkTypeName(operand: Operand | undefined, kind: ExpressionKind): void {
  if (operand?.kind !== 'value' || !('S' in operand.value)) {
    throw expressionError(
      kind,
      `Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${operand ? operandType(operand) : ''}`,
    );
  }
  const type = operand.value.S;
  if (!ATTRIBUTE_TYPES.includes(type as AttributeType)) {
    throw expressionError(
      kind,
      `Invalid attribute type name found; type: ${type}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`,
    );
  }
}

/**
 * AWS refuses two paths of one expression where one is the other or lies inside it (they "overlap": `a` and `a.b`,
 * or `a` twice) and two that part where one goes on by a list index and the other by a map member (they "conflict":
 * `a[0]` and `a.b`). Pairs are checked in order, each path against those before it, as AWS names them.
 */
export function checkDisjointPaths(paths: readonly DocumentPath[], kind: ExpressionKind): void {
  for (const [index, path] of paths.entries()) {
    for (const other of paths.slice(0, index)) {
      const shorter = other.elements.length <= path.elements.length ? other.elements : path.elements;
      const longer = shorter === other.elements ? path.elements : other.elements;
      const split = shorter.findIndex((element, i) => element !== longer[i]);
      const relation =
        split === -1 ? 'overlap' : split > 0 && typeof shorter[split] !== typeof longer[split] ? 'conflict' : undefined;
      if (relation === undefined) continue;
      throw expressionError(
        kind,
        `Two document paths ${relation} with each other; must remove or rewrite one of these paths; path one: ${showPath(other.elements)}, path two: ${showPath(path.elements)}`,
      );
    }
  }
}
