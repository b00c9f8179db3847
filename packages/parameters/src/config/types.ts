import type { AppConfigProvider } from '../appconfig/AppConfigProvider.js';
import type { DynamoDBProvider } from '../dynamodb/DynamoDBProvider.js';
import type { SecretsProvider } from '../secrets/SecretsProvider.js';
import type { SSMProvider } from '../ssm/SSMProvider.js';
import type { AppConfigSessionOptions } from '../types/AppConfigProvider.js';
import type { TransformFunction, ValueFromOptions } from '../types/BaseProvider.js';
import type { JSONValue } from '../types/json.js';
import type { StandardSchemaV1 } from '../types/standardSchema.js';

/** The service an entry is read from, as `describe()` names it. */
export type ConfigService = 'ssm' | 'secrets' | 'appconfig' | 'dynamodb';

/** Options every entry takes. */
export interface EntryOptions {
  /** Seconds the value stays cached. @default the declaration's `maxAge`, else the provider's (5 s or `POWERTOOLS_PARAMETERS_MAX_AGE`) */
  maxAge?: number;
  /** `'json'`, `'binary'` (base64 to text) or a function of your own, as in the providers' `get`. */
  transform?: 'json' | 'binary' | TransformFunction;
  /** A Standard Schema validator (zod, valibot, arktype, ...) run after the transform; its output is the value. */
  schema?: StandardSchemaV1;
  /** The environment variable `toEnv` writes the value to. @default the key in SCREAMING_SNAKE_CASE (`dbUrl` → `DB_URL`) */
  env?: string;
  /**
   * Whether the value is a secret, for tools that show values (`describe().sensitive`): `paramkit export` and `env`
   * hide sensitive values on a terminal. Nothing in the loading changes. @default `true` for `secret()`, `false` for
   * `appConfig()` and `dynamodb()`; for `ssm()`, the parameter's type decides (a `SecureString` is sensitive)
   */
  sensitive?: boolean;
}

/** Options of an `ssm()` entry. */
export interface SsmEntryOptions extends EntryOptions {
  /** Decrypt a `SecureString`. @default the declaration's `decrypt`, else `true` */
  decrypt?: boolean;
}

/** Options of a `secret()` entry. A version selector reads that version with `GetSecretValue` (the batch call reads only AWSCURRENT). */
export interface SecretEntryOptions extends EntryOptions {
  versionId?: string;
  versionStage?: string;
}

/** Where an `appConfig()` entry lives. */
export interface AppConfigTarget {
  /** The application's name or id. @default `POWERTOOLS_SERVICE_NAME` */
  application?: string;
  /** The environment's name or id. */
  environment: string;
  /** The configuration profile's name or id. */
  profile: string;
}

/** Options of an `appConfig()` entry. */
export interface AppConfigEntryOptions extends EntryOptions {
  /** Extra `StartConfigurationSession` input, such as `RequiredMinimumPollIntervalInSeconds`. */
  sdkOptions?: AppConfigSessionOptions;
}

/** Where a `dynamodb()` entry lives: the item whose partition key is `name`, in the table's layout. */
export interface DynamoDBTarget {
  tableName: string;
  /** The partition key value of the item. */
  name: string;
  /** @default 'id' */
  keyAttr?: string;
  /** @default 'value' */
  valueAttr?: string;
}

/** What an entry is, as data: what `describe()` lists and the loader reads. */
export type EntrySpec =
  | { service: 'ssm'; name: string; optional: boolean; options: SsmEntryOptions }
  | { service: 'secrets'; name: string; optional: boolean; options: SecretEntryOptions }
  | {
      service: 'appconfig';
      name: string;
      optional: boolean;
      options: AppConfigEntryOptions;
      target: Required<AppConfigTarget>;
    }
  | { service: 'dynamodb'; name: string; optional: boolean; options: EntryOptions; target: DynamoDBTarget };

/**
 * One declared value: where it lives and how it is read. `Value` is what `get()` returns for it; `Optional` says
 * whether a missing value is `undefined` rather than a failure.
 */
export interface ConfigEntry<Value = unknown, Optional extends boolean = boolean> {
  /** The entry as data. */
  readonly spec: EntrySpec;
  /** The same entry, but a value that does not exist is `undefined` instead of a failure. Other failures still fail. */
  optional(): ConfigEntry<Value, true>;
  /** Type-level only: the value's type. */
  readonly '~value'?: Value;
  /** Type-level only: whether the entry is optional. */
  readonly '~optional'?: Optional;
}

/** The entries of a declaration, by key. */
// biome-ignore lint/suspicious/noExplicitAny: any entry, whatever its value type
export type ConfigEntries = Readonly<Record<string, ConfigEntry<any, boolean>>>;

