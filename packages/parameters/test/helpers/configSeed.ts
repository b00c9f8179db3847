import type { EmulatorSeed } from '@paramkit/emulator';
import { AppConfigProvider } from '../../src/appconfig/index.js';
import type { ConfigProviders } from '../../src/config/index.js';
import { DynamoDBProvider } from '../../src/dynamodb/index.js';
import { SecretsProvider } from '../../src/secrets/index.js';
import { SSMProvider } from '../../src/ssm/index.js';
import type { TestClientConfig } from './emulator.js';

/** 25 parameters (odd ones SecureString), 4 secrets, 2 AppConfig profiles and one DynamoDB item. */
export const configSeed: EmulatorSeed = {
  ssm: {
    parameters: [
      ...Array.from({ length: 25 }, (_, i) => ({
        name: `/cfg/p${i}`,
        value: `value-${i}`,
        type: i % 2 === 1 ? ('SecureString' as const) : ('String' as const),
      })),
      { name: '/cfg/limits', value: '{"rps":10,"burst":20}' },
      { name: '/cfg/port', value: '5432' },
      { name: '/cfg/broken', value: '{not json' },
    ],
  },
  secretsmanager: {
    secrets: [
      { name: 'cfg/db', value: { host: 'db.internal', port: 5432, password: 'hunter2-s3cret' } },
      { name: 'cfg/token', value: 't0ken-s3cret' },
      { name: 'cfg/key', binary: Buffer.from([0xff, 0x00, 0xfe]).toString('base64') },
      {
        name: 'cfg/rotated',
        versions: [{ value: 'old-s3cret', stages: ['AWSCURRENT'] }],
        value: 'new-s3cret',
      },
    ],
  },
  appconfig: {
    applications: [
      {
        name: 'shop',
        environments: [
          {
            name: 'prod',
            profiles: [
              { name: 'flags', content: { beta: true } },
              { name: 'limits', content: { max: 3 } },
            ],
          },
        ],
      },
    ],
  },
  dynamodb: { tables: [{ name: 'settings', partitionKey: 'id', items: [{ id: 'theme', value: 'dark' }] }] },
};

/** Fresh providers pointed at the test emulator (own caches, so tests do not share values). */
export function testProviders(clientConfig: TestClientConfig, now?: () => number): Required<ConfigProviders> {
  const cache = now === undefined ? {} : { now };
  return {
    ssm: new SSMProvider({ clientConfig, ...cache }),
    secrets: new SecretsProvider({ clientConfig, ...cache }),
    appConfig: new AppConfigProvider({ application: 'shop', environment: 'prod', clientConfig, ...cache }),
    dynamodb: new DynamoDBProvider({ tableName: 'settings', clientConfig, ...cache }),
  };
}
