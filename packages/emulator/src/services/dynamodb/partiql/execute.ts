import { AwsServiceError } from '../../../core/awsJson.js';
import { conditionPaths, evaluate, resolvePath } from '../evaluate.js';
import { type Condition, type DocumentPath, type Operand, updatePaths } from '../expressionAst.js';
import { writeUnits } from '../items.js';
import { Projection } from '../projection.js';
import { MAX_PAGE_BYTES } from '../query.js';
import type { SecondaryIndex } from '../secondaryIndex.js';
import type { KeySpace, Table } from '../table.js';
import type { TableStore } from '../tables.js';
import { applyChecked, checkKeyPaths } from '../update.js';
import {
  type AttributeValue,
  canonicalItem,
  compareValues,
  type Item,
  itemSize,
  MAX_ITEM_BYTES,
  valuesEqual,
} from '../values.js';
import { partiqlError, type Returning, type SelectStatement, type Statement } from './parse.js';

/** Most partition key values an IN list names. */
const MAX_PARTITION_VALUES = 50;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

function conditionFailed(old: Item | undefined, returnOld: boolean): AwsServiceError {
  const extra = returnOld && old ? { Item: old } : {};
  return new AwsServiceError('ConditionalCheckFailedException', 'The conditional request failed', 400, extra);
}

/** What a statement read or wrote, for its answer. */
export interface Outcome {
  readonly table: Table;
  readonly items: readonly Item[];
  readonly nextToken?: string | undefined;
  /** Bytes read or the capacity units written, for `ConsumedCapacity`. */
  readonly units: number;
}

/** The conjuncts of a condition's top-level AND chain. */
function conjuncts(condition: Condition | undefined): Condition[] {
  if (condition === undefined) return [];
  if (condition.kind === 'and') return [...conjuncts(condition.left), ...conjuncts(condition.right)];
  return [condition];
}

/** The value a conjunct `name = value` (either way round) gives an attribute, if it is one. */
function equality(condition: Condition, name: string): AttributeValue | undefined {
  if (condition.kind !== 'compare' || condition.op !== '=') return undefined;
  const { left, right } = condition;
  const named = (operand: typeof left) =>
    operand.kind === 'path' && operand.elements.length === 1 && operand.elements[0] === name;
  if (named(left) && right.kind === 'value') return right.value;
  if (named(right) && left.kind === 'value') return left.value;
  return undefined;
}

/**
 * The item a write's WHERE names: an equality on every key attribute, in an AND chain; the other conjuncts are its
 * condition.
 */
export function keyFromWhere(table: Table, where: Condition): { key: Item; condition: Condition | undefined } {
  const parts = conjuncts(where);
  const key: Item = Object.create(null);
  const used = new Set<Condition>();
  for (const element of table.keys) {
    const part = parts.find((candidate) => !used.has(candidate) && equality(candidate, element.name) !== undefined);
    if (part === undefined) throw invalid('Where clause does not contain a mandatory equality on all key attributes');
    used.add(part);
    key[element.name] = equality(part, element.name) as AttributeValue;
  }
  table.checkKey(key);
  const rest = parts.filter((part) => !used.has(part));
  const condition = rest.reduce<Condition | undefined>(
    (all, part) => (all === undefined ? part : { kind: 'and', left: all, right: part }),
    undefined,
  );
  return { key, condition };
}

/** The items a WHERE reads: one partition, the partitions of an IN list, or all; `undefined` for all. */
function partitionsOf(parts: readonly Condition[], name: string): AttributeValue[] | undefined {
  for (const part of parts) {
    const value = equality(part, name);
    if (value !== undefined) return [value];
  }
  for (const part of parts) {
    if (part.kind !== 'in' || !isAttribute(part.operand, name)) continue;
    if (!part.list.every((operand) => operand.kind === 'value')) continue;
    if (part.list.length > MAX_PARTITION_VALUES) {
      throw invalid(`The IN operator takes at most ${MAX_PARTITION_VALUES} partition key values`);
    }
    const values: AttributeValue[] = [];
    for (const operand of part.list as Extract<Operand, { kind: 'value' }>[]) {
      if (!values.some((seen) => valuesEqual(seen, operand.value))) values.push(operand.value);
    }
    return values;
  }
  return undefined;
}

