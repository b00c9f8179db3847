import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { clearCaches } from '@paramkit/parameters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let emulator: RunningEmulator;
type Handler = typeof import('../middy/handler.js').handler;
let handler: Handler;
const context = { awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 } as never;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      ssm: {
        parameters: [
          {
            name: '/orders/test/config',
            type: 'SecureString',
            value: JSON.stringify({ database: { host: 'db.internal', port: 5432 }, maxConnections: 10 }),
          },
          { name: '/orders/test/api-url', value: 'https://api.example.com' },
          { name: '/orders/test/endpoints/us-east-1', value: 'https://us.example.com' },
          { name: '/orders/test/endpoints/eu-west-1', value: 'https://eu.example.com' },
        ],
      },
      secretsmanager: {
        secrets: [
          { name: 'orders/test-db', value: { url: 'postgres://db', username: 'app', password: 'hunter2-s3cret' } },
          { name: 'orders/test-signing-key', value: 'k3y' },
        ],
      },
      appconfig: {
        applications: [
          {
            name: 'shop',
            environments: [
              { name: 'test', profiles: [{ name: 'flags', content: { newCheckout: { enabled: true } } }] },
            ],
          },
        ],
      },
    },
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    CONFIG_PATH: '/orders/test',
    DB_SECRET_ID: 'orders/test-db',
    SIGNING_KEY_SECRET_ID: 'orders/test-signing-key',
    APPCONFIG_APPLICATION: 'shop',
    APPCONFIG_ENVIRONMENT: 'test',
    APPCONFIG_PROFILE: 'flags',
  });
  clearCaches();
  // Imported after the environment is set, as Lambda would: the module's INIT prefetches.
  ({ handler } = await import('../middy/handler.js'));
});
afterAll(() => emulator.stop());

describe('the middy example', () => {
  it('prefetches at INIT in four calls, serves the typed values, and makes no call when warm', async () => {
    await expect.poll(() => emulator.requests.count(), { timeout: 10_000 }).toBe(5);
    expect(emulator.requests.snapshot()).toEqual({
      GetParameters: 1,
      BatchGetSecretValue: 1,
      StartConfigurationSession: 1,
      GetLatestConfiguration: 1,
      GetParametersByPath: 1,
    });
    await expect(handler({ orderId: 'o-1' }, context)).resolves.toEqual({
      orderId: 'o-1',
      apiUrl: 'https://api.example.com',
      banner: '',
      databaseHost: 'db.internal',
      checkout: 'new',
      endpoints: { us_east_1: 'https://us.example.com', eu_west_1: 'https://eu.example.com' },
      signed: true,
    });
    await handler({ orderId: 'o-2' }, context);
    expect(emulator.requests.count()).toBe(5);
  });

  it('fails an invocation whose configuration is broken, naming the entry and never a value', async () => {
    emulator.ssm.putParameter({ name: '/orders/test/config', value: '{"database":{}}', type: 'SecureString' });
    clearCaches(); // as after maxAge: the declaration reads the new, invalid value
    const failure = await handler({ orderId: 'o-3' }, context).catch((e: unknown) => e as Error);
    expect((failure as Error).message).toContain("service (ssm '/orders/test/config'): invalid-value");
    expect((failure as Error).message).not.toContain('hunter2');
  });
});
