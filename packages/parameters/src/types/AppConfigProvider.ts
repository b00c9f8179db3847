import type {
  AppConfigDataClient,
  AppConfigDataClientConfig,
  StartConfigurationSessionCommandInput,
} from '@aws-sdk/client-appconfigdata';
import type {
  GetOptionsInterface,
  OutputFromOptions,
  ProviderCacheOptions,
  TransformFunction,
  ValueFromOptions,
} from './BaseProvider.js';

/** What every form of `AppConfigProviderOptions` has: where the configuration lives, and cache settings. */
interface AppConfigProviderOptionsBase extends ProviderCacheOptions {
  /** The environment's name or id. */
  environment: string;
  /** The application's name or id. @default the `POWERTOOLS_SERVICE_NAME` environment variable */
  application?: string;
}

interface AppConfigProviderOptionsWithClientConfig extends AppConfigProviderOptionsBase {
  /** Configuration of the `AppConfigDataClient` the provider creates on first use. */
  clientConfig?: AppConfigDataClientConfig;
  awsSdkV3Client?: never;
}

interface AppConfigProviderOptionsWithClientInstance extends AppConfigProviderOptionsBase {
  /** An `AppConfigDataClient` to use as it is. */
  awsSdkV3Client?: AppConfigDataClient;
  clientConfig?: never;
}

/**
 * Options of `new AppConfigProvider()`: the environment (and application), a client or a client configuration
 * (not both), and cache settings.
 *
 * @example
 * ```ts
 * const options: AppConfigProviderOptions = { application: 'shop', environment: 'prod', maxEntries: 100 };
 * ```
 */
export type AppConfigProviderOptions =
  | AppConfigProviderOptionsWithClientConfig
  | AppConfigProviderOptionsWithClientInstance;

/** `StartConfigurationSession` input besides the three identifiers, which the provider sets. */
export type AppConfigSessionOptions = Omit<
  Partial<StartConfigurationSessionCommandInput>,
  'ApplicationIdentifier' | 'EnvironmentIdentifier' | 'ConfigurationProfileIdentifier'
>;

/** Options of `AppConfigProvider.get`. */
export interface AppConfigGetOptionsBase extends GetOptionsInterface {
  /**
   * Extra `StartConfigurationSession` input, such as `RequiredMinimumPollIntervalInSeconds`. It is used when a
   * session starts (the first call for a profile, and after a token expired) and is not part of the cache key.
   */
  sdkOptions?: AppConfigSessionOptions;
  /** `'json'`, `'binary'` (base64 text to a string) or a function of your own. */
  transform?: 'json' | 'binary' | TransformFunction;
  /** Reads from this application instead of the provider's (paramkit only). */
  application?: string;
  /** Reads from this environment instead of the provider's (paramkit only). */
  environment?: string;
}
export interface AppConfigGetOptionsTransformJson extends AppConfigGetOptionsBase {
  transform: 'json';
}
export interface AppConfigGetOptionsTransformBinary extends AppConfigGetOptionsBase {
  transform: 'binary';
}
export interface AppConfigGetOptionsTransformFunction extends AppConfigGetOptionsBase {
  transform: TransformFunction;
}
export interface AppConfigGetOptionsTransformNone extends AppConfigGetOptionsBase {
  transform?: never;
}

/**
 * Options of `AppConfigProvider.get`.
 *
 * @example
 * ```ts
 * const options: AppConfigGetOptions = { transform: 'json', maxAge: 30 };
 * ```
 */
export type AppConfigGetOptions =
  | AppConfigGetOptionsTransformNone
  | AppConfigGetOptionsTransformJson
  | AppConfigGetOptionsTransformBinary
  | AppConfigGetOptionsTransformFunction
  | undefined;

/** The type a configuration has after the options' schema or transform: bytes when there is neither. */
export type AppConfigValueFromOptions<Options> = ValueFromOptions<Options, Uint8Array>;

/**
 * What `get` returns: the explicit type argument when given, else the type the options imply (`Uint8Array`
 * without a transform, `JSONValue` for `json`, `string` for `binary`).
 *
 * @example
 * ```ts
 * type Flags = AppConfigGetOutput<undefined, { transform: 'json' }>; // JSONValue
 * ```
 */
export type AppConfigGetOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = OutputFromOptions<Uint8Array, ExplicitUserProvidedType, InferredFromOptionsType>;

/**
 * Options of `getAppConfig`: where to read (`environment`, and `application` unless `POWERTOOLS_SERVICE_NAME` names
 * it) and the options of `get`.
 *
 * @example
 * ```ts
 * const options: GetAppConfigOptions = { application: 'shop', environment: 'prod', transform: 'json' };
 * ```
 */
export type GetAppConfigOptions = { environment: string; application?: string } & AppConfigGetOptions;

export type { GetMaybeUndefined } from './BaseProvider.js';
