import type {
  GetSecretValueCommandInput,
  PutSecretValueCommandInput,
  SecretsManagerClient,
  SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import type {
  GetOptionsInterface,
  OutputFromOptions,
  ProviderCacheOptions,
  TransformFunction,
  TransformOptions,
  ValueFromOptions,
} from './BaseProvider.js';
import type { StandardSchemaV1 } from './standardSchema.js';

/** Options only `SecretsProvider` takes. */
interface SecretsProviderOwnOptions extends ProviderCacheOptions {
  /**
   * Ties each cached secret to its rotation: its cached life never runs past the `NextRotationDate` that
   * `DescribeSecret` reports (itself cached up to 5 minutes, or until that date), so a rotation is seen within
   * seconds, not a `maxAge` later. Costs one `DescribeSecret` per secret and check, and needs
   * `secretsmanager:DescribeSecret`; without it nothing is capped. @default false
   */
  rotationAware?: boolean;
}

interface SecretsProviderOptionsWithClientConfig extends SecretsProviderOwnOptions {
  /** Configuration of the `SecretsManagerClient` the provider creates on first use. */
  clientConfig?: SecretsManagerClientConfig;
  awsSdkV3Client?: never;
}

interface SecretsProviderOptionsWithClientInstance extends SecretsProviderOwnOptions {
  /** A `SecretsManagerClient` to use as it is. */
  awsSdkV3Client?: SecretsManagerClient;
  clientConfig?: never;
}

/** Options of `new SecretsProvider()`: a client or a client configuration (not both), and cache settings. */
export type SecretsProviderOptions = SecretsProviderOptionsWithClientConfig | SecretsProviderOptionsWithClientInstance;

/** Options of `SecretsProvider.get` and `getSecret`. */
export interface SecretsGetOptionsBase extends GetOptionsInterface {
  /**
   * Extra `GetSecretValue` input. `VersionId` and `VersionStage` select a version and are part of the cache key;
   * no selector and `VersionStage: 'AWSCURRENT'` read (and cache) the same value.
   */
  sdkOptions?: Omit<Partial<GetSecretValueCommandInput>, 'SecretId'>;
  transform?: Exclude<TransformOptions, 'auto'> | TransformFunction;
}
export interface SecretsGetOptionsTransformJson extends SecretsGetOptionsBase {
  transform: 'json';
}
export interface SecretsGetOptionsTransformBinary extends SecretsGetOptionsBase {
  transform: 'binary';
}
export interface SecretsGetOptionsTransformFunction extends SecretsGetOptionsBase {
  transform: TransformFunction;
}
export interface SecretsGetOptionsTransformNone extends SecretsGetOptionsBase {
  transform?: never;
}
export type SecretsGetOptions =
  | SecretsGetOptionsTransformNone
  | SecretsGetOptionsTransformJson
  | SecretsGetOptionsTransformBinary
  | SecretsGetOptionsTransformFunction
  | undefined;

/**
 * The type a secret has after the options' schema or transform: the schema's output, the function's return type,
 * a JSON value for `json`, text for `binary`, and otherwise `string` (`SecretString`) or `Uint8Array`
 * (`SecretBinary`).
 */
export type SecretsValueFromOptions<Options> = ValueFromOptions<Options, string | Uint8Array>;

/** What `get` returns: the explicit type argument when given, else the type the options imply. */
export type SecretsGetOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = OutputFromOptions<string | Uint8Array, ExplicitUserProvidedType, InferredFromOptionsType>;

/** Options of one secret in `getSecretsByName` (and the defaults for all of them). */
export interface SecretsGetSecretsByNameEntryOptions {
  /** Seconds a cached value stays fresh; `0` skips the cache. @default 5 (or `POWERTOOLS_PARAMETERS_MAX_AGE`) */
  maxAge?: number;
  transform?: Exclude<TransformOptions, 'auto'> | TransformFunction;
  schema?: StandardSchemaV1;
}

/** Options of the whole `getSecretsByName` call: defaults for every secret, and error handling. */
export interface SecretsGetSecretsByNameOptions extends SecretsGetSecretsByNameEntryOptions {
  /** Throw when any secret fails; when false, failed names are listed in `_errors`. @default true */
  throwOnError?: boolean;
}

/** What `getSecretsByName` returns: values by the names (or ARNs) asked for, with `_errors` when `throwOnError` is false. */
export type SecretsGetSecretsByNameOutput<ExplicitUserProvidedType = undefined> =
  undefined extends ExplicitUserProvidedType
    ? Record<string, unknown> & { _errors?: string[] }
    : Record<string, ExplicitUserProvidedType> & { _errors?: string[] };

/** Options of `SecretsProvider.set`. */
export interface SecretsSetOptions {
  /** The new value: text becomes `SecretString`, bytes become `SecretBinary`. */
  value: string | Uint8Array;
  /** Create the secret (`CreateSecret`) when it does not exist yet. @default false */
  createIfMissing?: boolean;
  /** Description of a secret this call creates; an existing secret's description is left alone. */
  description?: string;
  /** KMS key of a secret this call creates; an existing secret keeps its key. */
  kmsKeyId?: string;
  /** Extra `PutSecretValue` input, e.g. `ClientRequestToken` or `VersionStages`. */
  sdkOptions?: Omit<Partial<PutSecretValueCommandInput>, 'SecretId' | 'SecretString' | 'SecretBinary'>;
}

/** Options of the `setSecret` helper: those of `SecretsProvider.set` without the value, which is an argument. */
export type SetSecretOptions = Omit<SecretsSetOptions, 'value'>;

export type { GetMaybeUndefined } from './BaseProvider.js';
