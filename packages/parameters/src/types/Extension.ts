import type {
  GetMultipleOptionsInterface,
  GetOptionsInterface,
  OutputFromOptions,
  ProviderCacheOptions,
  TransformFunction,
  TransformOptions,
  ValueFromOptions,
} from './BaseProvider.js';

export type { GetMaybeUndefined } from './BaseProvider.js';

/** Where the extension (the AWS one, or `paramkit-agent`) listens and how to talk to it. */
export interface ExtensionConnectionOptions {
  /** Port of the extension. @default PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, else 2773 */
  port?: number;
  /** Host of the extension. @default 'localhost' */
  host?: string;
  /** Value of the `X-Aws-Parameters-Secrets-Token` header. @default process.env.AWS_SESSION_TOKEN */
  token?: string;
  /** Milliseconds to wait for one answer. @default 5000 */
  timeoutMs?: number;
  /**
   * Most requests in flight at once, so parallel reads stay within AWS's extension's connection setting
   * (paramkit's agent queues them instead). @default PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS, else 3
   */
  maxConcurrency?: number;
}

/** Options of `new ExtensionSecretsProvider()` and `new ExtensionSSMProvider()`: connection and cache settings. */
export interface ExtensionProviderOptions extends ProviderCacheOptions, ExtensionConnectionOptions {}

/** Which version of a secret to read (at most one of the two is usually given). */
export interface ExtensionSecretVersion {
  /** `versionId` of the request. */
  VersionId?: string;
  /** `versionStage` of the request, e.g. `AWSPREVIOUS`. */
  VersionStage?: string;
}

/** Options of `ExtensionSecretsProvider.get` and `getSecret`. */
export interface ExtensionSecretsGetOptionsBase extends GetOptionsInterface {
  /** The version to read; part of the cache key. */
  sdkOptions?: ExtensionSecretVersion;
  transform?: Exclude<TransformOptions, 'auto'> | TransformFunction;
}
export interface ExtensionSecretsGetOptionsTransformJson extends ExtensionSecretsGetOptionsBase {
  transform: 'json';
}
export interface ExtensionSecretsGetOptionsTransformBinary extends ExtensionSecretsGetOptionsBase {
  transform: 'binary';
}
export interface ExtensionSecretsGetOptionsTransformFunction extends ExtensionSecretsGetOptionsBase {
  transform: TransformFunction;
}
export interface ExtensionSecretsGetOptionsTransformNone extends ExtensionSecretsGetOptionsBase {
  transform?: never;
}
export type ExtensionSecretsGetOptions =
  | ExtensionSecretsGetOptionsTransformNone
  | ExtensionSecretsGetOptionsTransformJson
  | ExtensionSecretsGetOptionsTransformBinary
  | ExtensionSecretsGetOptionsTransformFunction
  | undefined;

/** Options of `ExtensionSSMProvider.get` and `getParameter`. Names may carry a selector (`/app/db:3`). */
export interface ExtensionSSMGetOptionsBase extends GetOptionsInterface {
  /** Decrypt a `SecureString`. @default false (or `POWERTOOLS_PARAMETERS_SSM_DECRYPT`) */
  decrypt?: boolean;
  sdkOptions?: never;
  transform?: Exclude<TransformOptions, 'auto'> | TransformFunction;
}
export interface ExtensionSSMGetOptionsTransformJson extends ExtensionSSMGetOptionsBase {
  transform: 'json';
}
export interface ExtensionSSMGetOptionsTransformBinary extends ExtensionSSMGetOptionsBase {
  transform: 'binary';
}
export interface ExtensionSSMGetOptionsTransformFunction extends ExtensionSSMGetOptionsBase {
  transform: TransformFunction;
}
export interface ExtensionSSMGetOptionsTransformNone extends ExtensionSSMGetOptionsBase {
  transform?: never;
}
export type ExtensionSSMGetOptions =
  | ExtensionSSMGetOptionsTransformNone
  | ExtensionSSMGetOptionsTransformJson
  | ExtensionSSMGetOptionsTransformBinary
  | ExtensionSSMGetOptionsTransformFunction
  | undefined;

/** Options of `ExtensionSSMProvider.getMultiple` and `getParameters` (paramkit-agent's `get-by-path`). */
export interface ExtensionSSMGetMultipleOptions extends GetMultipleOptionsInterface {
  /** Decrypt `SecureString` values. @default false (or `POWERTOOLS_PARAMETERS_SSM_DECRYPT`) */
  decrypt?: boolean;
  /** Include parameters in nested paths. @default false */
  recursive?: boolean;
  sdkOptions?: never;
}

/** The type a value has after the options' schema or transform; `Raw` otherwise. */
export type ExtensionValueFromOptions<Options, Raw> = ValueFromOptions<Options, Raw>;

/** What `get` returns: the explicit type argument when given, else the type the options imply. */
export type ExtensionGetOutput<
  Raw,
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = OutputFromOptions<Raw, ExplicitUserProvidedType, InferredFromOptionsType>;

/** A secret: `SecretString` as text, `SecretBinary` as bytes. */
export type ExtensionSecretsGetOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = ExtensionGetOutput<string | Uint8Array, ExplicitUserProvidedType, InferredFromOptionsType>;

/** A parameter's value. */
export type ExtensionSSMGetOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = ExtensionGetOutput<string, ExplicitUserProvidedType, InferredFromOptionsType>;

/** Values under a path, keyed by name relative to the path. */
export type ExtensionSSMGetMultipleOutput<
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = Record<string, ExtensionGetOutput<string, ExplicitUserProvidedType, InferredFromOptionsType>>;