function isAttribute(operand: Operand, name: string): boolean {
  return operand.kind === 'path' && operand.elements.length === 1 && operand.elements[0] === name;
}

/**
 * Whether a conjunct is a key condition on the sort key (a comparison with a value, BETWEEN two values or
 * begins_with a value): DynamoDB runs such a SELECT as a Query, so `Limit` counts only the items in the range.
 */
function onSortKey(part: Condition, name: string): boolean {
  const isValue = (operand: Operand) => operand.kind === 'value';
  switch (part.kind) {
    case 'compare':
      return (
        part.op !== '<>' &&
        ((isAttribute(part.left, name) && isValue(part.right)) || (isAttribute(part.right, name) && isValue(part.left)))
      );
    case 'between':
      return isAttribute(part.operand, name) && isValue(part.low) && isValue(part.high);
    case 'function':
      return (
        part.name === 'begins_with' &&
        part.args.length === 2 &&
        isAttribute(part.args[0] as Operand, name) &&
        isValue(part.args[1] as Operand)
      );
    default:
      return false;
  }
}

type Order = (a: Item, b: Item) => number;

/**
 * The order a SELECT answers in: key order (a partition's sort key ascending, an IN list's partitions in the
 * list's order), or what ORDER BY asks, which names only key attributes and needs a WHERE naming the partitions.
 */
function orderOf(
  statement: SelectStatement,
  space: KeySpace,
  partitions: readonly AttributeValue[] | undefined,
): Order | undefined {
  const [partitionKey, sortKey] = space.keys;
  const byValue = (name: string, descending: boolean) => (a: Item, b: Item) =>
    (compareValues(a[name] as AttributeValue, b[name] as AttributeValue) ?? 0) * (descending ? -1 : 1);
  const keys = statement.orderBy;
  if (keys.length > 0 && partitions === undefined) {
    throw invalid('Must have WHERE clause in the statement when using ORDER BY clause.');
  }
  for (const key of keys) {
    const [first] = key.path.elements;
    if (key.path.elements.length !== 1 || (first !== partitionKey?.name && first !== sortKey?.name)) {
      throw invalid(`Variable reference ${String(first)} in ORDER BY clause must be part of the primary key`);
    }
  }
  if (partitions === undefined) return undefined;
  const byPartition = keys.find((key) => key.path.elements[0] === partitionKey?.name);
  const bySort = keys.find((key) => key.path.elements[0] === sortKey?.name);
  const name = partitionKey?.name ?? '';
  const rank = (item: Item) => partitions.findIndex((value) => valuesEqual(value, item[name] as AttributeValue));
  const partitionOrder: Order = byPartition ? byValue(name, byPartition.descending) : (a, b) => rank(a) - rank(b);
  const sortOrder: Order = sortKey ? byValue(sortKey.name, bySort?.descending === true) : () => 0;
  return (a, b) => partitionOrder(a, b) || sortOrder(a, b) || space.compareKeys(a, b);
}

function pageToken(table: Table, index: string | undefined, key: Item): string {
  return Buffer.from(JSON.stringify({ t: table.schema.name, i: index ?? null, k: key })).toString('base64');
}

/** The key a `NextToken` goes on after: only a token of a SELECT on the same table and index, holding its keys. */
function afterToken(table: Table, index: string | undefined, space: KeySpace, token: string): Item {
  let key: Item;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
      t?: unknown;
      i?: unknown;
      k?: unknown;
    };
    if (decoded.t !== table.schema.name || decoded.i !== (index ?? null)) throw new Error('another table or index');
    key = canonicalItem(decoded.k, 'NextToken');
    space.checkStartKey(key);
  } catch {
    throw invalid('Invalid NextToken');
  }
  return key;
}

