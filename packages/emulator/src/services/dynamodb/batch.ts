import { AwsServiceError } from '../../core/awsJson.js';
import { constraintViolation } from '../../core/members.js';
import { batchCollectionMetrics, wantsCollectionMetrics } from './itemCollections.js';
import { itemToWrite, keyOf, readUnits, writeUnits } from './items.js';
import {
  type Body,
  optionalBoolean,
  optionalObject,
  rejectUnsupported,
  required,
  structure,
  tableName,
  typeError,
} from './members.js';
import { consumedCapacities, RequestExpressions } from './requestExpressions.js';
import type { Table } from './table.js';
import type { TableStore } from './tables.js';
import { canonicalItem, type Item, itemSize } from './values.js';

// BatchWriteItem and BatchGetItem: several tables in one call. The whole request is validated before anything is
// read or written (AWS fails a batch with a bad member, a missing table or a key given twice as a whole); what
// AWS could not do in one call comes back as `UnprocessedItems`/`UnprocessedKeys`, here only past BatchGetItem's
// 16 MB answer limit.

const MAX_WRITES = 25;
const MAX_READS = 100;
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/**
 * `RequestItems`: at least one table, each named as a table must be (a name or an ARN, as elsewhere), with the
 * list or structure it carries. Answers are keyed as the request named the table.
 */
function requestItems(body: Body): [given: string, table: string, request: unknown][] {
  const items = required(body, 'RequestItems', optionalObject);
  const entries = Object.entries(items).filter(([, value]) => value !== null && value !== undefined);
  if (entries.length === 0) {
    throw constraintViolation('requestItems', 'Member must have length greater than or equal to 1', "'{}'");
  }
  return entries.map(([given, request]) => [given, tableName({ TableName: given }), request]);
}

function list(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw typeError(value, 'List');
  if (value.length === 0) throw constraintViolation(path, 'Member must have length greater than or equal to 1');
  if (value.length > max) throw constraintViolation(path, `Member must have length less than or equal to ${max}`);
  return value;
}

/** Fails when a key is asked for twice in one table's requests. */
function checkUnique(table: Table, keys: readonly Item[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    const identity = table.identity(key);
    if (seen.has(identity)) throw invalid('Provided list of item keys contains duplicates');
    seen.add(identity);
  }
}

interface PlannedWrite {
  readonly table: Table;
  readonly put?: Item;
  readonly deleteKey?: Item;
}

/** BatchWriteItem: up to 25 puts and deletes over any tables, all applied or none (nothing is left unprocessed). */
export function batchWriteItem(store: TableStore, body: Body): unknown {
  const tables = requestItems(body);
  const metrics = wantsCollectionMetrics(body);
  const planned: PlannedWrite[] = [];
  let count = 0;
  for (const [given, name, raw] of tables) {
    const requests = list(raw, `requestItems.${given}.member`, MAX_WRITES);
    count += requests.length;
    if (count > MAX_WRITES) throw invalid('Too many items requested for the BatchWriteItem call');
    const table = store.require(name);
    const keys: Item[] = [];
    for (const request of requests) {
      const { PutRequest: put, DeleteRequest: remove } = structure(request);
      const hasPut = put !== undefined && put !== null;
      const hasDelete = remove !== undefined && remove !== null;
      if (hasPut === hasDelete) {
        throw invalid('Supplied write request must contain exactly one of PutRequest and DeleteRequest');
      }
      if (hasPut) {
        const item = itemToWrite(structure(put), table);
        keys.push(table.keyOf(item));
        planned.push({ table, put: item });
      } else {
        const key = keyOf(structure(remove), table);
        keys.push(key);
        planned.push({ table, deleteKey: key });
      }
    }
    checkUnique(table, keys);
  }
  const units = new Map<string, number>();
  for (const { table, put, deleteKey } of planned) {
    const old = put ? table.put(put) : table.delete(deleteKey as Item);
    const name = table.schema.name;
    units.set(name, (units.get(name) ?? 0) + Math.max(writeUnits(put), writeUnits(old)));
  }
  const written = planned.map(({ table, put, deleteKey }) => ({ table, key: put ?? (deleteKey as Item) }));
  return { UnprocessedItems: {}, ...consumedCapacities(body, units), ...batchCollectionMetrics(metrics, written) };
}

/** BatchGetItem: up to 100 keys over any tables, each table's items in `Responses` (projected as asked). */
export function batchGetItem(store: TableStore, body: Body): unknown {
  const tables = requestItems(body);
  const planned = tables.map(([given, name, raw]) => {
    const request = structure(raw);
    rejectUnsupported(request, ['AttributesToGet']);
    const table = store.require(name);
    const keys = list(request.Keys, `requestItems.${given}.member.keys`, MAX_READS).map((key, index) => {
      const checked = canonicalItem(structure(key), `Keys.${index + 1}`);
      table.checkKey(checked);
      return checked;
    });
    checkUnique(table, keys);
    const consistent = optionalBoolean(request, 'ConsistentRead') ?? false;
    const expressions = new RequestExpressions(request);
    const projection = expressions.projection();
    expressions.finish();
    return { name: given, table, request, keys, consistent, projection };
  });
  if (planned.reduce((total, { keys }) => total + keys.length, 0) > MAX_READS) {
    throw invalid('Too many items requested for the BatchGetItem call');
  }
  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, Body> = {};
  const units = new Map<string, number>();
  let bytes = 0;
  for (const { name, table, request, keys, consistent, projection } of planned) {
    const found: Item[] = [];
    const left: Item[] = [];
    for (const key of keys) {
      const item = table.get(key);
      if (item === undefined) continue;
      const size = itemSize(item);
      if (bytes + size > MAX_ANSWER_BYTES) {
        left.push(key);
        continue;
      }
      bytes += size;
      units.set(name, (units.get(name) ?? 0) + readUnits(size, consistent));
      found.push(projection ? projection.apply(item) : item);
    }
    responses[name] = found;
    if (left.length > 0) unprocessed[name] = { ...readOptions(request), Keys: left };
  }
  return {
    Responses: responses,
    UnprocessedKeys: unprocessed,
    ...consumedCapacities(
      body,
      units,
      planned.map(({ name }) => name),
    ),
  };
}

/** The members of a table's read that its unprocessed keys come back with, for the caller to send again. */
function readOptions(request: Body): Body {
  const kept = ['ConsistentRead', 'ProjectionExpression', 'ExpressionAttributeNames'];
  return Object.fromEntries(
    kept.filter((member) => request[member] != null).map((member) => [member, request[member]]),
  );
}
