export { type Config, type ConfigOutput, defineConfig, type ThrowsOf } from './defineConfig.js';
export { appConfig, dynamodb, isConfigEntry, secret, ssm } from './entries.js';
export { envText } from './env.js';
export { ConfigError, isConfigError } from './errors.js';
export { defaultEnvName } from './plan.js';
export type {
  AppConfigEntryOptions,
  AppConfigTarget,
  ConfigEntries,
  ConfigEntry,
  ConfigEntryDescription,
  ConfigFailure,
  ConfigFailureReason,
  ConfigOptions,
  ConfigProviders,
  ConfigResult,
  ConfigService,
  ConfigValues,
  DynamoDBTarget,
  EntryOptions,
  EntryValue,
  GetConfigOptions,
  SecretEntryOptions,
  SecretsBatchMode,
  SsmEntryOptions,
  ToEnvOptions,
} from './types.js';
