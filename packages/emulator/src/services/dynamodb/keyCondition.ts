import { AwsServiceError } from '../../core/awsJson.js';
import type { Comparator, Condition, Operand } from './expressionAst.js';
import type { ExpressionAttributes } from './expressionAttributes.js';
import { parseCondition } from './expressionParser.js';
import { typeError } from './members.js';
import type { KeyElement } from './table.js';
import { type AttributeValue, canonicalValue, compareValues, typeOf } from './values.js';

/** The condition on the sort key of a Query. */
export type SortCondition =
  | { readonly op: Exclude<Comparator, '<>'>; readonly value: AttributeValue }
  | { readonly op: 'BETWEEN'; readonly low: AttributeValue; readonly high: AttributeValue }
  | { readonly op: 'begins_with'; readonly value: AttributeValue };

/** A Query's key condition: one partition key value and an optional sort key condition. */
export interface KeyCondition {
  readonly partition: AttributeValue;
  readonly sort?: SortCondition;
}

/** One `key op value` part of a key condition, before it is matched to the key schema. */
interface Part {
  readonly attribute: string;
  readonly condition: SortCondition;
}

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

const notSupported = (): AwsServiceError => invalid('Query key condition not supported');

function attributeOf(operand: Operand | undefined): string | undefined {
  if (operand?.kind !== 'path' || operand.elements.length !== 1) return undefined;
  const [name] = operand.elements;
  return typeof name === 'string' ? name : undefined;
}

