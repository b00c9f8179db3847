import type { Condition, DocumentPath, Operand } from './expressionAst.js';
import { type AttributeValue, compareValues, type Item, typeOf, valuesEqual } from './values.js';

/** The value at a document path of an item, or `undefined` when any step of the path is missing. */
export function resolvePath(item: Item, path: DocumentPath): AttributeValue | undefined {
  const [first, ...rest] = path.elements;
  let current: AttributeValue | undefined = typeof first === 'string' ? item[first] : undefined;
  for (const element of rest) {
    if (current === undefined) return undefined;
    if (typeof element === 'number') current = 'L' in current ? current.L[element] : undefined;
    else current = 'M' in current ? current.M[element] : undefined;
  }
  return current;
}

function sizeOf(value: AttributeValue): number | undefined {
  // DynamoDB's size() counts bytes for strings and binary, and members for collections; other types have no size.
  if ('S' in value) return Buffer.byteLength(value.S, 'utf8');
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  if ('SS' in value) return value.SS.length;
  if ('NS' in value) return value.NS.length;
  if ('BS' in value) return value.BS.length;
  if ('L' in value) return value.L.length;
  if ('M' in value) return Object.keys(value.M).length;
  return undefined;
}

function operandValue(operand: Operand, item: Item): AttributeValue | undefined {
  if (operand.kind === 'value') return operand.value;
  if (operand.kind === 'path') return resolvePath(item, operand);
  const target = resolvePath(item, operand.path);
  const size = target === undefined ? undefined : sizeOf(target);
  return size === undefined ? undefined : { N: String(size) };
}

function compare(op: string, left: AttributeValue | undefined, right: AttributeValue | undefined): boolean {
  if (op === '=') return left !== undefined && right !== undefined && valuesEqual(left, right);
  // A missing attribute is "not equal" to any value, so `<>` holds for it (AWS behaves the same).
  if (op === '<>') return left === undefined || right === undefined || !valuesEqual(left, right);
  if (left === undefined || right === undefined) return false;
  const order = compareValues(left, right);
  if (order === undefined) return false;
  if (op === '<') return order < 0;
  if (op === '<=') return order <= 0;
  if (op === '>') return order > 0;
  return order >= 0;
}

function beginsWith(value: AttributeValue | undefined, prefix: AttributeValue | undefined): boolean {
  if (value === undefined || prefix === undefined) return false;
  if ('S' in value && 'S' in prefix) return value.S.startsWith(prefix.S);
  if ('B' in value && 'B' in prefix) {
    const bytes = Buffer.from(value.B, 'base64');
    const start = Buffer.from(prefix.B, 'base64');
    return bytes.subarray(0, start.length).equals(start);
  }
  return false;
}

function contains(container: AttributeValue | undefined, member: AttributeValue | undefined): boolean {
  if (container === undefined || member === undefined) return false;
  if ('S' in container) return 'S' in member && container.S.includes(member.S);
  if ('B' in container)
    return 'B' in member && Buffer.from(container.B, 'base64').includes(Buffer.from(member.B, 'base64'));
  // Set members and operands are canonical, so comparing their text is exact.
  if ('SS' in container) return 'S' in member && container.SS.includes(member.S);
  if ('NS' in container) return 'N' in member && container.NS.includes(member.N);
  if ('BS' in container) return 'B' in member && container.BS.includes(member.B);
  if ('L' in container) return container.L.some((element) => valuesEqual(element, member));
  return false;
}

/** Whether `item` satisfies `condition`. A missing item is evaluated as an empty one, as AWS does for writes. */
export function evaluate(condition: Condition, item: Item): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluate(condition.left, item) && evaluate(condition.right, item);
    case 'or':
      return evaluate(condition.left, item) || evaluate(condition.right, item);
    case 'not':
      return !evaluate(condition.operand, item);
    case 'compare':
      return compare(condition.op, operandValue(condition.left, item), operandValue(condition.right, item));
    case 'between': {
      const value = operandValue(condition.operand, item);
      return (
        compare('>=', value, operandValue(condition.low, item)) &&
        compare('<=', value, operandValue(condition.high, item))
      );
    }
    case 'in': {
      const value = operandValue(condition.operand, item);
      return condition.list.some((candidate) => compare('=', value, operandValue(candidate, item)));
    }
    case 'function':
      return evaluateFunction(condition, item);
  }
}

function evaluateFunction(condition: Extract<Condition, { kind: 'function' }>, item: Item): boolean {
  const [first, second] = condition.args.map((arg) => operandValue(arg, item));
  switch (condition.name) {
    case 'attribute_exists':
      return first !== undefined;
    case 'attribute_not_exists':
      return first === undefined;
    case 'attribute_type':
      return first !== undefined && second !== undefined && 'S' in second && typeOf(first) === second.S;
    case 'begins_with':
      return beginsWith(first, second);
    case 'contains':
      return contains(first, second);
  }
}

/** Every document path a condition reads; Query uses it to reject filters on key attributes. */
export function conditionPaths(condition: Condition): DocumentPath[] {
  const fromOperand = (operand: Operand): DocumentPath[] =>
    operand.kind === 'path' ? [operand] : operand.kind === 'size' ? [operand.path] : [];
  switch (condition.kind) {
    case 'and':
    case 'or':
      return [...conditionPaths(condition.left), ...conditionPaths(condition.right)];
    case 'not':
      return conditionPaths(condition.operand);
    case 'compare':
      return [...fromOperand(condition.left), ...fromOperand(condition.right)];
    case 'between':
      return [condition.operand, condition.low, condition.high].flatMap(fromOperand);
    case 'in':
      return [condition.operand, ...condition.list].flatMap(fromOperand);
    case 'function':
      return condition.args.flatMap(fromOperand);
  }
}
