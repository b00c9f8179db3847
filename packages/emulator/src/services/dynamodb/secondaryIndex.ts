import { AwsServiceError } from '../../core/awsJson.js';
import { emptyRecord } from '../../core/jsonTree.js';
import type { DocumentPath } from './expressionAst.js';
import { checkNotEmpty, type KeyElement, type KeySpace, type Table } from './table.js';
import { type AttributeValue, compareValues, type Item, itemSize, keyText, typeOf } from './values.js';

/** Which attributes an index keeps besides the keys. */
export interface IndexProjection {
  readonly type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** The attributes `INCLUDE` adds. */
  readonly nonKeyAttributes: readonly string[];
}

/** A global or local secondary index, as CreateTable declared it (validated). */
export interface IndexSchema {
  readonly name: string;
  readonly global: boolean;
  readonly partitionKey: KeyElement;
  readonly sortKey?: KeyElement;
  readonly projection: IndexProjection;
  /** A global index's own throughput on a provisioned table (0 on an on-demand one). */
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/**
 * A secondary index over a table: the items that hold every key attribute of the index (an index is sparse), in
 * index key order. Ties (a global index's keys need not be unique) are broken by the table's key, so paging is
 * stable. Built from the table on the first read after a write; emulator tables are small.
 */
export class SecondaryIndex implements KeySpace {
  readonly keys: readonly KeyElement[];
  /** The attributes every projected item keeps: the index's keys and the table's. */
  readonly #keyNames: ReadonlySet<string>;
  #builtAt = -1;
  #sorted: readonly Item[] = [];
  #partitions = new Map<string, Item[]>();

  constructor(
    readonly schema: IndexSchema,
    readonly table: Table,
  ) {
    this.keys = schema.sortKey ? [schema.partitionKey, schema.sortKey] : [schema.partitionKey];
    this.#keyNames = new Set([...this.keys, ...table.keys].map((element) => element.name));
  }

  get name(): string {
    return this.schema.name;
  }

  get arn(): string {
    return `${this.table.arn}/index/${this.schema.name}`;
  }

