import { AwsServiceError } from '../../core/awsJson.js';
import { conditionPaths, evaluate } from './evaluate.js';
import type { Condition } from './expressionAst.js';
import { readUnits } from './items.js';
import { type KeyCondition, keyConditionFromExpression, keyConditionFromLegacy, matchesSort } from './keyCondition.js';
import {
  type Body,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalString,
  rejectUnsupported,
  tableName,
} from './members.js';
import type { Projection } from './projection.js';
import { consumedCapacity, RequestExpressions } from './requestExpressions.js';
import type { SecondaryIndex } from './secondaryIndex.js';
import type { KeyElement, KeySpace, Table } from './table.js';
import type { TableStore } from './tables.js';
import { type AttributeValue, canonicalItem, compareValues, type Item, itemSize } from './values.js';

/** DynamoDB stops a Query or Scan page (or a PartiQL SELECT's) once it has read 1 MB. */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** The most segments a parallel Scan may be split into. */
const MAX_TOTAL_SEGMENTS = 1_000_000;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** What Query and Scan share: selection, paging, filtering and the response shape. */
interface ReadRequest {
  readonly table: Table;
  /** The index named by `IndexName`, if any. */
  readonly index: SecondaryIndex | undefined;
  /** What the read walks: the index, or the table. */
  readonly space: KeySpace;
  /** An item as the answer gives it (the index's projection, then `ProjectionExpression`). */
  readonly shape: (item: Item) => Item;
  readonly body: Body;
  readonly filter: Condition | undefined;
  readonly projection: Projection | undefined;
  readonly select: string;
  readonly limit: number | undefined;
  readonly startKey: Item | undefined;
}

/** The index `IndexName` names, or `undefined` for a read of the table itself. */
function indexOf(table: Table, body: Body): SecondaryIndex | undefined {
  const indexName = optionalString(body, 'IndexName');
  if (indexName === undefined) return undefined;
  const index = table.indexes.get(indexName);
  if (index === undefined) throw invalid(`The table does not have the specified index: ${indexName}`);
  return index;
}

