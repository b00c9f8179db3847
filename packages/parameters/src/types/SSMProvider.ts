import type {
  GetParameterCommandInput,
  GetParametersByPathCommandInput,
  PutParameterCommandInput,
  SSMClient,
  SSMClientConfig,
} from '@aws-sdk/client-ssm';
import type {
  GetMultipleOptionsInterface,
  GetOptionsInterface,
  OutputFromOptions,
  ProviderCacheOptions,
  TransformFunction,
  TransformOptions,
  ValueFromOptions,
} from './BaseProvider.js';
import type { StandardSchemaV1 } from './standardSchema.js';

interface SSMProviderOptionsWithClientConfig extends ProviderCacheOptions {
  /** Configuration of the `SSMClient` the provider creates on first use. */
  clientConfig?: SSMClientConfig;
  awsSdkV3Client?: never;
}

interface SSMProviderOptionsWithClientInstance extends ProviderCacheOptions {
  /** An `SSMClient` to use as it is. */
  awsSdkV3Client?: SSMClient;
  clientConfig?: never;
}

/** Options of `new SSMProvider()`: a client or a client configuration (not both), and cache settings. */
export type SSMProviderOptions = SSMProviderOptionsWithClientConfig | SSMProviderOptionsWithClientInstance;

/** Options of `SSMProvider.get` and `getParameter`. */
export interface SSMGetOptionsBase extends GetOptionsInterface {
  /** Decrypt a `SecureString`. @default false (or `POWERTOOLS_PARAMETERS_SSM_DECRYPT`) */
  decrypt?: boolean;
  sdkOptions?: Partial<GetParameterCommandInput>;
  transform?: Exclude<TransformOptions, 'auto'> | TransformFunction;
}
export interface SSMGetOptionsTransformJson extends SSMGetOptionsBase {
  transform: 'json';
}
export interface SSMGetOptionsTransformBinary extends SSMGetOptionsBase {
  transform: 'binary';
}
export interface SSMGetOptionsTransformFunction extends SSMGetOptionsBase {
  transform: TransformFunction;
}
export interface SSMGetOptionsTransformNone extends SSMGetOptionsBase {
  transform?: never;
}
export type SSMGetOptions =
  | SSMGetOptionsTransformJson
  | SSMGetOptionsTransformBinary
  | SSMGetOptionsTransformFunction
  | SSMGetOptionsTransformNone
  | undefined;

/** The type a value has after the options' schema or transform (or `string`). */
export type SSMValueFromOptions<Options> = ValueFromOptions<Options, string>;

/** What `get` returns: the explicit type argument when given, else the type the options imply. */
export type SSMGetOutput<ExplicitUserProvidedType = undefined, InferredFromOptionsType = undefined> = OutputFromOptions<
  string,
  ExplicitUserProvidedType,
  InferredFromOptionsType
>;

/** Options of `SSMProvider.getMultiple` and `getParameters`. */
export interface SSMGetMultipleOptionsBase extends GetMultipleOptionsInterface {
  sdkOptions?: Partial<GetParametersByPathCommandInput>;
  /** Decrypt `SecureString`s. @default false (or `POWERTOOLS_PARAMETERS_SSM_DECRYPT`) */
  decrypt?: boolean;
  /** Include every level below the path, not only its direct children. @default false */
  recursive?: boolean;
  throwOnTransformError?: boolean;
}
export interface SSMGetMultipleOptionsTransformJson extends SSMGetMultipleOptionsBase {
  transform: 'json';
}
export interface SSMGetMultipleOptionsTransformBinary extends SSMGetMultipleOptionsBase {
  transform: 'binary';
}
export interface SSMGetMultipleOptionsTransformAuto extends SSMGetMultipleOptionsBase {
  transform: 'auto';
}
export interface SSMGetMultipleOptionsTransformFunction extends SSMGetMultipleOptionsBase {
  transform: TransformFunction;
}
export interface SSMGetMultipleOptionsTransformNone extends SSMGetMultipleOptionsBase {
  transform?: never;
}
export type SSMGetMultipleOptions =
  | SSMGetMultipleOptionsTransformJson
  | SSMGetMultipleOptionsTransformBinary
  | SSMGetMultipleOptionsTransformAuto
  | SSMGetMultipleOptionsTransformFunction
  | SSMGetMultipleOptionsTransformNone
  | undefined;

/** What `getMultiple` returns: names relative to the path mapped to values. */
export type SSMGetMultipleOutput<ExplicitUserProvidedType = undefined, InferredFromOptionsType = undefined> = Record<
  string,
  OutputFromOptions<string, ExplicitUserProvidedType, InferredFromOptionsType>
>;

/** Per-name (and global) options of `getParametersByName`. */
export interface SSMGetParametersByNameOptions {
  maxAge?: number;
  /** Throw on the first failure; when false, failed names are listed in `_errors`. @default true */
  throwOnError?: boolean;
  decrypt?: boolean;
  transform?: Exclude<TransformOptions, 'auto'> | TransformFunction;
  schema?: StandardSchemaV1;
}

/** What `getParametersByName` returns: values by name, with `_errors` when `throwOnError` is false. */
export type SSMGetParametersByNameOutput<InferredFromOptionsType = undefined> =
  undefined extends InferredFromOptionsType
    ? Record<string, unknown> & { _errors?: string[] }
    : Record<string, InferredFromOptionsType> & { _errors?: string[] };

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type ParameterTier = 'Standard' | 'Advanced' | 'Intelligent-Tiering';

/** Options of `SSMProvider.set` and `setParameter`. */
export interface SSMSetOptions {
  value: string;
  /** Replace an existing parameter. @default false */
  overwrite?: boolean;
  description?: string;
  /** @default 'String' */
  parameterType?: ParameterType;
  /** @default 'Standard' */
  tier?: ParameterTier;
  kmsKeyId?: string;
  sdkOptions?: Partial<PutParameterCommandInput>;
}

export type { GetMaybeUndefined } from './BaseProvider.js';

/**
 * Shapes Powertools exports from `/ssm/types` for its own internals; kept so that code importing them still
 * compiles after the migration. paramkit does not use them.
 */
export type SSMSplitBatchAndDecryptParametersOutputType = {
  parametersToFetchInBatch: Record<string, SSMGetParametersByNameOptions>;
  parametersToDecrypt: Record<string, SSMGetParametersByNameOptions>;
};
/** See `SSMSplitBatchAndDecryptParametersOutputType`. */
export interface SSMGetParametersByNameOutputInterface {
  response: Record<string, unknown>;
  errors: string[];
}
/** See `SSMSplitBatchAndDecryptParametersOutputType`. */
export type SSMGetParametersByNameFromCacheOutputType = {
  cached: Record<string, string | Record<string, unknown>>;
  toFetch: Record<string, SSMGetParametersByNameOptions>;
};
