import { resolveApplication } from '../appconfig/identifiers.js';
import type {
  AppConfigEntryOptions,
  AppConfigRaw,
  AppConfigTarget,
  ConfigEntry,
  DynamoDBRaw,
  DynamoDBTarget,
  EntryOptions,
  EntrySpec,
  SecretEntryOptions,
  SecretRaw,
  SsmEntryOptions,
  SsmRaw,
  ValueOf,
} from './types.js';

const ENTRY = Symbol.for('paramkit.configEntry');

// The options each builder takes: any other key is refused, so that a typo (`maxage`) is not silently ignored.
const COMMON_OPTIONS = ['maxAge', 'transform', 'schema', 'env', 'sensitive'] as const;
const SSM_OPTIONS = [...COMMON_OPTIONS, 'decrypt'] as const;
const SECRET_OPTIONS = [...COMMON_OPTIONS, 'versionId', 'versionStage'] as const;
const APPCONFIG_OPTIONS = [...COMMON_OPTIONS, 'sdkOptions'] as const;

/**
 * Declares an SSM Parameter Store parameter. SSM entries are read together with `GetParameters`, ten names a call,
 * the calls in parallel.
 *
 * @example
 * ```ts
 * import { defineConfig, ssm } from '@paramkit/parameters/config';
 * const config = defineConfig({ dbUrl: ssm('/app/db-url'), limits: ssm('/app/limits', { transform: 'json' }) });
 * ```
 */
export function ssm<const Options extends SsmEntryOptions = SsmEntryOptions>(
  name: string,
  options?: Options,
): ConfigEntry<ValueOf<Options, SsmRaw>, false> {
  checkName(name, 'ssm', 'parameter name');
  return makeEntry({ service: 'ssm', name, optional: false, options: copyOptions(options, 'ssm', name, SSM_OPTIONS) });
}

/**
 * Declares a Secrets Manager secret by name or ARN: its AWSCURRENT version, or the one `versionId`/`versionStage`
 * select. Untransformed, a secret is text (`SecretString`) or bytes (`SecretBinary`).
 *
 * @example
 * ```ts
 * import { defineConfig, secret } from '@paramkit/parameters/config';
 * const config = defineConfig({ db: secret('prod/db', { transform: 'json' }) });
 * ```
 */
export function secret<const Options extends SecretEntryOptions = SecretEntryOptions>(
  id: string,
  options?: Options,
): ConfigEntry<ValueOf<Options, SecretRaw>, false> {
  checkName(id, 'secret', 'secret name or ARN');
  return makeEntry({
    service: 'secrets',
    name: id,
    optional: false,
    options: copyOptions(options, 'secret', id, SECRET_OPTIONS),
  });
}

/**
 * Declares an AppConfig configuration profile, read through its own AppConfigData session. Untransformed, it is
 * bytes; `transform: 'json'` parses it.
 *
 * @example
 * ```ts
 * import { appConfig, defineConfig } from '@paramkit/parameters/config';
 * const config = defineConfig({
 *   flags: appConfig({ application: 'shop', environment: 'prod', profile: 'flags' }, { transform: 'json' }),
 * });
 * ```
 */
export function appConfig<const Options extends AppConfigEntryOptions = AppConfigEntryOptions>(
  target: AppConfigTarget,
  options?: Options,
): ConfigEntry<ValueOf<Options, AppConfigRaw>, false> {
  if (target === null || typeof target !== 'object') {
    throw new TypeError('appConfig() expects { application?, environment, profile }');
  }
  const application = resolveApplication(target.application, TypeError);
  checkName(application, 'appConfig', 'application');
  checkName(target.environment, 'appConfig', 'environment');
  checkName(target.profile, 'appConfig', 'profile');
  const resolved = { application, environment: target.environment, profile: target.profile };
  const name = `${application}/${target.environment}/${target.profile}`;
  return makeEntry({
    service: 'appconfig',
    name,
    optional: false,
    options: copyOptions(options, 'appConfig', name, APPCONFIG_OPTIONS),
    target: resolved,
  });
}

/**
 * Declares the value attribute of one DynamoDB item (the item whose partition key is `name`). Untransformed,
 * strings and bytes go through the transform, and numbers, maps and lists come back unmarshalled.
 *
 * @example
 * ```ts
 * import { defineConfig, dynamodb } from '@paramkit/parameters/config';
 * const config = defineConfig({ serviceUrl: dynamodb({ tableName: 'config', name: 'service-url' }) });
 * ```
 */
export function dynamodb<const Options extends EntryOptions = EntryOptions>(
  target: DynamoDBTarget,
  options?: Options,
): ConfigEntry<ValueOf<Options, DynamoDBRaw>, false> {
  if (target === null || typeof target !== 'object') {
    throw new TypeError('dynamodb() expects { tableName, name, keyAttr?, valueAttr? }');
  }
  checkName(target.tableName, 'dynamodb', 'tableName');
  checkName(target.name, 'dynamodb', 'name');
  const name = `${target.tableName}/${target.name}`;
  return makeEntry({
    service: 'dynamodb',
    name,
    optional: false,
    options: copyOptions(options, 'dynamodb', name, COMMON_OPTIONS),
    target: { ...target },
  });
}

/**
 * Whether a value is an entry made by `ssm()`, `secret()`, `appConfig()` or `dynamodb()` (of any copy of the package).
 *
 * @example
 * ```ts
 * import { isConfigEntry, ssm } from '@paramkit/parameters/config';
 * isConfigEntry(ssm('/app/url')); // true
 * ```
 */
export function isConfigEntry(value: unknown): value is ConfigEntry {
  return typeof value === 'object' && value !== null && (value as { [ENTRY]?: unknown })[ENTRY] === true;
}

function makeEntry<Value>(spec: EntrySpec): ConfigEntry<Value, false> {
  const frozen = Object.freeze(spec);
  const entry = {
    spec: frozen,
    optional: () => makeEntry({ ...frozen, optional: true }),
    [ENTRY]: true,
  };
  return Object.freeze(entry) as unknown as ConfigEntry<Value, false>;
}

function checkName(value: unknown, builder: string, what: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${builder}(): the ${what} must be a non-empty string`);
  }
}

function copyOptions<Options extends object>(
  options: Options | undefined,
  builder: string,
  name: string,
  known: readonly string[],
): Options {
  if (options === undefined) return {} as Options;
  const at = `${builder}('${name}')`;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${at}: options must be an object`);
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) throw new TypeError(`${at}: unknown option '${key}' (options: ${known.join(', ')})`);
  }
  for (const key of ['decrypt']) {
    if (given[key] !== undefined && typeof given[key] !== 'boolean') {
      throw new TypeError(`${at}: ${key} must be true or false`);
    }
  }
  for (const key of ['env', 'versionId', 'versionStage']) {
    if (given[key] !== undefined && (typeof given[key] !== 'string' || given[key] === '')) {
      throw new TypeError(`${at}: ${key} must be a non-empty string`);
    }
  }
  const sdkOptions = given.sdkOptions;
  if (
    sdkOptions !== undefined &&
    (sdkOptions === null || typeof sdkOptions !== 'object' || Array.isArray(sdkOptions))
  ) {
    throw new TypeError(`${at}: sdkOptions must be an object`);
  }
  return Object.freeze({ ...options });
}
