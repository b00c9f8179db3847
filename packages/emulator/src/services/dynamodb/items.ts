import { AwsServiceError } from '../../core/awsJson.js';
import { evaluate } from './evaluate.js';
import { singleCollectionMetrics, wantsCollectionMetrics } from './itemCollections.js';
import {
  type Body,
  optionalBoolean,
  optionalEnum,
  optionalObject,
  rejectUnsupported,
  required,
  tableName,
} from './members.js';
import { consumedCapacity, RequestExpressions, returnValues } from './requestExpressions.js';
import type { Table } from './table.js';
import type { TableStore } from './tables.js';
import { canonicalItem, type Item, itemSize, MAX_ITEM_BYTES } from './values.js';

/** Write capacity units of an item write: one per started KB. */
export function writeUnits(item: Item | undefined): number {
  return Math.max(1, Math.ceil((item ? itemSize(item) : 0) / 1024));
}

/** Read capacity units of reading `bytes`: one per started 4 KB, half of that for eventually consistent reads. */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}

/** The `Key` member, validated against the table's key schema. */
export function keyOf(body: Body, table: Table): Item {
  const key = canonicalItem(required(body, 'Key', optionalObject), 'Key');
  table.checkKey(key);
  return key;
}

/**
 * Checks a write's `ConditionExpression` against the current item (an absent item is an empty one).
 * On failure AWS answers `ConditionalCheckFailedException`, carrying the old item when
 * `ReturnValuesOnConditionCheckFailure` is `ALL_OLD`.
 */
export function checkCondition(body: Body, expressions: RequestExpressions, old: Item | undefined): void {
  const condition = expressions.condition('ConditionExpression');
  const onFailure = optionalEnum(body, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE']);
  expressions.finish();
  if (condition && !evaluate(condition, old ?? {})) {
    const extra = onFailure === 'ALL_OLD' && old ? { Item: old } : {};
    throw new AwsServiceError('ConditionalCheckFailedException', 'The conditional request failed', 400, extra);
  }
}

/** The `Item` of a put (PutItem, a batch's or a transaction's), checked against the table's keys and the size limit. */
export function itemToWrite(body: Body, table: Table): Item {
  const item = canonicalItem(required(body, 'Item', optionalObject), 'Item');
  table.checkItem(item);
  if (itemSize(item) > MAX_ITEM_BYTES) {
    throw new AwsServiceError('ValidationException', 'Item size has exceeded the maximum allowed size');
  }
  return item;
}

/** PutItem: validates the item and its key, applies the condition, stores a copy. */
export function putItem(store: TableStore, body: Body): unknown {
  const table = store.require(tableName(body));
  rejectUnsupported(body, ['Expected', 'ConditionalOperator']);
  const item = itemToWrite(body, table);
  const mode = returnValues(body);
  const metrics = wantsCollectionMetrics(body);
  const expressions = new RequestExpressions(body);
  const old = table.get(table.keyOf(item));
  checkCondition(body, expressions, old);
  table.put(item);
  return {
    ...(mode === 'ALL_OLD' && old ? { Attributes: old } : {}),
    ...consumedCapacity(body, table.schema.name, Math.max(writeUnits(item), writeUnits(old))),
    ...singleCollectionMetrics(metrics, table, item),
  };
}

/** GetItem: the item with the key (optionally projected), or `{}` when there is none. */
export function getItem(store: TableStore, body: Body): unknown {
  const table = store.require(tableName(body));
  rejectUnsupported(body, ['AttributesToGet']);
  const key = keyOf(body, table);
  const consistent = optionalBoolean(body, 'ConsistentRead') ?? false;
  const expressions = new RequestExpressions(body);
  const projection = expressions.projection();
  expressions.finish();
  const item = table.get(key);
  const capacity = consumedCapacity(body, table.schema.name, readUnits(item ? itemSize(item) : 0, consistent));
  if (!item) return capacity;
  return { Item: projection ? projection.apply(item) : item, ...capacity };
}

/** DeleteItem: applies the condition and removes the item; deleting an absent item is not an error. */
export function deleteItem(store: TableStore, body: Body): unknown {
  const table = store.require(tableName(body));
  rejectUnsupported(body, ['Expected', 'ConditionalOperator']);
  const key = keyOf(body, table);
  const mode = returnValues(body);
  const metrics = wantsCollectionMetrics(body);
  const expressions = new RequestExpressions(body);
  const old = table.get(key);
  checkCondition(body, expressions, old);
  table.delete(key);
  return {
    ...(mode === 'ALL_OLD' && old ? { Attributes: old } : {}),
    ...consumedCapacity(body, table.schema.name, writeUnits(old)),
    ...singleCollectionMetrics(metrics, table, key),
  };
}
