import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../core/awsJson.js';
import { emptyRecord } from '../../core/jsonTree.js';
import { type IndexSchema, SecondaryIndex } from './secondaryIndex.js';
import { type AttributeValue, compareValues, type Item, itemSize, keyText, typeOf, valueSize } from './values.js';

/** The scalar types a key attribute may have. */
export type KeyType = 'S' | 'N' | 'B';

/** One key attribute of a table. */
export interface KeyElement {
  readonly name: string;
  readonly type: KeyType;
}

/** What a table is made of; validated before a `Table` is built. */
export interface TableSchema {
  readonly name: string;
  readonly partitionKey: KeyElement;
  readonly sortKey?: KeyElement;
  readonly billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
  /** Global and local secondary indexes, in the order CreateTable gave them. */
  readonly indexes?: readonly IndexSchema[];
}

/** What Query and Scan read through: a table's own key order, or a secondary index's. */
export interface KeySpace {
  /** The key elements reads are ordered by, partition key first. */
  readonly keys: readonly KeyElement[];
  /** The key of an item as `LastEvaluatedKey` gives it. */
  keyOf(item: Item): Item;
  /** Checks an `ExclusiveStartKey`. */
  checkStartKey(key: Item): void;
  compareKeys(a: Item, b: Item): number;
  /** The items of one partition, in key order. */
  partition(value: AttributeValue): readonly Item[];
  /** Every item, in key order. */
  all(): readonly Item[];
}

/** AWS's limits on key sizes, in bytes. */
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

