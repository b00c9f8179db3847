import type { AppConfigSeed } from './services/appConfigData.js';
import type { DynamoDbSeed } from './services/dynamodb.js';
import type { SecretsManagerSeed } from './services/secretsManager.js';
import type { SsmSeed } from './services/ssm.js';

/**
 * The seed file format: one optional section per service. See `docs/emulator.md`.
 */
export interface EmulatorSeed {
  /** SSM Parameter Store. */
  ssm?: SsmSeed;
  /** Secrets Manager. */
  secretsmanager?: SecretsManagerSeed;
  /** AppConfig applications, environments and profiles (served by AppConfigData). */
  appconfig?: AppConfigSeed;
  /** DynamoDB tables and items. */
  dynamodb?: DynamoDbSeed;
}
