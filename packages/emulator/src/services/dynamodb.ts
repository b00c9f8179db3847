import { AwsServiceError, jsonErrorResponse, jsonResponse, jsonTarget, parseJsonBody } from '../core/awsJson.js';
import type { EmulatedService, EmulatorRequest, EmulatorResponse, ServiceContext } from '../core/types.js';
import { batchGetItem, batchWriteItem } from './dynamodb/batch.js';
import { deleteItem, getItem, putItem } from './dynamodb/items.js';
import { fromItem, type PlainItem, toItem } from './dynamodb/marshal.js';
import type { Body } from './dynamodb/members.js';
import { batchExecuteStatement, executeStatement, executeTransaction } from './dynamodb/partiql/operations.js';
import { query, scan } from './dynamodb/query.js';
import {
  type DynamoDbSeed,
  type DynamoDbTableOptions,
  itemFromPlain,
  readSeed,
  schemaFromOptions,
} from './dynamodb/seed.js';
import { Table, type TableSchema } from './dynamodb/table.js';
import {
  describeLimits,
  describeTimeToLive,
  listTagsOfResource,
  tagResource,
  untagResource,
  updateTimeToLive,
} from './dynamodb/tableSettings.js';
import { TableStore } from './dynamodb/tables.js';
import { transactGetItems, transactWriteItems } from './dynamodb/transact.js';
import { updateItem } from './dynamodb/updateItem.js';
import { updateTable } from './dynamodb/updateTable.js';
import { type Item, nestingTooDeep } from './dynamodb/values.js';

export type { PlainItem, PlainValue } from './dynamodb/marshal.js';
export type { DynamoDbIndexOptions, DynamoDbSeed, DynamoDbTableOptions, DynamoDbTableSeed } from './dynamodb/seed.js';

const TARGET_PREFIX = 'DynamoDB_20120810';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * The namespaces AWS puts before DynamoDB error codes in `__type`. The SDK keeps only the part after `#`,
 * but raw HTTP callers see the full type, so it is reproduced.
 */
const CORAL_SERVICE_ERRORS = new Set(['SerializationException', 'UnknownOperationException', 'InternalFailure']);
function errorType(code: string): string {
  if (code.includes('#')) return code;
  if (code === 'ValidationException') return `com.amazon.coral.validate#${code}`;
  if (code === 'ThrottlingException') return `com.amazon.coral.availability#${code}`;
  if (CORAL_SERVICE_ERRORS.has(code)) return `com.amazon.coral.service#${code}`;
  return `com.amazonaws.dynamodb.v20120810#${code}`;
}

/** DynamoDB's errors whose model spells their message `Message`; the others spell it `message`. */
const CAPITALISED_MESSAGE: ReadonlySet<string> = new Set(['TransactionCanceledException']);

type Operation = (store: TableStore, body: Body) => unknown;

// A Map, not an object literal: an operation name such as `constructor` must never find Object.prototype's members.
const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  Object.entries({
    CreateTable: (store, body) => store.create(body),
    DescribeTable: (store, body) => store.describe(body),
    DeleteTable: (store, body) => store.delete(body),
    ListTables: (store, body) => store.list(body),
    PutItem: putItem,
    GetItem: getItem,
    DeleteItem: deleteItem,
    UpdateItem: updateItem,
    BatchGetItem: batchGetItem,
    BatchWriteItem: batchWriteItem,
    TransactGetItems: transactGetItems,
    TransactWriteItems: transactWriteItems,
    Query: query,
    Scan: scan,
    UpdateTable: updateTable,
    DescribeLimits: describeLimits,
    ExecuteStatement: executeStatement,
    BatchExecuteStatement: batchExecuteStatement,
    ExecuteTransaction: executeTransaction,
    UpdateTimeToLive: updateTimeToLive,
    DescribeTimeToLive: describeTimeToLive,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsOfResource: listTagsOfResource,
  } satisfies Record<string, Operation>),
);

/**
 * DynamoDB over AWS JSON 1.0 (`X-Amz-Target: DynamoDB_20120810.<Operation>`): tables with a partition key, an
 * optional sort key and global and local secondary indexes (UpdateTable adds and drops global ones), time to live
 * and tags, PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction), PutItem/GetItem/DeleteItem/
 * UpdateItem with condition, update and projection expressions, BatchGetItem/BatchWriteItem,
 * TransactGetItems/TransactWriteItems, Query and Scan with paging. Validation and error
 * codes follow AWS, so code that works here works against DynamoDB.
 */
export class DynamoDbService implements EmulatedService {
  readonly name = 'dynamodb';
  readonly seedKeys = ['dynamodb'] as const;
  readonly #store: TableStore;

