import { AwsServiceError } from '../../../core/awsJson.js';
import { evaluate, resolvePath } from '../evaluate.js';
import type { Condition, DocumentPath, UpdateActions } from '../expressionAst.js';
import { writeUnits } from '../items.js';
import { Projection } from '../projection.js';
import type { SecondaryIndex } from '../secondaryIndex.js';
import type { KeySpace, Table } from '../table.js';
import type { TableStore } from '../tables.js';
import { applyChecked, checkKeyPaths } from '../update.js';
import { type AttributeValue, canonicalItem, type Item, itemSize, MAX_ITEM_BYTES, valuesEqual } from '../values.js';
import { partiqlError, type Returning, type Statement } from './parse.js';

/** DynamoDB stops a page of a SELECT once it has read 1 MB, as for Query and Scan. */
const MAX_PAGE_BYTES = 1024 * 1024;

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

function pageToken(table: Table, key: Item): string {
  return Buffer.from(JSON.stringify({ t: table.schema.name, k: key })).toString('base64');
}

function afterToken(table: Table, token: string): Item {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { t?: unknown; k?: unknown };
    if (decoded.t !== table.schema.name) throw new Error('another table');
    return canonicalItem(decoded.k, 'NextToken');
  } catch {
    throw invalid('Invalid NextToken');
  }
}

/** A SELECT: over the table or one of its indexes, in key order, filtered, projected, paged by `Limit`. */
export function select(
  store: TableStore,
  statement: Extract<Statement, { kind: 'select' }>,
  limit: number | undefined,
  nextToken: string | undefined,
): Outcome {
  const table = store.require(statement.table);
  let index: SecondaryIndex | undefined;
  if (statement.index !== undefined) {
    index = table.indexes.get(statement.index);
    if (index === undefined) throw invalid(`The table does not have the specified index: ${statement.index}`);
  }
  const space: KeySpace = index ?? table;
  const [partitionKey, sortKey] = space.keys;
  const parts = conjuncts(statement.where);
  const partition = parts.map((part) => equality(part, partitionKey?.name ?? '')).find((value) => value !== undefined);
  let items: readonly Item[] = partition === undefined ? space.all() : space.partition(partition);
  if (statement.orderBy !== undefined) {
    const [first] = statement.orderBy.path.elements;
    if (partition === undefined) throw invalid('Must have WHERE clause in the statement when using ORDER BY clause.');
    if (statement.orderBy.path.elements.length !== 1 || first !== sortKey?.name) {
      throw invalid(`Variable reference ${String(first)} in ORDER BY clause must be part of the primary key`);
    }
    if (statement.orderBy.descending) items = [...items].reverse();
  }
  const descending = statement.orderBy?.descending === true;
  if (nextToken !== undefined) {
    const start = afterToken(table, nextToken);
    items = items.filter((item) => {
      const order = space.compareKeys(item, start);
      return descending ? order < 0 : order > 0;
    });
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
    nextToken: stopped && last ? pageToken(table, space.keyOf(last)) : undefined,
    units: bytes,
  };
}

/** A write as planned: checked against the items as they are, applied later (at once, or with a transaction). */
export interface PlannedWrite {
  readonly table: Table;
  readonly key: Item;
  readonly old: Item | undefined;
  /** The item after the write; `null` for a delete. */
  readonly next: Item | null;
  readonly answer: readonly Item[];
}

/** Plans an INSERT, UPDATE or DELETE: every check, no change (a failed condition throws). */
export function planWrite(
  store: TableStore,
  statement: Exclude<Statement, { kind: 'select' }>,
  returnOld: boolean,
): PlannedWrite {
  const table = store.require(statement.table);
  if (statement.kind === 'insert') {
    if (!('M' in statement.value)) throw partiqlError("INSERT takes a map of the item, such as {'id': ?}");
    const item = canonicalItem(statement.value.M, 'Item');
    table.checkItem(item);
    if (itemSize(item) > MAX_ITEM_BYTES) invalidSize('Item size has exceeded the maximum allowed size');
    const key = table.keyOf(item);
    const old = table.get(key);
    if (old !== undefined) {
      throw new AwsServiceError('DuplicateItemException', 'Duplicate primary key exists in table', 400);
    }
    return { table, key, old, next: item, answer: [] };
  }
  const { key, condition } = keyFromWhere(table, statement.where);
  const old = table.get(key);
  // AWS: a DELETE of an item that does not exist succeeds, deleting nothing; an UPDATE of one fails its condition.
  if (statement.kind === 'delete' && old === undefined) return { table, key, old, next: null, answer: [] };
  if (old === undefined || (condition !== undefined && !evaluate(condition, old))) {
    throw conditionFailed(old, returnOld);
  }
  if (statement.kind === 'delete')
    return { table, key, old, next: null, answer: returned(statement.returning, old, old, []) };
  const actions: UpdateActions = {
    set: statement.set,
    remove: statement.remove,
    add: statement.add,
    delete: statement.delete,
  };
  checkKeyPaths(
    actions,
    table.keys.map((element) => element.name),
  );
  const next = applyChecked(old, actions);
  if (itemSize(next) > MAX_ITEM_BYTES) invalidSize('Item size to update has exceeded the maximum allowed size');
  table.checkIndexKeys(next);
  const paths = [
    ...statement.set.map((a) => a.path),
    ...statement.remove,
    ...statement.add.map((a) => a.path),
    ...statement.delete.map((a) => a.path),
  ];
  return { table, key, old, next, answer: returned(statement.returning, old, next, paths) };
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

/** Applies a planned write. */
export function applyWrite(write: PlannedWrite): number {
  if (write.next === null) write.table.delete(write.key);
  else write.table.put(write.next);
  return Math.max(writeUnits(write.old), writeUnits(write.next ?? undefined));
}

/** A single-item SELECT (batches and transactions read one item each, by its full key). */
export function getOne(
  store: TableStore,
  statement: Extract<Statement, { kind: 'select' }>,
): { table: Table; key: Item; item: Item | undefined } {
  const table = store.require(statement.table);
  if (statement.index !== undefined || statement.orderBy !== undefined || statement.where === undefined) {
    throw invalid('Batch and transaction reads must name one item by its full primary key');
  }
  const { key, condition } = keyFromWhere(table, statement.where);
  if (condition !== undefined) throw invalid('Batch and transaction reads must name one item by its full primary key');
  const stored = table.get(key);
  const item = stored && statement.paths ? new Projection(statement.paths).apply(stored) : stored;
  return { table, key, item };
}
