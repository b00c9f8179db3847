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
  if (name.startsWith('attribute_') && first?.kind !== 'path') {
    throw expressionError(kind, `Operator or function requires a document path; operator or function: ${name}`);
  }
  if (name === 'attribute_type') checkTypeName(second, kind);
  if (name === 'begins_with' && second?.kind === 'value' && !['S', 'B'].includes(typeOf(second.value))) {
    throw expressionError(
      kind,
      `Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(second.value)}`,
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

/** AWS rejects `BETWEEN :low AND :high` outright when both are values and low is greater than high. */
export function checkBetween(low: Operand, high: Operand, kind: ExpressionKind): void {
  if (low.kind === 'value' && high.kind === 'value' && (compareValues(low.value, high.value) ?? 0) > 0) {
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

function checkTypeName(operand: Operand | undefined, kind: ExpressionKind): void {
  if (operand?.kind !== 'value') {
    throw expressionError(
      kind,
      'Incorrect operand type for operator or function; operator or function: attribute_type',
    );
  }
  const value = operand.value;
  if (!('S' in value) || !ATTRIBUTE_TYPES.includes(value.S as AttributeType)) {
    throw expressionError(
      kind,
      `Invalid attribute type name found; type: ${'S' in value ? value.S : typeOf(value)}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`,
    );
  }
}