  constructor(context: ServiceContext) {
    this.#store = new TableStore(context);
  }

  /** Claims every `DynamoDB_20120810.*` request, so unknown operations get a DynamoDB-shaped error. */
  route(request: EmulatorRequest): string | undefined {
    return jsonTarget(request, TARGET_PREFIX);
  }

  implementsOperation(operation: string): boolean {
    return OPERATIONS.has(operation);
  }

  handle(operation: string, request: EmulatorRequest): EmulatorResponse {
    const run = OPERATIONS.get(operation);
    if (!run) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `The paramkit emulator does not implement the DynamoDB operation ${operation}.`,
      );
    }
    // Any body deeper than the JSON cap holds a document deeper than DynamoDB's limit, or is junk: AWS's answer fits.
    return jsonResponse(run(this.#store, parseJsonBody(request, nestingTooDeep)), CONTENT_TYPE);
  }

  errorResponse(error: AwsServiceError): EmulatorResponse {
    const typed = new AwsServiceError(errorType(error.code), error.message, error.status, error.extra);
    return jsonErrorResponse(typed, CONTENT_TYPE, CAPITALISED_MESSAGE.has(error.code) ? 'Message' : 'message');
  }

  /**
   * Creates an on-demand table, with its secondary indexes if any; key types default to `S`.
   * @throws TypeError for invalid options, Error when the table exists.
   */
  createTable(options: DynamoDbTableOptions): void {
    const schema = schemaFromOptions(options, 'createTable options');
    if (this.#store.find(schema.name)) throw new Error(`DynamoDB table '${schema.name}' already exists`);
    this.#store.add(schema);
  }

  /**
   * Stores a plain JavaScript item (string→S, number→N, boolean→BOOL, null→NULL, Uint8Array→B, array→L,
   * object→M), replacing any item with the same key.
   */
  putItem(table: string, item: PlainItem): void {
    const target = this.#table(table);
    target.put(itemFromPlain(target, item, `putItem(${JSON.stringify(table)})`));
  }

  /** The item with this key as a plain object (numbers as JS numbers, binary as Uint8Array), or `undefined`. */
  getItem(table: string, key: PlainItem): Record<string, unknown> | undefined {
    const target = this.#table(table);
    const attributes = toItem(key as Record<string, unknown>, 'key');
    try {
      target.checkKey(attributes);
    } catch (error) {
      if (error instanceof AwsServiceError) throw new TypeError(`getItem(${JSON.stringify(table)}): ${error.message}`);
      throw error;
    }
    const item = target.get(attributes);
    return item ? fromItem(item) : undefined;
  }

  /**
   * Loads the `dynamodb` seed section: creates missing tables and puts the items. Everything is validated first,
   * so a bad seed changes nothing. A table that already exists must have the same keys.
   * @throws TypeError naming the offending field.
   */
  load(seed: unknown): void {
    const planned = readSeed(seed as DynamoDbSeed).map(({ schema, path, items }) => {
      const existing = this.#store.find(schema.name);
      if (existing && !sameKeys(existing.schema, schema)) {
        throw new TypeError(`${path} conflicts with the existing table '${schema.name}', which has different keys`);
      }
      // A seed that names no indexes only adds items; one that names them must name the table's own.
      if (existing && schema.indexes !== undefined && !sameIndexes(existing.schema, schema)) {
        throw new TypeError(`${path} conflicts with the existing table '${schema.name}', which has other indexes`);
      }
      const target = existing ?? new Table(schema, '', 0);
      const converted: Item[] = items.map((item, i) => itemFromPlain(target, item, `${path}.items[${i}]`));
      return { schema, items: converted };
    });
    for (const { schema, items } of planned) {
      const table = this.#store.find(schema.name) ?? this.#store.add(schema);
      for (const item of items) table.put(item);
    }
  }

  /** Drops every table. */
  reset(): void {
    this.#store.clear();
  }

  #table(name: string): Table {
    const table = this.#store.find(name);
    if (!table) throw new Error(`DynamoDB table '${name}' does not exist`);
    return table;
  }
}

function sameKeys(a: TableSchema, b: TableSchema): boolean {
  const same = (x?: { name: string; type: string }, y?: { name: string; type: string }) =>
    x?.name === y?.name && x?.type === y?.type;
  return same(a.partitionKey, b.partitionKey) && same(a.sortKey, b.sortKey);
}

function sameIndexes(a: TableSchema, b: TableSchema): boolean {
  return JSON.stringify(a.indexes ?? []) === JSON.stringify(b.indexes ?? []);
}
