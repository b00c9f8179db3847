import { type Body, optionalEnum } from './members.js';
import type { Table } from './table.js';
import { type AttributeValue, type Item, itemSize } from './values.js';

const BYTES_PER_GB = 1024 ** 3;

/**
 * Whether a write asked for `ItemCollectionMetrics` (`ReturnItemCollectionMetrics: SIZE`); read before anything is
 * written, so that a bad value fails the call first.
 */
export function wantsCollectionMetrics(body: Body): boolean {
  return optionalEnum(body, 'ReturnItemCollectionMetrics', ['SIZE', 'NONE']) === 'SIZE';
}

/**
 * The metrics of the item collection (the items of one partition key value) a write touched. Only tables with a
 * local index have item collections with a size limit, so only they get metrics, as on AWS. The estimate is the
 * range of whole gigabytes the collection's size falls in.
 */
export function collectionMetrics(table: Table, key: Item): Record<string, unknown> | undefined {
  if (![...table.indexes.values()].some((index) => !index.schema.global)) return undefined;
  const partitionKey = table.schema.partitionKey.name;
  const value = key[partitionKey] as AttributeValue;
  let bytes = 0;
  for (const item of table.partition(value)) bytes += itemSize(item);
  const low = Math.floor(bytes / BYTES_PER_GB);
  return { ItemCollectionKey: { [partitionKey]: value }, SizeEstimateRangeGB: [low, low + 1] };
}

/** `ItemCollectionMetrics` of a single-item write, when asked for and the table has item collections. */
export function singleCollectionMetrics(wanted: boolean, table: Table, key: Item): Record<string, unknown> {
  const metrics = wanted ? collectionMetrics(table, key) : undefined;
  return metrics === undefined ? {} : { ItemCollectionMetrics: metrics };
}

/** `ItemCollectionMetrics` of a batch or transaction: per table, one entry per item collection written. */
export function batchCollectionMetrics(
  wanted: boolean,
  writes: readonly { readonly table: Table; readonly key: Item }[],
): Record<string, unknown> {
  if (!wanted) return {};
  const byTable = new Map<string, Map<string, Record<string, unknown>>>();
  for (const { table, key } of writes) {
    const metrics = collectionMetrics(table, key);
    if (metrics === undefined) continue;
    const name = table.schema.name;
    let collections = byTable.get(name);
    if (collections === undefined) {
      collections = new Map();
      byTable.set(name, collections);
    }
    collections.set(JSON.stringify(metrics.ItemCollectionKey), metrics);
  }
  if (byTable.size === 0) return {};
  return {
    ItemCollectionMetrics: Object.fromEntries(
      [...byTable].map(([name, collections]) => [name, [...collections.values()]]),
    ),
  };
}