  /** Index keys then the table's: the shape of a `LastEvaluatedKey` (and `ExclusiveStartKey`) of this index. */
  keyOf(item: Item): Item {
    const key: Item = emptyRecord();
    for (const name of this.#keyNames) key[name] = item[name] as AttributeValue;
    return key;
  }

  /** Checks an `ExclusiveStartKey`: the index's and the table's key attributes, of their declared types. */
  checkStartKey(key: Item): void {
    const elements = [...this.keys, ...this.table.keys];
    const wrong =
      Object.keys(key).length !== this.#keyNames.size ||
      elements.some((element) => {
        const value = key[element.name];
        return value === undefined || typeOf(value) !== element.type;
      });
    if (wrong)
      throw invalid('The provided starting key is invalid: The provided key element does not match the schema');
    for (const element of elements) checkNotEmpty(element.name, key[element.name] as AttributeValue);
  }

  compareKeys(a: Item, b: Item): number {
    for (const element of this.keys) {
      const order = compareValues(a[element.name] as AttributeValue, b[element.name] as AttributeValue) ?? 0;
      if (order !== 0) return order;
    }
    return this.table.compareKeys(a, b);
  }

  /** The indexed items of one index partition, in index order. */
  partition(value: AttributeValue): readonly Item[] {
    this.#build();
    return this.#partitions.get(keyText(value)) ?? [];
  }

  /** Every indexed item, in index order. */
  all(): readonly Item[] {
    this.#build();
    return this.#sorted;
  }

  get itemCount(): number {
    return this.all().length;
  }

  /** Bytes of the projected items, as `IndexSizeBytes` reports them. */
  get sizeBytes(): number {
    let bytes = 0;
    for (const item of this.all()) bytes += itemSize(this.project(item));
    return bytes;
  }

  /** The item as the index holds it: the keys, plus what the projection keeps. */
  project(item: Item): Item {
    const { type, nonKeyAttributes } = this.schema.projection;
    if (type === 'ALL') return item;
    const projected = this.keyOf(item);
    if (type === 'INCLUDE') {
      for (const name of nonKeyAttributes) {
        const value = item[name];
        if (value !== undefined) projected[name] = value;
      }
    }
    return projected;
  }

  /** The top-level attributes of `paths` the index does not hold (its keys, the table's, and what it projects). */
  unprojected(paths: readonly DocumentPath[]): string[] {
    const { type, nonKeyAttributes } = this.schema.projection;
    if (type === 'ALL') return [];
    const missing = new Set<string>();
    for (const path of paths) {
      const name = String(path.elements[0]);
      if (!this.#keyNames.has(name) && !(type === 'INCLUDE' && nonKeyAttributes.includes(name))) missing.add(name);
    }
    return [...missing].sort();
  }

  /**
   * Whether the item appears in the index: it holds every key attribute of the index, of its type. Writes refuse
   * other types, but an index created later (UpdateTable) skips the items that do not fit, as AWS's backfill does.
   */
  holds(item: Item): boolean {
    return this.keys.every((element) => {
      const value = item[element.name];
      return value !== undefined && typeOf(value) === element.type;
    });
  }

  /** Checks the index key attributes an item being written holds (a missing one only leaves it out of the index). */
  checkItem(item: Item): void {
    for (const element of this.keys) {
      const value = item[element.name];
      if (value === undefined) continue;
      const actual = typeOf(value);
      if (actual !== element.type) {
        throw invalid(
          `One or more parameter values were invalid: Type mismatch for Index Key ${element.name} Expected: ${element.type} Actual: ${actual} IndexName: ${this.name}`,
        );
      }
      if (
        (actual === 'S' && (value as { S: string }).S === '') ||
        (actual === 'B' && (value as { B: string }).B === '')
      ) {
        throw invalid(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${actual === 'S' ? 'string' : 'binary'} value. IndexName: ${this.name}, IndexKey: ${element.name}`,
        );
      }
    }
  }

  /** The `GlobalSecondaryIndexes` / `LocalSecondaryIndexes` entry of a `TableDescription`. */
  describe(onDemand: boolean): Record<string, unknown> {
    const { schema } = this;
    const { type, nonKeyAttributes } = schema.projection;
    return {
      IndexName: schema.name,
      KeySchema: this.keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      Projection: { ProjectionType: type, ...(type === 'INCLUDE' ? { NonKeyAttributes: [...nonKeyAttributes] } : {}) },
      ...(schema.global
        ? {
            IndexStatus: 'ACTIVE',
            ProvisionedThroughput: {
              NumberOfDecreasesToday: 0,
              ReadCapacityUnits: onDemand ? 0 : schema.readCapacityUnits,
              WriteCapacityUnits: onDemand ? 0 : schema.writeCapacityUnits,
            },
          }
        : {}),
      IndexSizeBytes: this.sizeBytes,
      ItemCount: this.itemCount,
      IndexArn: this.arn,
      ...(schema.global
        ? { WarmThroughput: { ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 4000, Status: 'ACTIVE' } }
        : {}),
    };
  }

  #build(): void {
    if (this.#builtAt === this.table.version) return;
    const sorted = this.table
      .all()
      .filter((item) => this.holds(item))
      .sort((a, b) => this.compareKeys(a, b));
    const partitions = new Map<string, Item[]>();
    const partitionKey = this.schema.partitionKey.name;
    for (const item of sorted) {
      const text = keyText(item[partitionKey] as AttributeValue);
      let items = partitions.get(text);
      if (items === undefined) {
        items = [];
        partitions.set(text, items);
      }
      items.push(item);
    }
    this.#sorted = sorted;
    this.#partitions = partitions;
    this.#builtAt = this.table.version;
  }
}
