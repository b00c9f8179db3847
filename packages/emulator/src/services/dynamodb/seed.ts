import { AwsServiceError } from '../../core/awsJson.js';
import { type PlainItem, toItem } from './marshal.js';
import type { KeyType, Table, TableSchema } from './table.js';
import { schemaOf } from './tables.js';
import { type Item, itemSize, MAX_ITEM_BYTES } from './values.js';

/** A table for `createTable` and seed files. Key types default to `S`. */
export interface DynamoDbTableOptions {
  /** Table name: 3–255 characters of `[a-zA-Z0-9_.-]`. */
  readonly name: string;
  /** Name of the partition (HASH) key attribute. */
  readonly partitionKey: string;
  /** Name of the sort (RANGE) key attribute, if the table has one. */
  readonly sortKey?: string;
  /** @default 'S' */
  readonly partitionKeyType?: KeyType;
  /** @default 'S' */
  readonly sortKeyType?: KeyType;
  /** Secondary indexes, checked as CreateTable checks them. */
  readonly indexes?: readonly DynamoDbIndexOptions[];
}

/**
 * A secondary index of a seeded table. A key attribute that is also one of the table's keys takes its type from
 * there; others default to `S`.
 *
 * @example
 * ```ts
 * emulator.dynamodb.createTable({
 *   name: 'orders',
 *   partitionKey: 'pk',
 *   sortKey: 'sk',
 *   indexes: [
 *     { name: 'byCustomer', partitionKey: 'customer', sortKey: 'amount', sortKeyType: 'N', projection: ['state'] },
 *     { name: 'byPlaced', local: true, sortKey: 'placed', projection: 'KEYS_ONLY' },
 *   ],
 * });
 * ```
 */
export interface DynamoDbIndexOptions {
  /** Index name: 3–255 characters of `[a-zA-Z0-9_.-]`. */
  readonly name: string;
  /** A local index (it shares the table's partition key and needs its own sort key). @default false: global */
  readonly local?: boolean;
  /** The index's partition key. @default the table's, for a local index */
  readonly partitionKey?: string;
  readonly partitionKeyType?: KeyType;
  readonly sortKey?: string;
  readonly sortKeyType?: KeyType;
  /** What the index holds besides its keys: `ALL`, `KEYS_ONLY`, or the attributes to include. @default 'ALL' */
  readonly projection?: 'ALL' | 'KEYS_ONLY' | readonly string[];
}

/** A table in a seed file: its schema plus items as plain JSON (strings, numbers, booleans, null, arrays, objects). */
export interface DynamoDbTableSeed extends DynamoDbTableOptions {
  readonly items?: readonly PlainItem[];
}

/** The `dynamodb` section of a seed file. */
export interface DynamoDbSeed {
  readonly tables: readonly DynamoDbTableSeed[];
}

const TABLE_FIELDS = new Set([
  'name',
  'partitionKey',
  'sortKey',
  'partitionKeyType',
  'sortKeyType',
  'indexes',
  'items',
]);
const INDEX_FIELDS = new Set([
  'name',
  'local',
  'partitionKey',
  'partitionKeyType',
  'sortKey',
  'sortKeyType',
  'projection',
]);
const KEY_TYPES: readonly string[] = ['S', 'N', 'B'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function keyType(value: unknown, path: string): KeyType {
  if (value === undefined) return 'S';
  if (typeof value !== 'string' || !KEY_TYPES.includes(value)) throw new TypeError(`${path} must be 'S', 'N' or 'B'`);
  return value as KeyType;
}

function attributeName(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    throw new TypeError(`${path} must be an attribute name of 1-255 characters`);
  }
  return value;
}

/** Validates table options (programmatic or from a seed) into an on-demand table schema. */
export function schemaFromOptions(options: unknown, path: string): TableSchema {
  if (!isRecord(options)) throw new TypeError(`${path} must be an object`);
  const { name, partitionKey, sortKey } = options;
  if (typeof name !== 'string' || !/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) {
    throw new TypeError(`${path}.name must be a table name of 3-255 characters from [a-zA-Z0-9_.-]`);
  }
  const hash = {
    name: attributeName(partitionKey, `${path}.partitionKey`),
    type: keyType(options.partitionKeyType, `${path}.partitionKeyType`),
  };
  if (sortKey === undefined && options.sortKeyType !== undefined) {
    throw new TypeError(`${path}.sortKeyType is set but ${path}.sortKey is not`);
  }
  const range =
    sortKey === undefined
      ? undefined
      : { name: attributeName(sortKey, `${path}.sortKey`), type: keyType(options.sortKeyType, `${path}.sortKeyType`) };
  if (range && range.name === hash.name) throw new TypeError(`${path}.sortKey must differ from ${path}.partitionKey`);
  const schema: TableSchema = {
    name,
    partitionKey: hash,
    ...(range ? { sortKey: range } : {}),
    billingMode: 'PAY_PER_REQUEST',
    readCapacityUnits: 0,
    writeCapacityUnits: 0,
  };
  return options.indexes === undefined ? schema : withIndexes(schema, options.indexes, `${path}.indexes`);
}

/**
 * The table with its indexes, checked by CreateTable's own rules (a seed makes the table CreateTable would): the
 * declaration is turned into that request, and its errors into `TypeError`s naming `path`.
 */
