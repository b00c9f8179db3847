import type { AttributeValue, GetItemCommandInput, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** The table a `DynamoDBProvider` reads and the names of the attributes it uses. */
export interface TableLayout {
  readonly tableName: string;
  readonly keyAttr: string;
  readonly sortAttr: string;
  readonly valueAttr: string;
}

/** A DynamoDB item in its wire form. */
type WireItem = Record<string, AttributeValue>;

/**
 * Placeholders for the provider's attribute names. Expressions always go through placeholders because an
 * attribute may well be called `value` or `name`, which are DynamoDB reserved words.
 */
const KEY = '#key';
const SORT = '#sk';
const VALUE = '#value';
const KEY_VALUE = ':key';

function attributeName(value: unknown, option: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`DynamoDBProvider: ${option} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Validates the constructor's table options and applies the Powertools defaults (`id`, `sk`, `value`). Fails at
 * construction rather than on the first call, where a missing table name would surface as a service error.
 *
 * @example
 * ```ts
 * const layout = resolveTableLayout({ tableName: 'config' }); // { tableName: 'config', keyAttr: 'id', ... }
 * ```
 */
export function resolveTableLayout(options: unknown): TableLayout {
  const { tableName, keyAttr, sortAttr, valueAttr } = (options ?? {}) as Record<string, unknown>;
  if (typeof tableName !== 'string' || tableName === '') {
    throw new TypeError('DynamoDBProvider: tableName is required and must be a non-empty string');
  }
  return {
    tableName,
    keyAttr: attributeName(keyAttr, 'keyAttr', 'id'),
    sortAttr: attributeName(sortAttr, 'sortAttr', 'sk'),
    valueAttr: attributeName(valueAttr, 'valueAttr', 'value'),
  };
}

/**
 * The `GetItem` input for `name`: the caller's SDK options, then the key, the table and a projection of the value
 * attribute alone (so a large item costs no more than its value to transfer).
 *
 * @example
 * ```ts
 * getItemInput(layout, 'feature', { ConsistentRead: true });
 * ```
 */
export function getItemInput(
  layout: TableLayout,
  name: string,
  sdkOptions: Partial<GetItemCommandInput> | undefined,
): GetItemCommandInput {
  return {
    ...sdkOptions,
    TableName: layout.tableName,
    Key: marshall({ [layout.keyAttr]: name }),
    ProjectionExpression: VALUE,
    // Replaced, not merged: DynamoDB rejects names the expressions do not use, and only the projection is ours.
    ExpressionAttributeNames: { [VALUE]: layout.valueAttr },
  };
}

/**
 * The first `Query` input for the partition `path`: the caller's SDK options, then the provider's own table, key
 * condition, projection, names and values, which no option can override. As in Powertools, the caller's expression
 * attribute names and values are dropped, not merged: a value the provider's expressions do not use would make
 * DynamoDB refuse the query. A `FilterExpression` without placeholders (`attribute_exists(enabled)`) works.
 *
 * @example
 * ```ts
 * queryInput(layout, 'app', { ConsistentRead: true, FilterExpression: 'attribute_exists(enabled)' });
 * ```
 */
export function queryInput(
  layout: TableLayout,
  path: string,
  sdkOptions: Partial<QueryCommandInput> | undefined,
): QueryCommandInput {
  return {
    ...sdkOptions,
    TableName: layout.tableName,
    KeyConditionExpression: `${KEY} = ${KEY_VALUE}`,
    ProjectionExpression: `${SORT}, ${VALUE}`,
    ExpressionAttributeNames: { [KEY]: layout.keyAttr, [SORT]: layout.sortAttr, [VALUE]: layout.valueAttr },
    ExpressionAttributeValues: marshall({ [KEY_VALUE]: path }),
  };
}

/**
 * The value attribute of a `GetItem` answer, unmarshalled (strings, numbers, maps, lists, bytes as `Uint8Array`);
 * `undefined` when there is no item or it has no value attribute.
 *
 * @example
 * ```ts
 * valueOfItem(layout, { value: { S: 'on' } }); // 'on'
 * ```
 */
export function valueOfItem(layout: TableLayout, item: WireItem | undefined): unknown {
  return item === undefined ? undefined : unmarshall(item)[layout.valueAttr];
}

/**
 * Adds the items of one `Query` page to `into`, keyed by sort key. Items without a sort key (a table that has
 * none) name no entry, so they are left out rather than filed under `"undefined"`.
 *
 * @example
 * ```ts
 * addQueryItems(layout, page.Items, values);
 * ```
 */
export function addQueryItems(
  layout: TableLayout,
  items: readonly WireItem[] | undefined,
  into: Record<string, unknown>,
): void {
  for (const item of items ?? []) {
    const native = unmarshall(item);
    const sortKey = native[layout.sortAttr];
    if (sortKey === undefined) continue;
    // Defined rather than assigned, so a sort key named `__proto__` is an entry like any other.
    Object.defineProperty(into, String(sortKey), {
      value: native[layout.valueAttr],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

/**
 * Where the next `Query` page starts, or `undefined` after the last page. An empty key counts as none: following
 * it would read the first page again, forever.
 *
 * @example
 * ```ts
 * const start = nextStartKey(page.LastEvaluatedKey);
 * ```
 */
export function nextStartKey(lastEvaluatedKey: WireItem | undefined): WireItem | undefined {
  return lastEvaluatedKey !== undefined && Object.keys(lastEvaluatedKey).length > 0 ? lastEvaluatedKey : undefined;
}
