import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningAgent, resolveConfig, startAgent } from '../../../agent/src/index.js';
import { Logger } from '../../../agent/src/log.js';
import { AppConfigProvider } from '../../src/appconfig/index.js';
import { DynamoDBProvider } from '../../src/dynamodb/index.js';
import { ExtensionSecretsProvider, ExtensionSSMProvider } from '../../src/extension/index.js';
import { SecretsProvider } from '../../src/secrets/index.js';
import { SSMProvider } from '../../src/ssm/index.js';
import { credentials, useTestEmulator } from '../helpers/emulator.js';
import { type ProviderCase, testProvider } from './testProvider.js';

// One clock for the library, the emulator and the agent; it only moves forward (a day per test), so that no
// backoff or session of one test reaches into the next.
let now = 1_700_000_000_000;
beforeEach(() => {
  now += 24 * 3600_000;
});
const clock = { now: () => now, advance: (ms: number) => (now += ms) };

const values = { a: 'alpha', b: 'beta' };
const ctx = useTestEmulator(
  {
    ssm: { parameters: Object.entries(values).map(([key, value]) => ({ name: `/conf/${key}`, value })) },
    secretsmanager: { secrets: Object.entries(values).map(([key, value]) => ({ name: `conf/${key}`, value })) },
    dynamodb: {
      tables: [
        { name: 'conf', partitionKey: 'id', items: Object.entries(values).map(([id, value]) => ({ id, value })) },
      ],
    },
    appconfig: {
      applications: [
        {
          name: 'conf',
          environments: [
            { name: 'test', profiles: Object.entries(values).map(([name, content]) => ({ name, content })) },
          ],
        },
      ],
    },
  },
  { now: clock.now },
);
const context = {
  get emulator() {
    return ctx.emulator;
  },
  ...clock,
};
const text = (value: unknown) => (typeof value === 'string' ? value : new TextDecoder().decode(value as Uint8Array));
const keyed = (prefix: string) => ({ [`${prefix}a`]: values.a, [`${prefix}b`]: values.b });

const TOKEN = 'conformance-token';
let agent: RunningAgent | undefined;
beforeAll(async () => {
  // The real agent in front of the emulator, its own cache off, so the library's cache is what is tested.
  const { config } = resolveConfig(
    {
      AWS_SESSION_TOKEN: TOKEN,
      PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'FALSE',
      PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'none',
    },
    { endpoint: ctx.emulator.endpoint, port: 0 },
  );
  agent = await startAgent({
    config,
    logger: new Logger('none', { write: () => undefined }),
    clientOverrides: { credentials, maxAttempts: 1 },
    now: clock.now,
  });
});
afterAll(async () => {
  await agent?.close();
});
const extension = () => ({ host: '127.0.0.1', port: agent?.port as number, token: TOKEN });

const ssmCase = (create: ProviderCase['create']): ProviderCase => ({
  create,
  names: ['/conf/a', '/conf/b'],
  missing: '/conf/missing',
  values: keyed('/conf/'),
  text,
  write: async (name, value) => {
    await new SSMClient(ctx.clientConfig).send(
      new PutParameterCommand({ Name: name, Value: value, Overwrite: true, Type: 'String' }),
    );
  },
  service: 'ssm',
  operations: ['GetParameter'],
});

const secretsCase = (create: ProviderCase['create']): ProviderCase => ({
  create,
  names: ['conf/a', 'conf/b'],
  missing: 'conf/missing',
  values: keyed('conf/'),
  text,
  write: async (name, value) => {
    await new SecretsManagerClient(ctx.clientConfig).send(
      new PutSecretValueCommand({ SecretId: name, SecretString: value }),
    );
  },
  service: 'secretsmanager',
  operations: ['GetSecretValue'],
});

testProvider('SSMProvider', context, () =>
  ssmCase((options) => new SSMProvider({ clientConfig: ctx.clientConfig, ...options })),
);

testProvider('SecretsProvider', context, () =>
  secretsCase((options) => new SecretsProvider({ clientConfig: ctx.clientConfig, ...options })),
);

testProvider('DynamoDBProvider', context, () => ({
  create: (options) => new DynamoDBProvider({ tableName: 'conf', clientConfig: ctx.clientConfig, ...options }),
  names: ['a', 'b'],
  missing: 'missing',
  values: keyed(''),
  text,
  write: async (id, value) => {
    await new DynamoDBClient(ctx.clientConfig).send(
      new PutItemCommand({ TableName: 'conf', Item: { id: { S: id }, value: { S: value } } }),
    );
  },
  service: 'dynamodb',
  operations: ['GetItem'],
}));

testProvider('AppConfigProvider', context, () => ({
  create: (options) =>
    new AppConfigProvider({ application: 'conf', environment: 'test', clientConfig: ctx.clientConfig, ...options }),
  names: ['a', 'b'],
  missing: 'missing',
  values: keyed(''),
  text,
  // AppConfig has no write in the data plane: a new deployment stands for one.
  write: async (profile, content) => {
    ctx.emulator.appConfig.deploy({ application: 'conf', environment: 'test', profile, content });
  },
  service: 'appconfigdata',
  operations: ['StartConfigurationSession', 'GetLatestConfiguration'],
  coldCalls: 2,
  pollIntervalMs: 60_000,
}));

testProvider('ExtensionSSMProvider (through paramkit-agent)', context, () =>
  ssmCase((options) => new ExtensionSSMProvider({ ...extension(), ...options })),
);

testProvider('ExtensionSecretsProvider (through paramkit-agent)', context, () =>
  secretsCase((options) => new ExtensionSecretsProvider({ ...extension(), ...options })),
);