const FLIPPED: Record<Exclude<Comparator, '<>'>, Exclude<Comparator, '<>'>> = {
  '=': '=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** Splits a parsed key condition into its parts, rejecting what DynamoDB cannot use as a key condition. */
function partsOf(condition: Condition): Part[] {
  switch (condition.kind) {
    case 'and':
      return [...partsOf(condition.left), ...partsOf(condition.right)];
    case 'or':
    case 'not':
    case 'in':
      return fail(condition.kind.toUpperCase());
    case 'compare': {
      const { op, left, right } = condition;
      if (op === '<>') return fail(op);
      const leftName = attributeOf(left);
      if (leftName !== undefined && right.kind === 'value') {
        return [{ attribute: leftName, condition: { op, value: right.value } }];
      }
      const rightName = attributeOf(right);
      if (rightName !== undefined && left.kind === 'value') {
        return [{ attribute: rightName, condition: { op: FLIPPED[op], value: left.value } }];
      }
      throw notSupported();
    }
    case 'between': {
      const attribute = attributeOf(condition.operand);
      const { low, high } = condition;
      if (attribute === undefined || low.kind !== 'value' || high.kind !== 'value') throw notSupported();
      return [{ attribute, condition: { op: 'BETWEEN', low: low.value, high: high.value } }];
    }
    case 'function': {
      if (condition.name !== 'begins_with') return fail(condition.name);
      const [path, prefix] = condition.args;
      const attribute = attributeOf(path);
      if (attribute === undefined || prefix?.kind !== 'value') throw notSupported();
      return [{ attribute, condition: { op: 'begins_with', value: prefix.value } }];
    }
  }
}

function fail(operator: string): never {
  throw invalid(`Invalid operator used in KeyConditionExpression: ${operator}`);
}

/** Matches the parts of a key condition to the table's keys and checks the value types. */
function build(parts: readonly Part[], keys: readonly KeyElement[]): KeyCondition {
  const [partitionKey, sortKey] = keys as [KeyElement, KeyElement | undefined];
  const byName = new Map<string, SortCondition>();
  for (const part of parts) {
    if (byName.has(part.attribute)) throw invalid('KeyConditionExpressions must only contain one condition per key');
    byName.set(part.attribute, part.condition);
  }
  const partition = byName.get(partitionKey.name);
  if (partition === undefined) throw invalid(`Query condition missed key schema element: ${partitionKey.name}`);
  const sort = sortKey ? byName.get(sortKey.name) : undefined;
  if (byName.size !== (sort ? 2 : 1)) {
    // A condition on a non-key attribute: AWS names the sort key it expected there, if the table has one.
    if (sortKey && !sort) throw invalid(`Query condition missed key schema element: ${sortKey.name}`);
    throw notSupported();
  }
  if (partition.op !== '=') throw notSupported();
  const values = sort ? (sort.op === 'BETWEEN' ? [sort.low, sort.high] : [sort.value]) : [];
  const mismatch =
    typeOf(partition.value) !== partitionKey.type || values.some((v) => typeOf(v) !== (sortKey as KeyElement).type);
  if (mismatch)
    throw invalid('One or more parameter values were invalid: Condition parameter type does not match schema type');
  return sort ? { partition: partition.value, sort } : { partition: partition.value };
}

/** Parses and checks a `KeyConditionExpression` against the table's key schema. */
export function keyConditionFromExpression(
  source: string,
  attributes: ExpressionAttributes,
  keys: readonly KeyElement[],
): KeyCondition {
  return build(partsOf(parseCondition(source, 'KeyConditionExpression', attributes)), keys);
}

const LEGACY_OPERATORS: Record<string, { op: SortCondition['op']; args: number }> = {
  EQ: { op: '=', args: 1 },
  LT: { op: '<', args: 1 },
  LE: { op: '<=', args: 1 },
  GT: { op: '>', args: 1 },
  GE: { op: '>=', args: 1 },
  BEGINS_WITH: { op: 'begins_with', args: 1 },
  BETWEEN: { op: 'BETWEEN', args: 2 },
};

/** Reads the legacy `KeyConditions` member (`{ attr: { ComparisonOperator, AttributeValueList } }`). */
export function keyConditionFromLegacy(raw: unknown, keys: readonly KeyElement[]): KeyCondition {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw typeError(raw, 'Map');
  }
  const parts: Part[] = Object.entries(raw as Record<string, unknown>).map(([attribute, spec]) => {
    const { ComparisonOperator: operator, AttributeValueList: list } = (spec ?? {}) as Record<string, unknown>;
    const known = typeof operator === 'string' ? LEGACY_OPERATORS[operator] : undefined;
    if (!known) throw invalid('Attempted conditional constraint is not an indexable operation');
    const values = (Array.isArray(list) ? list : []).map((v, i) =>
      canonicalValue(v, `KeyConditions.${attribute}[${i}]`),
    );
    if (values.length !== known.args) {
      throw invalid(
        `One or more parameter values were invalid: Invalid number of argument(s) for the ${String(operator)} ComparisonOperator`,
      );
    }
    const [first, second] = values as [AttributeValue, AttributeValue];
    const condition: SortCondition =
      known.op === 'BETWEEN' ? { op: 'BETWEEN', low: first, high: second } : { op: known.op, value: first };
    return { attribute, condition };
  });
  return build(parts, keys);
}

/** Whether a sort key value satisfies the condition. */
export function matchesSort(value: AttributeValue, condition: SortCondition): boolean {
  if (condition.op === 'BETWEEN') {
    return (compareValues(value, condition.low) ?? -1) >= 0 && (compareValues(value, condition.high) ?? 1) <= 0;
  }
  if (condition.op === 'begins_with') {
    const prefix = condition.value;
    if ('S' in value && 'S' in prefix) return value.S.startsWith(prefix.S);
    if ('B' in value && 'B' in prefix) {
      const start = Buffer.from(prefix.B, 'base64');
      return Buffer.from(value.B, 'base64').subarray(0, start.length).equals(start);
    }
    return false;
  }
  const order = compareValues(value, condition.value);
  if (order === undefined) return false;
  const { op } = condition;
  return op === '='
    ? order === 0
    : op === '<'
      ? order < 0
      : op === '<='
        ? order <= 0
        : op === '>'
          ? order > 0
          : order >= 0;
}