/** A SELECT: over the table or one of its indexes, in key order, filtered, projected, paged by `Limit`. */
export function select(
  store: TableStore,
  statement: SelectStatement,
  limit: number | undefined,
  nextToken: string | undefined,
  consistent = false,
): Outcome {
  const table = store.require(statement.table);
  let index: SecondaryIndex | undefined;
  if (statement.index !== undefined) {
    index = table.indexes.get(statement.index);
    if (index === undefined) throw invalid(`The table does not have the specified index: ${statement.index}`);
    if (consistent && index.schema.global)
      throw invalid('Consistent reads are not supported on global secondary indexes');
  }
  const space: KeySpace = index ?? table;
  const [partitionKey, sortKey] = space.keys;
  const parts = conjuncts(statement.where);
  const partitions = partitionsOf(parts, partitionKey?.name ?? '');
  let items: readonly Item[] =
    partitions === undefined ? space.all() : partitions.flatMap((value) => [...space.partition(value)]);
  // With the partitions named, the sort key's conditions are key conditions: items outside them are never read.
  const range =
    partitions === undefined || sortKey === undefined ? [] : parts.filter((part) => onSortKey(part, sortKey.name));
  if (range.length > 0) items = items.filter((item) => range.every((part) => evaluate(part, item)));
  if (index !== undefined && partitions !== undefined) {
    // Read by its keys, an index filters its own items: an attribute it does not hold is refused (a scan of it
    // just matches nothing).
    const filters = parts.filter(
      (part) => !range.includes(part) && partitionsOf([part], partitionKey?.name ?? '') === undefined,
    );
    const missing = index.unprojected(filters.flatMap(conditionPaths));
    if (missing.length > 0) {
      throw invalid(
        `One or more parameter values were invalid: Secondary index ${index.name} does not project one or more filter attributes: [${missing.join(', ')}]`,
      );
    }
  }
  const order = orderOf(statement, space, partitions);
  if (order !== undefined && (statement.orderBy.length > 0 || (partitions?.length ?? 0) > 1)) {
    items = [...items].sort(order);
  }
  if (nextToken !== undefined) {
    const start = afterToken(table, statement.index, space, nextToken);
    const after = order ?? ((a: Item, b: Item) => space.compareKeys(a, b));
    items = items.filter((item) => after(item, start) > 0);
  }
  // Through a global index an item holds what the index projects; a local index reads the rest from the table.
  const view = index?.schema.global ? (item: Item) => index.project(item) : (item: Item) => item;
  const projection = statement.paths === undefined ? undefined : new Projection(statement.paths);
  const read: Item[] = [];
  let bytes = 0;
  let stopped = false;
  for (const item of items) {
    if ((limit !== undefined && read.length >= limit) || bytes >= MAX_PAGE_BYTES) {
      stopped = true;
      break;
    }
    read.push(item);
    bytes += itemSize(view(item));
  }
  const matched = read.filter((item) => statement.where === undefined || evaluate(statement.where, view(item)));
  const answered = matched.map((item) =>
    projection ? projection.apply(index && !index.schema.global ? item : view(item)) : view(item),
  );
  const last = read.at(-1);
  return {
    table,
    items: answered,
    nextToken: stopped && last ? pageToken(table, statement.index, space.keyOf(last)) : undefined,
    units: bytes,
  };
}

/** A write as planned: checked against the items as they are, applied later (at once, or with a transaction). */
export interface PlannedWrite {
  readonly table: Table;
  readonly key: Item;
  readonly old: Item | undefined;
  /** The item after the write; `null` for a delete, `undefined` for an EXISTS (a check that changes nothing). */
  readonly next: Item | null | undefined;
  readonly answer: readonly Item[];
}

/** A write, or an EXISTS check. */
export type WriteStatement = Exclude<Statement, { kind: 'select' }>;

/** What a write or an EXISTS acts on, with every check that needs no stored item done. */
interface Target {
  readonly table: Table;
  readonly key: Item;
  /** The item an INSERT writes. */
  readonly item?: Item;
  /** The WHERE's conjuncts beyond the key. */
  readonly condition?: Condition | undefined;
}

/**
 * The item a statement names, and every check of the statement that needs no stored item (the key, the item an
 * INSERT writes, an UPDATE of a key attribute). In a transaction, such a failure is the request's (a
 * ValidationException), not a cancellation reason.
 */
