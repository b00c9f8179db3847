import { AwsServiceError } from '../../core/awsJson.js';
import { type PlainItem, toItem } from './marshal.js';
import type { KeyType, Table, TableSchema } from './table.js';
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
}

/** A table in a seed file: its schema plus items as plain JSON (strings, numbers, booleans, null, arrays, objects). */
export interface DynamoDbTableSeed extends DynamoDbTableOptions {
  readonly items?: readonly PlainItem[];
}

/** The `dynamodb` section of a seed file. */
export interface DynamoDbSeed {
  readonly tables: readonly DynamoDbTableSeed[];
}

const TABLE_FIELDS = new Set(['name', 'partitionKey', 'sortKey', 'partitionKeyType', 'sortKeyType', 'items']);
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
  return {
    name,
    partitionKey: hash,
    ...(range ? { sortKey: range } : {}),
    billingMode: 'PAY_PER_REQUEST',
    readCapacityUnits: 0,
    writeCapacityUnits: 0,
  };
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
