import type {
  DynamoDBClient,
  DynamoDBClientConfig,
  GetItemCommandInput,
  QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type {
  GetMultipleOptionsInterface,
  GetOptionsInterface,
  OutputFromOptions,
  ProviderCacheOptions,
  TransformFunction,
  TransformOptions,
  ValueFromOptions,
} from './BaseProvider.js';
import type { JSONValue } from './json.js';

/** Where the values live: the table and the names of its attributes. */
interface DynamoDBProviderOptionsBase extends ProviderCacheOptions {
  /** Name of the table to read. Required. */
  tableName: string;
  /** Partition key attribute: the `name` of `get`, the `path` of `getMultiple`. @default 'id' */
  keyAttr?: string;
  /** Sort key attribute: the names `getMultiple` returns. @default 'sk' */
  sortAttr?: string;
  /** Attribute holding the value. @default 'value' */
  valueAttr?: string;
}

interface DynamoDBProviderOptionsWithClientConfig extends DynamoDBProviderOptionsBase {
  /** Configuration of the `DynamoDBClient` the provider creates on first use. */
  clientConfig?: DynamoDBClientConfig;
  awsSdkV3Client?: never;
}

interface DynamoDBProviderOptionsWithClientInstance extends DynamoDBProviderOptionsBase {
  /** A `DynamoDBClient` to use as it is. */
  awsSdkV3Client?: DynamoDBClient;
  clientConfig?: never;
}

/**
 * Options of `new DynamoDBProvider()`: the table, its attribute names, a client or a client configuration (not
 * both), and cache settings.
 *
 * @example
 * ```ts
 * import type { DynamoDBProviderOptions } from '@paramkit/parameters/dynamodb/types';
 * const options: DynamoDBProviderOptions = { tableName: 'config', valueAttr: 'val', maxEntries: 100 };
 * ```
 */
export type DynamoDBProviderOptions =
  | DynamoDBProviderOptionsWithClientConfig
  | DynamoDBProviderOptionsWithClientInstance;

/** Options of `DynamoDBProvider.get`. */
export interface DynamoDBGetOptionsBase extends GetOptionsInterface {
  /** Extra `GetItem` input, such as `ConsistentRead`; the key, table and projection are the provider's. */
  sdkOptions?: Omit<Partial<GetItemCommandInput>, 'Key' | 'TableName' | 'ProjectionExpression'>;
  transform?: Exclude<TransformOptions, 'auto'> | TransformFunction;
}
export interface DynamoDBGetOptionsTransformJson extends DynamoDBGetOptionsBase {
  transform: 'json';
}
export interface DynamoDBGetOptionsTransformBinary extends DynamoDBGetOptionsBase {
  transform: 'binary';
}
export interface DynamoDBGetOptionsTransformFunction extends DynamoDBGetOptionsBase {
  transform: TransformFunction;
}
export interface DynamoDBGetOptionsTransformNone extends DynamoDBGetOptionsBase {
  transform?: never;
}

/**
 * Options of `DynamoDBProvider.get`, one member per kind of transform so that the return type can follow it.
 *
 * @example
 * ```ts
 * import type { DynamoDBGetOptions } from '@paramkit/parameters/dynamodb/types';
 * const options: DynamoDBGetOptions = { transform: 'json', sdkOptions: { ConsistentRead: true } };
 * ```
 */
export type DynamoDBGetOptions =
  | DynamoDBGetOptionsTransformNone
  | DynamoDBGetOptionsTransformJson
  | DynamoDBGetOptionsTransformBinary
  | DynamoDBGetOptionsTransformFunction
  | undefined;

/**
 * The type a value has after the options' schema or transform. Without either it is any JSON value, as in
 * Powertools: an attribute may hold a number or a map, which comes back unmarshalled, not as text.
 *
 * @example
 * ```ts
 * type Parsed = DynamoDBValueFromOptions<{ transform: 'binary' }>; // string
 * ```
 */
export type DynamoDBValueFromOptions<Options> = ValueFromOptions<Options, JSONValue>;

/**
 * What `get` returns (before `| undefined`): the explicit type argument when given, else the type the options
 * imply.
 *
 * @example
 * ```ts
 * type Value = DynamoDBGetOutput<undefined, { transform: 'json' }>; // JSONValue
 * ```
 */
export type DynamoDBGetOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = OutputFromOptions<JSONValue, ExplicitUserProvidedType, InferredFromOptionsType>;

/** Options of `DynamoDBProvider.getMultiple`. */
export interface DynamoDBGetMultipleOptionsBase extends GetMultipleOptionsInterface {
  /**
   * Extra `Query` input, such as `ConsistentRead`, `Limit` (the page size; every page is read) or a
   * `FilterExpression` with its own attribute names and values. The key condition, table and projection are the
   * provider's.
   */
  sdkOptions?: Partial<QueryCommandInput>;
}
export interface DynamoDBGetMultipleOptionsTransformJson extends DynamoDBGetMultipleOptionsBase {
  transform: 'json';
}
export interface DynamoDBGetMultipleOptionsTransformBinary extends DynamoDBGetMultipleOptionsBase {
  transform: 'binary';
}
export interface DynamoDBGetMultipleOptionsTransformAuto extends DynamoDBGetMultipleOptionsBase {
  transform: 'auto';
}
export interface DynamoDBGetMultipleOptionsTransformFunction extends DynamoDBGetMultipleOptionsBase {
  transform: TransformFunction;
}
export interface DynamoDBGetMultipleOptionsTransformNone extends DynamoDBGetMultipleOptionsBase {
  transform?: never;
}

/**
 * Options of `DynamoDBProvider.getMultiple`, one member per kind of transform.
 *
 * @example
 * ```ts
 * import type { DynamoDBGetMultipleOptions } from '@paramkit/parameters/dynamodb/types';
 * const options: DynamoDBGetMultipleOptions = { transform: 'auto', sdkOptions: { Limit: 50 } };
 * ```
 */
export type DynamoDBGetMultipleOptions =
  | DynamoDBGetMultipleOptionsTransformJson
  | DynamoDBGetMultipleOptionsTransformBinary
  | DynamoDBGetMultipleOptionsTransformAuto
  | DynamoDBGetMultipleOptionsTransformFunction
  | DynamoDBGetMultipleOptionsTransformNone;

/**
 * What `getMultiple` returns (before `| undefined`): sort keys mapped to values. Powertools types the whole
 * result as one JSON value; here it is a record, so `values.someKey` needs no cast.
 *
 * @example
 * ```ts
 * type Values = DynamoDBGetMultipleOutput<undefined, { transform: 'binary' }>; // Record<string, string>
 * ```
 */
export type DynamoDBGetMultipleOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = Record<string, OutputFromOptions<JSONValue, ExplicitUserProvidedType, InferredFromOptionsType>>;

export type { GetMaybeUndefined } from './BaseProvider.js';
