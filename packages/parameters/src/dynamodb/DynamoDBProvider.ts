import {
  type AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  type GetItemCommandOutput,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { BaseProvider } from '../base/BaseProvider.js';
import type { GetOptionsInterface } from '../types/BaseProvider.js';
import type {
  DynamoDBGetMultipleOptions,
  DynamoDBGetOptions,
  DynamoDBProviderOptions,
} from '../types/DynamoDBProvider.js';
import type { JSONValue } from '../types/json.js';
import type { TypedGet, TypedGetMultiple } from '../types/TypedProvider.js';
import {
  addQueryItems,
  getItemInput,
  nextStartKey,
  queryInput,
  resolveTableLayout,
  type TableLayout,
  valueOfItem,
} from './tableLayout.js';

export interface DynamoDBProvider {
  /**
   * Retrieves the value attribute of the item whose partition key is `name`, or `undefined` when there is no such
   * item. Strings and bytes go through the transform; numbers, maps and lists come back unmarshalled.
   *
   * @example
   * ```ts
   * const url = await table.get('service-url'); // JSONValue | undefined
   * const cfg = await table.get<Config>('config', { transform: 'json', throwOnMissing: true }); // Config
   * ```
   */
  get: TypedGet<DynamoDBGetOptions, JSONValue>['get'];
  /**
   * Retrieves every item of the partition `path` (all pages) as a record of sort key to value. With
   * `transform: 'auto'`, sort keys ending in `.json` or `.binary` pick the transform.
   *
   * @example
   * ```ts
   * const settings = await table.getMultiple('app', { transform: 'auto' }); // Record<string, JSONValue> | undefined
   * ```
   */
  getMultiple: TypedGetMultiple<DynamoDBGetMultipleOptions | undefined, JSONValue>['getMultiple'];
}

/**
 * Reads values from an Amazon DynamoDB table, with the cache of `BaseProvider`. `get(name)` reads the item whose
 * partition key is `name`; `getMultiple(path)` reads every item of the partition `path`, keyed by sort key.
 *
 * @example
 * ```ts
 * import { DynamoDBProvider } from '@paramkit/parameters/dynamodb';
 *
 * const table = new DynamoDBProvider({ tableName: 'config', clientConfig: { region: 'eu-west-1' } });
 * const flags = await table.getMultiple('flags', { transform: 'auto', maxAge: 60 });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface of the same name types get/getMultiple once (TypedGet), BaseProvider implements them
export class DynamoDBProvider extends BaseProvider {
  /** Partition key attribute. @default 'id' */
  protected keyAttr: string;
  /** Sort key attribute, read by `getMultiple`. @default 'sk' */
  protected sortAttr: string;
  /** The table read. */
  protected tableName: string;
  /** Attribute holding the value. @default 'value' */
  protected valueAttr: string;

  /**
   * @throws TypeError when `tableName` is missing or an attribute name is not a non-empty string.
   */
  constructor(config: DynamoDBProviderOptions) {
    // Validated before the base takes the options, so a bad layout fails before any client is set up.
    const layout = resolveTableLayout(config);
    super({ awsSdkV3ClientPrototype: DynamoDBClient, ...config });
    this.tableName = layout.tableName;
    this.keyAttr = layout.keyAttr;
    this.sortAttr = layout.sortAttr;
    this.valueAttr = layout.valueAttr;
  }

  /** The `DynamoDBClient`, created on first use when none was given. */
  declare public client: DynamoDBClient;

  /** A missing item is a missing value; a failure is not (a missing table is not a missing value, as in Powertools). */
  protected override missingValueError(
    name: string,
    options: GetOptionsInterface,
    failure?: unknown,
  ): Error | undefined {
    return failure === undefined ? super.missingValueError(name, options) : undefined;
  }

  protected override async _get(
    name: string,
    options?: NonNullable<DynamoDBGetOptions>,
  ): Promise<JSONValue | undefined> {
    const layout = this.#layout();
    const output = await this.send<GetItemCommandOutput>(
      new GetItemCommand(getItemInput(layout, name, options?.sdkOptions)),
    );
    // Typed as Powertools types it: item values are what `unmarshall` makes of them (sets and bytes too).
    return valueOfItem(layout, output.Item) as JSONValue | undefined;
  }

  protected override async _getMultiple(
    path: string,
    options?: DynamoDBGetMultipleOptions,
  ): Promise<Record<string, JSONValue>> {
    const layout = this.#layout();
    const input = queryInput(layout, path, options?.sdkOptions);
    const values: Record<string, unknown> = {};
    let startKey: Record<string, AttributeValue> | undefined = input.ExclusiveStartKey;
    do {
      const page: QueryCommandOutput = await this.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      addQueryItems(layout, page.Items, values);
      startKey = nextStartKey(page.LastEvaluatedKey);
    } while (startKey !== undefined);
    return values as Record<string, JSONValue>;
  }

  /** Read on each call, since subclasses may set the protected attributes after construction (as in Powertools). */
  #layout(): TableLayout {
    return { tableName: this.tableName, keyAttr: this.keyAttr, sortAttr: this.sortAttr, valueAttr: this.valueAttr };
  }
}