export function checkNotEmpty(name: string, value: AttributeValue): void {
  if (('S' in value && value.S === '') || ('B' in value && value.B === '')) {
    const what = 'S' in value ? 'string' : 'binary';
    throw invalid(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${what} value. Key: ${name}`,
    );
  }
}

/**
 * One table: its schema and items. Items live in a map per partition key value, keyed by sort key value,
 * and are sorted on demand — Query and Scan order is what matters, and emulator tables are small.
 */
export class Table implements KeySpace {
  readonly id = randomUUID();
  /** Bumped by every change of the items, so that indexes know when to rebuild. */
  version = 0;
  #schema: TableSchema;
  #indexes: ReadonlyMap<string, SecondaryIndex>;
  /** Whether DeleteTable is refused (`DeletionProtectionEnabled`). */
  deletionProtection = false;
  /** The attribute named by UpdateTimeToLive while time to live is enabled. */
  timeToLive: string | undefined;
  /** When UpdateTimeToLive last changed the setting (ms), for AWS's one change an hour. */
  timeToLiveChangedAt: number | undefined;
  /** Tags, in the order first added. */
  readonly tags = new Map<string, string>();
  readonly #partitions = new Map<string, Map<string, Item>>();
  /**
   * Items in key order, sorted on the first read after a write: paging through a large table (Scan or Query with a
   * small `Limit`) must not sort it again for every page. Writes replace items and never change a stored key.
   */
  #sortedAll: readonly Item[] | undefined;
  readonly #sortedPartitions = new Map<string, readonly Item[]>();

  constructor(
    schema: TableSchema,
    readonly arn: string,
    /** Creation time in epoch seconds, as DynamoDB reports it. */
    readonly createdAt: number,
  ) {
    this.#schema = schema;
    this.#indexes = this.#indexesOf(schema);
  }

  get schema(): TableSchema {
    return this.#schema;
  }

  /** Secondary indexes by name. */
  get indexes(): ReadonlyMap<string, SecondaryIndex> {
    return this.#indexes;
  }

  /**
   * Applies an UpdateTable: billing, throughput and global indexes may change, never the table's key. An index kept
   * keeps its state; a new one is built from the items on its first read, as AWS backfills it. With `nowSeconds`,
   * records what DescribeTable reports of throughput changes: the last increase and decrease, the decreases of the
   * (UTC) day, and the last switch to on demand.
   */
  reconfigure(schema: TableSchema, nowSeconds?: number): void {
    const before = this.#schema;
    this.#schema = schema;
    this.#indexes = this.#indexesOf(schema);
    if (nowSeconds === undefined) return;
    const history = this.#throughput;
    if (schema.billingMode === 'PAY_PER_REQUEST') {
      if (before.billingMode !== 'PAY_PER_REQUEST') history.toPayPerRequestAt = nowSeconds;
      return;
    }
    if (before.billingMode !== 'PROVISIONED') {
      // Created on demand, now provisioned: the summary goes on naming the creation as the switch to on demand.
      history.toPayPerRequestAt ??= this.createdAt;
      return;
    }
    const up =
      schema.readCapacityUnits > before.readCapacityUnits || schema.writeCapacityUnits > before.writeCapacityUnits;
    const down =
      schema.readCapacityUnits < before.readCapacityUnits || schema.writeCapacityUnits < before.writeCapacityUnits;
    if (up) history.increasedAt = nowSeconds;
    if (down) {
      const day = Math.floor(nowSeconds / 86_400);
      history.decreasesToday = history.decreaseDay === day ? history.decreasesToday + 1 : 1;
      history.decreaseDay = day;
      history.decreasedAt = nowSeconds;
    }
  }

  /** What DescribeTable says of past throughput changes (see `reconfigure`). */
  readonly #throughput: {
    increasedAt?: number;
    decreasedAt?: number;
    decreasesToday: number;
    decreaseDay?: number;
    toPayPerRequestAt?: number;
  } = { decreasesToday: 0 };

  #indexesOf(schema: TableSchema): Map<string, SecondaryIndex> {
    const kept = this.#indexes as ReadonlyMap<string, SecondaryIndex> | undefined;
    return new Map(
      (schema.indexes ?? []).map((index) => {
        const current = kept?.get(index.name);
        return [index.name, current?.schema === index ? current : new SecondaryIndex(index, this)];
      }),
    );
  }

  /** The key elements, partition key first. */
  get keys(): KeyElement[] {
    return this.schema.sortKey ? [this.schema.partitionKey, this.schema.sortKey] : [this.schema.partitionKey];
  }

  /** Validates the key attributes of an item being written (PutItem's rules and messages). */
  checkItem(item: Item): void {
    for (const key of this.keys) {
      const value = item[key.name];
      if (value === undefined)
        throw invalid(`One or more parameter values were invalid: Missing the key ${key.name} in the item`);
      if (typeOf(value) !== key.type) {
        throw invalid(
          `One or more parameter values were invalid: Type mismatch for key ${key.name} expected: ${key.type} actual: ${typeOf(value)}`,
        );
      }
      checkNotEmpty(key.name, value);
    }
    this.#checkKeySizes(item);
    this.checkIndexKeys(item);
  }

  /** Validates the secondary index key attributes an item holds (PutItem's and UpdateItem's rules). */
  checkIndexKeys(item: Item): void {
    for (const index of this.indexes.values()) index.checkItem(item);
  }

  checkStartKey(key: Item): void {
    this.checkKey(key, 'ExclusiveStartKey');
  }

  /** Validates a `Key` member: exactly the key attributes, of the declared types (GetItem/DeleteItem rules). */
  checkKey(key: Item, member = 'key'): void {
    const names = Object.keys(key);
    const mismatch =
      names.length !== this.keys.length ||
      this.keys.some((element) => {
        const value = key[element.name];
        return value === undefined || typeOf(value) !== element.type;
      });
    if (mismatch) {
      const prefix = member === 'key' ? '' : 'The provided starting key is invalid: ';
      throw invalid(`${prefix}The provided key element does not match the schema`);
    }
    for (const element of this.keys) checkNotEmpty(element.name, key[element.name] as AttributeValue);
  }

  #checkKeySizes(item: Item): void {
    const { partitionKey, sortKey } = this.schema;
    if (valueSize(item[partitionKey.name] as AttributeValue) > MAX_PARTITION_KEY_BYTES) {
      throw invalid(
        `One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of ${MAX_PARTITION_KEY_BYTES} bytes`,
      );
    }
    if (sortKey && valueSize(item[sortKey.name] as AttributeValue) > MAX_SORT_KEY_BYTES) {
      throw invalid(
        `One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of ${MAX_SORT_KEY_BYTES} bytes`,
      );
    }
  }

  /** The key attributes of an item (also the shape of `LastEvaluatedKey`). */
  keyOf(item: Item): Item {
    const key: Item = emptyRecord();
    for (const element of this.keys) key[element.name] = item[element.name] as AttributeValue;
    return key;
  }

  /** One string per key of this table (for finding a key twice in one batch). */
  identity(key: Item): string {
    return JSON.stringify(this.#location(key));
  }

  #location(key: Item): [string, string] {
    const { partitionKey, sortKey } = this.schema;
    const sortValue = sortKey ? key[sortKey.name] : undefined;
    return [keyText(key[partitionKey.name] as AttributeValue), sortValue ? keyText(sortValue) : ''];
  }

  /** The stored item with this (validated) key. */
  get(key: Item): Item | undefined {
    const [partition, sort] = this.#location(key);
    return this.#partitions.get(partition)?.get(sort);
  }

  /** Stores an item (validated), returning the one it replaced. */
  put(item: Item): Item | undefined {
    const [partition, sort] = this.#location(item);
    let items = this.#partitions.get(partition);
    if (!items) {
      items = new Map();
      this.#partitions.set(partition, items);
    }
    const old = items.get(sort);
    items.set(sort, item);
    this.#changed(partition);
    return old;
  }

  /** Removes the item with this (validated) key, returning it. */
  delete(key: Item): Item | undefined {
    const [partition, sort] = this.#location(key);
    const items = this.#partitions.get(partition);
    const old = items?.get(sort);
    if (items?.delete(sort) === true) this.#changed(partition);
    if (items?.size === 0) this.#partitions.delete(partition);
    return old;
  }

  #changed(partition: string): void {
    this.version++;
    this.#sortedAll = undefined;
    this.#sortedPartitions.delete(partition);
  }

  /** Orders items by partition key, then sort key: numbers numerically, strings and binary by bytes. */
  compareKeys(a: Item, b: Item): number {
    for (const element of this.keys) {
      const order = compareValues(a[element.name] as AttributeValue, b[element.name] as AttributeValue) ?? 0;
      if (order !== 0) return order;
    }
    return 0;
  }

  /** The items of one partition, in sort key order (shared: not to be changed). */
  partition(value: AttributeValue): readonly Item[] {
    const partition = keyText(value);
    let sorted = this.#sortedPartitions.get(partition);
    if (sorted === undefined) {
      const items = this.#partitions.get(partition);
      if (items === undefined) return [];
      sorted = [...items.values()].sort((a, b) => this.compareKeys(a, b));
      this.#sortedPartitions.set(partition, sorted);
    }
    return sorted;
  }

  /**
   * Every item in key order. AWS scans in the order of its internal key hashes; a sorted order is just as
   * arbitrary to callers and keeps Scan paging stable.
   */
  all(): readonly Item[] {
    if (this.#sortedAll === undefined) {
      const items: Item[] = [];
      for (const partition of this.#partitions.values()) items.push(...partition.values());
      this.#sortedAll = items.sort((a, b) => this.compareKeys(a, b));
    }
    return this.#sortedAll;
  }

  get itemCount(): number {
    let count = 0;
    for (const partition of this.#partitions.values()) count += partition.size;
    return count;
  }

  /** The `TableDescription` AWS returns from CreateTable, DescribeTable and DeleteTable. */
  describe(status: 'ACTIVE' | 'DELETING' = 'ACTIVE'): Record<string, unknown> {
    const { schema } = this;
    const history = this.#throughput;
    const onDemand = schema.billingMode === 'PAY_PER_REQUEST';
    let sizeBytes = 0;
    for (const partition of this.#partitions.values())
      for (const item of partition.values()) sizeBytes += itemSize(item);
    const indexes = [...this.indexes.values()];
    const definitions = new Map<string, KeyType>();
    for (const element of [...this.keys, ...indexes.flatMap((index) => index.keys)])
      definitions.set(element.name, element.type);
    const described = (global: boolean) =>
      indexes.filter((i) => i.schema.global === global).map((i) => i.describe(onDemand));
    const globals = described(true);
    const locals = described(false);
    return {
      AttributeDefinitions: [...definitions].map(([name, type]) => ({ AttributeName: name, AttributeType: type })),
      TableName: schema.name,
      KeySchema: this.keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      TableStatus: status,
      CreationDateTime: this.createdAt,
      ProvisionedThroughput: {
        ...(history.increasedAt === undefined ? {} : { LastIncreaseDateTime: history.increasedAt }),
        ...(history.decreasedAt === undefined ? {} : { LastDecreaseDateTime: history.decreasedAt }),
        NumberOfDecreasesToday: history.decreasesToday,
        ReadCapacityUnits: onDemand ? 0 : schema.readCapacityUnits,
        WriteCapacityUnits: onDemand ? 0 : schema.writeCapacityUnits,
      },
      TableSizeBytes: sizeBytes,
      ItemCount: this.itemCount,
      TableArn: this.arn,
      TableId: this.id,
      ...(locals.length > 0 ? { LocalSecondaryIndexes: locals } : {}),
      ...(globals.length > 0 ? { GlobalSecondaryIndexes: globals } : {}),
      // A table that was ever on demand keeps a summary naming when it last became so, provisioned again or not.
      ...(onDemand || history.toPayPerRequestAt !== undefined
        ? {
            BillingModeSummary: {
              BillingMode: schema.billingMode,
              LastUpdateToPayPerRequestDateTime: history.toPayPerRequestAt ?? this.createdAt,
            },
          }
        : {}),
      DeletionProtectionEnabled: this.deletionProtection,
      // AWS reports the default warm throughput of a new table since 2024.
      WarmThroughput: { ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 4000, Status: 'ACTIVE' },
    };
  }
}