function withIndexes(table: TableSchema, raw: unknown, path: string): TableSchema {
  if (!Array.isArray(raw)) throw new TypeError(`${path} must be an array`);
  const tableKeys = table.sortKey ? [table.partitionKey, table.sortKey] : [table.partitionKey];
  const types = new Map(tableKeys.map((key) => [key.name, key.type]));
  const keyElement = (name: unknown, type: unknown, where: string) => {
    const attribute = attributeName(name, where);
    const declared = type === undefined ? (types.get(attribute) ?? 'S') : keyType(type, `${where}Type`);
    const known = types.get(attribute);
    if (known !== undefined && known !== declared) {
      throw new TypeError(`${where}Type is ${declared}, but '${attribute}' is of type ${known} elsewhere in the table`);
    }
    types.set(attribute, declared);
    return attribute;
  };
  const global: unknown[] = [];
  const local: unknown[] = [];
  raw.forEach((entry: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(entry)) throw new TypeError(`${at} must be an object`);
    const unknown = Object.keys(entry).find((key) => !INDEX_FIELDS.has(key));
    if (unknown !== undefined) throw new TypeError(`${at} has an unknown field '${unknown}'`);
    if (entry.local !== undefined && typeof entry.local !== 'boolean')
      throw new TypeError(`${at}.local must be a boolean`);
    const isLocal = entry.local === true;
    const partition = keyElement(
      entry.partitionKey ?? (isLocal ? table.partitionKey.name : undefined),
      entry.partitionKeyType,
      `${at}.partitionKey`,
    );
    const sort =
      entry.sortKey === undefined ? undefined : keyElement(entry.sortKey, entry.sortKeyType, `${at}.sortKey`);
    if (sort === undefined && entry.sortKeyType !== undefined) {
      throw new TypeError(`${at}.sortKeyType is set but ${at}.sortKey is not`);
    }
    (isLocal ? local : global).push({
      IndexName: entry.name,
      KeySchema: [
        { AttributeName: partition, KeyType: 'HASH' },
        ...(sort === undefined ? [] : [{ AttributeName: sort, KeyType: 'RANGE' }]),
      ],
      Projection: projectionOf(entry.projection, `${at}.projection`),
    });
  });
  const request = {
    TableName: table.name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: tableKeys.map((key, i) => ({ AttributeName: key.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: [...types].map(([name, type]) => ({ AttributeName: name, AttributeType: type })),
    ...(global.length > 0 ? { GlobalSecondaryIndexes: global } : {}),
    ...(local.length > 0 ? { LocalSecondaryIndexes: local } : {}),
  };
  try {
    // Declared, even when empty: a seed that names indexes must match an existing table's (see `load`).
    const checked = schemaOf(request);
    return { ...checked, indexes: checked.indexes ?? [] };
  } catch (error) {
    if (error instanceof AwsServiceError) throw new TypeError(`${path}: ${error.message}`);
    throw error;
  }
}

function projectionOf(raw: unknown, path: string): Record<string, unknown> {
  if (raw === undefined || raw === 'ALL') return { ProjectionType: 'ALL' };
  if (raw === 'KEYS_ONLY') return { ProjectionType: 'KEYS_ONLY' };
  if (Array.isArray(raw) && raw.length > 0 && raw.every((name) => typeof name === 'string' && name !== '')) {
    return { ProjectionType: 'INCLUDE', NonKeyAttributes: raw };
  }
  throw new TypeError(`${path} must be 'ALL', 'KEYS_ONLY' or a non-empty array of attribute names`);
}

/**
 * Converts a plain item and validates it against the table as PutItem would, turning the AWS error into a
 * `TypeError` that names `path`, since seeds and the programmatic API are not AWS calls.
 */
export function itemFromPlain(table: Table, plain: unknown, path: string): Item {
  if (!isRecord(plain)) throw new TypeError(`${path} must be an object`);
  const item = toItem(plain, path);
  try {
    table.checkItem(item);
  } catch (error) {
    if (error instanceof AwsServiceError) throw new TypeError(`${path}: ${error.message}`);
    throw error;
  }
  if (itemSize(item) > MAX_ITEM_BYTES) throw new TypeError(`${path} exceeds DynamoDB's 400 KB item size limit`);
  return item;
}

/** One validated table of a seed: its schema and its items, still plain. */
export interface SeedTable {
  readonly schema: TableSchema;
  readonly path: string;
  readonly items: readonly unknown[];
}

/** Validates the shape of the `dynamodb` seed section; items are validated per table when loaded. */
export function readSeed(seed: unknown): SeedTable[] {
  if (!isRecord(seed)) throw new TypeError('dynamodb seed must be an object with a "tables" array');
  for (const key of Object.keys(seed)) {
    if (key !== 'tables') throw new TypeError(`dynamodb seed has an unknown field '${key}'; expected 'tables'`);
  }
  if (!Array.isArray(seed.tables)) throw new TypeError('dynamodb.tables must be an array');
  return seed.tables.map((entry: unknown, i) => {
    const path = `dynamodb.tables[${i}]`;
    if (!isRecord(entry)) throw new TypeError(`${path} must be an object`);
    const unknown = Object.keys(entry).find((key) => !TABLE_FIELDS.has(key));
    if (unknown !== undefined) throw new TypeError(`${path} has an unknown field '${unknown}'`);
    const items = entry.items ?? [];
    if (!Array.isArray(items)) throw new TypeError(`${path}.items must be an array`);
    return { schema: schemaFromOptions(entry, path), path, items };
  });
}