export function targetOf(store: TableStore, statement: WriteStatement): Target {
  const table = store.require(statement.table);
  if (statement.kind === 'insert') {
    if (!('M' in statement.value)) throw partiqlError("INSERT takes a map of the item, such as {'id': ?}");
    const item = canonicalItem(statement.value.M, 'Item');
    table.checkItem(item);
    if (itemSize(item) > MAX_ITEM_BYTES) invalidSize('Item size has exceeded the maximum allowed size');
    return { table, key: table.keyOf(item), item };
  }
  if (statement.kind === 'exists') {
    const { select } = statement;
    if (select.index !== undefined || select.orderBy.length > 0 || select.where === undefined) {
      throw invalid('EXISTS must name one item by its full primary key');
    }
    return { table, ...keyFromWhere(table, select.where) };
  }
  const { key, condition } = keyFromWhere(table, statement.where);
  if (statement.kind === 'update') {
    checkKeyPaths(
      statement,
      table.keys.map((element) => element.name),
    );
  }
  return { table, key, condition };
}

/** Plans an INSERT, UPDATE, DELETE or EXISTS: every check, no change (a failed condition throws). */
export function planWrite(store: TableStore, statement: WriteStatement, returnOld: boolean): PlannedWrite {
  const { table, key, item, condition } = targetOf(store, statement);
  const old = table.get(key);
  if (statement.kind === 'insert') {
    if (old !== undefined) {
      throw new AwsServiceError('DuplicateItemException', 'Duplicate primary key exists in table', 400);
    }
    return { table, key, old, next: item as Item, answer: [] };
  }
  // AWS: a DELETE of an item that does not exist succeeds, deleting nothing; an UPDATE of one fails its condition.
  if (statement.kind === 'delete' && old === undefined) return { table, key, old, next: null, answer: [] };
  if (old === undefined || (condition !== undefined && !evaluate(condition, old))) {
    throw conditionFailed(old, returnOld);
  }
  if (statement.kind === 'exists') return { table, key, old, next: undefined, answer: [] };
  if (statement.kind === 'delete')
    return { table, key, old, next: null, answer: returned(statement.returning, old, old, []) };
  const next = applyChecked(old, statement);
  if (itemSize(next) > MAX_ITEM_BYTES) invalidSize('Item size to update has exceeded the maximum allowed size');
  table.checkIndexKeys(next);
  return { table, key, old, next, answer: returned(statement.returning, old, next, updatePaths(statement)) };
}

function invalidSize(message: string): never {
  throw invalid(message);
}

/** What `RETURNING` asks for: the whole item before or after, or only the attributes the update changed. */
function returned(returning: Returning | undefined, old: Item, next: Item, paths: readonly DocumentPath[]): Item[] {
  if (returning === undefined) return [];
  const item = returning.when === 'OLD' ? old : next;
  if (returning.which === 'ALL') return [item];
  const changed = paths.filter((path) => {
    const before = resolvePath(old, path);
    const after = resolvePath(next, path);
    return before === undefined || after === undefined ? before !== after : !valuesEqual(before, after);
  });
  return changed.length === 0 ? [{}] : [new Projection(changed).apply(item)];
}

/** Applies a planned write (an EXISTS changes nothing), and gives the write units it costs. */
export function applyWrite(write: PlannedWrite): number {
  if (write.next === null) write.table.delete(write.key);
  else if (write.next !== undefined) write.table.put(write.next);
  return Math.max(writeUnits(write.old), writeUnits(write.next ?? undefined));
}

/** A single-item SELECT (batches and transactions read one item each, by its full key). */
export function getOne(
  store: TableStore,
  statement: SelectStatement,
): { table: Table; key: Item; item: Item | undefined } {
  const table = store.require(statement.table);
  if (statement.index !== undefined || statement.orderBy.length > 0 || statement.where === undefined) {
    throw invalid('Batch and transaction reads must name one item by its full primary key');
  }
  const { key, condition } = keyFromWhere(table, statement.where);
  if (condition !== undefined) throw invalid('Batch and transaction reads must name one item by its full primary key');
  const stored = table.get(key);
  const item = stored && statement.paths ? new Projection(statement.paths).apply(stored) : stored;
  return { table, key, item };
}
