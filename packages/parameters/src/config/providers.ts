import type { AppConfigProvider } from '../appconfig/AppConfigProvider.js';
import { sharedProvider } from '../base/DefaultProviders.js';
import type { DynamoDBProvider } from '../dynamodb/DynamoDBProvider.js';
import type { SecretsProvider } from '../secrets/SecretsProviderCore.js';
import type { SSMProvider } from '../ssm/SSMProviderCore.js';
import type { ConfigProviders, DynamoDBTarget } from './types.js';

// Each provider module is imported on first use only: the AWS SDK clients are optional peer dependencies, so a
// declaration of SSM parameters alone must load without `@aws-sdk/client-appconfigdata` installed.

/** The declaration's SSM provider, else the shared one of `getParameter` (same cache). */
export async function ssmProvider(providers: ConfigProviders): Promise<SSMProvider> {
  if (providers.ssm !== undefined) return providers.ssm;
  // The subpath itself, not its modules: they then stay in that entry's chunk instead of chunks of their own.
  const { SSMProvider } = await import('../ssm/index.js');
  return sharedProvider('ssm', SSMProvider);
}

/** The declaration's Secrets Manager provider, else the shared one of `getSecret`. */
export async function secretsProvider(providers: ConfigProviders): Promise<SecretsProvider> {
  if (providers.secrets !== undefined) return providers.secrets;
  const { SecretsProvider } = await import('../secrets/index.js');
  return sharedProvider('secrets', SecretsProvider);
}

/** The declaration's AppConfig provider, else the shared one of `getAppConfig` (it serves any application). */
export async function appConfigProvider(
  providers: ConfigProviders,
  application: string,
  environment: string,
): Promise<AppConfigProvider> {
  if (providers.appConfig !== undefined) return providers.appConfig;
  const { defaultAppConfigProvider } = await import('../appconfig/defaultProvider.js');
  return defaultAppConfigProvider(application, environment);
}

/** DynamoDB providers by table layout, shared by every declaration of the process. */
const tables = new Map<string, DynamoDBProvider>();

/** The declaration's DynamoDB provider for a table, else the process's one for that table layout. */
export async function dynamoDBProvider(providers: ConfigProviders, target: DynamoDBTarget): Promise<DynamoDBProvider> {
  const given = providers.dynamodb;
  if (typeof given === 'function') return given(target);
  if (given !== undefined) return given;
  const layout = JSON.stringify([target.tableName, target.keyAttr ?? null, target.valueAttr ?? null]);
  let provider = tables.get(layout);
  if (provider === undefined) {
    const { DynamoDBProvider } = await import('../dynamodb/index.js');
    provider = tables.get(layout);
    if (provider === undefined) {
      provider = new DynamoDBProvider({
        tableName: target.tableName,
        ...(target.keyAttr === undefined ? {} : { keyAttr: target.keyAttr }),
        ...(target.valueAttr === undefined ? {} : { valueAttr: target.valueAttr }),
      });
      tables.set(layout, provider);
    }
  }
  return provider;
}