/** Reads the members Query and Scan have in common, parsing the filter and projection. */
function readRequest(
  table: Table,
  index: SecondaryIndex | undefined,
  body: Body,
  expressions: RequestExpressions,
): ReadRequest {
  const space: KeySpace = index ?? table;
  const select = optionalEnum(body, 'Select', [
    'ALL_ATTRIBUTES',
    'ALL_PROJECTED_ATTRIBUTES',
    'SPECIFIC_ATTRIBUTES',
    'COUNT',
  ]);
  const limit = optionalInteger(body, 'Limit', 1);
  const rawStart = optionalObject(body, 'ExclusiveStartKey');
  const startKey = rawStart ? canonicalItem(rawStart, 'ExclusiveStartKey') : undefined;
  if (startKey) space.checkStartKey(startKey);
  const filter = expressions.condition('FilterExpression');
  const projection = expressions.projection();
  expressions.finish();
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && index === undefined) {
    throw invalid('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  }
  if (projection && select !== undefined && select !== 'SPECIFIC_ATTRIBUTES') {
    throw invalid(`Cannot specify the ProjectionExpression when choosing to get ${select}`);
  }
  if (select === 'SPECIFIC_ATTRIBUTES' && !projection) {
    throw invalid('SPECIFIC_ATTRIBUTES requires a ProjectionExpression');
  }
  const consistent = optionalBoolean(body, 'ConsistentRead');
  if (index?.schema.global && consistent === true) {
    throw invalid('Consistent reads are not supported on global secondary indexes');
  }
  // A global index cannot fetch from the table: asking it for an attribute it does not hold is refused.
  const unprojected = index?.schema.global && projection ? index.unprojected(projection.paths) : [];
  if (index !== undefined && unprojected.length > 0) {
    throw invalid(
      `One or more parameter values were invalid: Global secondary index ${index.name} does not project [${unprojected.join(', ')}]`,
    );
  }
  if (index?.schema.global && select === 'ALL_ATTRIBUTES' && index.schema.projection.type !== 'ALL') {
    throw invalid(
      `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`,
    );
  }
  return {
    table,
    index,
    space,
    shape: shapeOf(index, select, projection),
    body,
    filter,
    projection,
    select: select ?? (index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES'),
    limit,
    startKey,
  };
}

/**
 * How an item read is answered. Through an index, an item holds what the index projects; a local index fetches
 * the other attributes from the table when asked for (`ALL_ATTRIBUTES`, or a `ProjectionExpression` naming them),
 * a global one cannot, so it answers only what it projects.
 */
function shapeOf(
  index: SecondaryIndex | undefined,
  select: string | undefined,
  projection: Projection | undefined,
): (item: Item) => Item {
  if (index === undefined) return projection ? (item) => projection.apply(item) : (item) => item;
  const fetches = !index.schema.global;
  if (projection) return (item) => projection.apply(fetches ? item : index.project(item));
  if (select === 'ALL_ATTRIBUTES') return (item) => item;
  return (item) => index.project(item);
}

/**
 * Reads one page from `candidates` (already in key order, after `ExclusiveStartKey`): up to `Limit` items
 * or 1 MB, then filters. `LastEvaluatedKey` is set whenever the page stopped early — also when the Limit happens
 * to match the last item, as AWS does not look ahead (moto only sets it when more items remain).
 */
function page(request: ReadRequest, candidates: readonly Item[]): unknown {
  const { table, index, space, shape, body, filter, select, limit } = request;
  const scanned: Item[] = [];
  let bytes = 0;
  let stopped = false;
  for (const item of candidates) {
    if (limit !== undefined && scanned.length >= limit) {
      stopped = true;
      break;
    }
    scanned.push(item);
    bytes += itemSize(index ? index.project(item) : item);
    if (bytes >= MAX_PAGE_BYTES) {
      stopped = scanned.length < candidates.length;
      break;
    }
  }
  if (!stopped && limit !== undefined && scanned.length === limit) stopped = true;
  // A global index's filter sees what the index holds; a local index fetches the rest from the table.
  const filtered = index?.schema.global ? (item: Item) => index.project(item) : (item: Item) => item;
  const matched = filter ? scanned.filter((item) => evaluate(filter, filtered(item))) : scanned;
  const last = scanned.at(-1);
  const consistent = body.ConsistentRead === true;
  return {
    ...(select === 'COUNT' ? {} : { Items: matched.map(shape) }),
    Count: matched.length,
    ScannedCount: scanned.length,
    ...(stopped && last ? { LastEvaluatedKey: space.keyOf(last) } : {}),
    ...consumedCapacity(body, table.schema.name, readUnits(bytes, consistent), index?.schema),
  };
}

/** Items after the exclusive start key in the direction of travel. */
function after(space: KeySpace, items: readonly Item[], startKey: Item | undefined, forward: boolean): Item[] {
  if (!startKey) return [...items];
  return items.filter((item) => {
    const order = space.compareKeys(item, startKey);
    return forward ? order > 0 : order < 0;
  });
}

/** The key condition of a Query, from `KeyConditionExpression` or the legacy `KeyConditions`. */
function readKeyCondition(body: Body, space: KeySpace, expressions: RequestExpressions): KeyCondition {
  const source = optionalString(body, 'KeyConditionExpression');
  const legacy = body.KeyConditions;
  const hasLegacy = legacy !== undefined && legacy !== null;
  if (source !== undefined && hasLegacy) {
    throw invalid(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}',
    );
  }
  if (source !== undefined) {
    expressions.markUsed();
    return keyConditionFromExpression(source, expressions.attributes, space.keys);
  }
  if (hasLegacy) return keyConditionFromLegacy(legacy, space.keys);
  throw invalid('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
}

/** Query: one partition of the table or of an index, an optional sort key condition, paging, filter, projection. */
export function query(store: TableStore, body: Body): unknown {
  rejectUnsupported(body, ['QueryFilter', 'ConditionalOperator', 'AttributesToGet']);
  const expressions = new RequestExpressions(body);
  const table = store.require(tableName(body));
  const index = indexOf(table, body);
  const space: KeySpace = index ?? table;
  const { partition, sort } = readKeyCondition(body, space, expressions);
  const request = readRequest(table, index, body, expressions);
  const { filter, startKey } = request;
  const [partitionKey, sortKey] = space.keys as [KeyElement, KeyElement | undefined];
  if (filter) {
    const keyNames = space.keys.map((k) => k.name);
    const keyPath = conditionPaths(filter).find((p) => keyNames.includes(p.elements[0] as string));
    if (keyPath) {
      throw invalid(
        `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${keyPath.elements[0]}`,
      );
    }
  }
  // A Query filters the index's own items (either kind of index): an attribute it does not hold is refused.
  const unfiltered = index && filter ? index.unprojected(conditionPaths(filter)) : [];
  if (index !== undefined && unfiltered.length > 0) {
    throw invalid(
      `One or more parameter values were invalid: Secondary index ${index.name} does not project one or more filter attributes: [${unfiltered.join(', ')}]`,
    );
  }
  if (startKey && compareValues(startKey[partitionKey.name] as AttributeValue, partition) !== 0) {
    throw invalid('The provided starting key is outside query range');
  }
  const forward = optionalBoolean(body, 'ScanIndexForward') ?? true;
  let items = space.partition(partition);
  if (sort && sortKey) items = items.filter((item) => matchesSort(item[sortKey.name] as AttributeValue, sort));
  if (!forward) items = [...items].reverse();
  return page(request, after(space, items, startKey, forward));
}

/** Scan: every item in key order, optionally split into `Segment`s of `TotalSegments`. */
export function scan(store: TableStore, body: Body): unknown {
  rejectUnsupported(body, ['ScanFilter', 'ConditionalOperator', 'AttributesToGet']);
  const expressions = new RequestExpressions(body);
  const table = store.require(tableName(body));
  const request = readRequest(table, indexOf(table, body), body, expressions);
  // The model's ranges: Segment 0..999999, TotalSegments 1..1000000.
  const segment = optionalInteger(body, 'Segment', 0, MAX_TOTAL_SEGMENTS - 1);
  const total = optionalInteger(body, 'TotalSegments', 1, MAX_TOTAL_SEGMENTS);
  if ((segment === undefined) !== (total === undefined)) {
    throw invalid(
      segment === undefined
        ? 'The Segment parameter is required but was not present in the request when parameter TotalSegments is present'
        : 'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
    );
  }
  if (segment !== undefined && total !== undefined && segment >= total) {
    throw invalid(
      `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`,
    );
  }
  const { space } = request;
  let items = space.all();
  if (segment !== undefined && total !== undefined) {
    const partitionKey = (space.keys[0] as KeyElement).name;
    items = items.filter((item) => segmentOf(item[partitionKey] as AttributeValue, total) === segment);
  }
  return page(request, after(space, items, request.startKey, true));
}

/** A stable segment for a partition key value, so every item of a partition lands in the same segment. */
function segmentOf(value: AttributeValue, total: number): number {
  let hash = 0;
  for (const char of JSON.stringify(value)) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % total;
}
