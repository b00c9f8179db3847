export { type CliOptions, type CliOutput, type CliResult, runCli, stopOnSignal } from './cli.js';
export { AwsServiceError } from './core/awsJson.js';
export type { EmulatorOptions } from './core/emulator.js';
export type { FaultInjector, FaultRule } from './core/faults.js';
export type { RequestCounter } from './core/requests.js';
export type { EmulatedService, EmulatorRequest, EmulatorResponse, ServiceContext } from './core/types.js';
export {
  type CreateEmulatorOptions,
  createEmulator,
  type Emulator,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from './emulator.js';
export type { EmulatorSeed } from './seed.js';
export type {
  AppConfigDataOptions,
  AppConfigDataService,
  AppConfigDeployment,
  AppConfigSeed,
} from './services/appConfigData.js';
export type {
  DynamoDbIndexOptions,
  DynamoDbSeed,
  DynamoDbService,
  DynamoDbTableSeed,
  PlainItem,
  PlainValue,
} from './services/dynamodb.js';
export type {
  RotateSecretOptions,
  RotationHook,
  RotationRequest,
  RotationRules,
  SecretsManagerOptions,
  SecretsManagerSeed,
  SecretsManagerService,
} from './services/secretsManager.js';
export type { SsmSeed, SsmService } from './services/ssm.js';