/** The value type of one entry: its transform's or schema's output, `| undefined` when optional. */
export type EntryValue<Entry> =
  Entry extends ConfigEntry<infer Value, infer Optional> ? (true extends Optional ? Value | undefined : Value) : never;

/** What `get()` resolves to: every key with its entry's value type. */
export type ConfigValues<Entries extends ConfigEntries> = {
  -readonly [Key in keyof Entries]: EntryValue<Entries[Key]>;
};

/** The value type an entry's options give, over the service's untransformed type. */
export type ValueOf<Options, Untransformed> = ValueFromOptions<Options, Untransformed>;

/** Untransformed types: SSM text, secret text or bytes, AppConfig bytes, a DynamoDB attribute as JSON. */
export type SsmRaw = string;
export type SecretRaw = string | Uint8Array;
export type AppConfigRaw = Uint8Array;
export type DynamoDBRaw = JSONValue;

/** Why an entry failed: it does not exist, its value failed the transform or schema, or the call failed. */
export type ConfigFailureReason = 'not-found' | 'invalid-value' | 'fetch-failed';

/** One entry that could not be loaded. Never holds a value. */
export interface ConfigFailure {
  readonly key: string;
  readonly service: ConfigService;
  readonly name: string;
  readonly reason: ConfigFailureReason;
  /** The error behind it: a `ParameterNotFoundError`, `TransformParameterError`, `SchemaValidationError` or `GetParameterError` (SDK error as its `cause`). */
  readonly cause: unknown;
}

/** What `get({ throwOnError: false })` resolves to: what loaded, and what did not. */
export interface ConfigResult<Values> {
  readonly values: Partial<Values>;
  readonly failures: readonly ConfigFailure[];
}

/** One line of `describe()`. */
export interface ConfigEntryDescription {
  readonly key: string;
  readonly service: ConfigService;
  /** The parameter name, secret id, `application/environment/profile`, or `table/name`. */
  readonly name: string;
  readonly optional: boolean;
  /** The environment variable `toEnv` writes. */
  readonly envName: string;
  /**
   * Whether the value is a secret: the entry's `sensitive` option, else `true` for a secret, `false` for AppConfig
   * and DynamoDB, and `undefined` for an SSM parameter, which is sensitive when its type is `SecureString` (known
   * only once it is read).
   */
  readonly sensitive: boolean | undefined;
}

/** Providers to read through instead of the shared ones of the helper functions (`getParameter`, `getSecret`, ...). */
export interface ConfigProviders {
  ssm?: SSMProvider;
  secrets?: SecretsProvider;
  appConfig?: AppConfigProvider;
  /** A provider, or a function giving the provider of a table. @default one provider per table layout, shared in the process */
  dynamodb?: DynamoDBProvider | ((target: DynamoDBTarget) => DynamoDBProvider);
}

/**
 * How secrets are read. `'auto'`: two or more AWSCURRENT secrets go in `BatchGetSecretValue` calls of up to 20
 * (one round trip), falling back to `GetSecretValue` per secret when the batch call is throttled or not allowed;
 * `'never'`: `GetSecretValue` per secret (in parallel), for fleets that could exceed the batch call's 100 TPS.
 */
export type SecretsBatchMode = 'auto' | 'never';

/** Options of `defineConfig`. */
export interface ConfigOptions {
  /** Default `maxAge` (seconds) of every entry. @default the provider's (5 s or `POWERTOOLS_PARAMETERS_MAX_AGE`) */
  maxAge?: number;
  /** `false`: `get()` resolves to `{ values, failures }` instead of rejecting with a `ConfigError`. @default true */
  throwOnError?: boolean;
  /** Start loading at once (module scope, Lambda INIT), as `prefetch()` does. @default false */
  prefetch?: boolean;
  /** Default `decrypt` of SSM entries. @default true */
  decrypt?: boolean;
  /** @default 'auto' */
  secretsBatch?: SecretsBatchMode;
  /** Put before every default environment variable name (`APP_` gives `APP_DB_URL`). @default '' */
  envPrefix?: string;
  providers?: ConfigProviders;
  /** Clock in ms, for tests; it times how long a missing optional entry is taken as missing. @default Date.now */
  now?: () => number;
}

/** Options of one `get()`. */
export interface GetConfigOptions {
  /** Overrides the declaration's `throwOnError` for this call. */
  throwOnError?: boolean;
}

/** Options of `toEnv()`. */
export interface ToEnvOptions {
  /** The object to write to. @default process.env */
  env?: Record<string, string | undefined>;
  /** Overwrite variables that were set before (not by this declaration). @default false */
  override?: boolean;
}
