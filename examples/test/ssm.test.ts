import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { clearCaches, isTransformParameterError } from '@paramkit/parameters';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../ssm/handler.js';

const config = { database: { host: 'db.internal', port: 5432 }, maxConnections: 10 };
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      ssm: {
        parameters: [
          { name: '/orders/test/config', type: 'SecureString', keyId: 'alias/orders', value: JSON.stringify(config) },
          { name: '/orders/test/api-url', value: 'https://api.example.com' },
          { name: '/orders/test/banner', value: 'Free delivery this week' },
          { name: '/orders/test/endpoints/us-east-1', value: 'https://us.example.com' },
          { name: '/orders/test/endpoints/eu-west-1', value: 'https://eu.example.com' },
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
  });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  clearCaches(); // every test starts cold
  emulator.requests.reset();
});

describe('the SSM example', () => {
  it('reads the decrypted, validated config, the named values and the region endpoint', async () => {
    await expect(handler()).resolves.toEqual({
      config,
      apiUrl: 'https://api.example.com',
      banner: 'Free delivery this week',
      endpoint: 'https://us.example.com',
      missing: [],
    });
    expect(emulator.requests.snapshot()).toEqual({ GetParameter: 1, GetParameters: 1, GetParametersByPath: 1 });
  });

  it('answers warm invocations from the cache', async () => {
    await handler();
    await handler();
    await handler();
    expect(emulator.requests.count()).toBe(3);
  });

  it('works without the optional banner, and asks for it again on the next invocation', async () => {
    emulator.ssm.deleteParameter('/orders/test/banner');
    try {
      await expect(handler()).resolves.toMatchObject({ banner: undefined, missing: ['/orders/test/banner'] });
      // A name that does not exist is not cached, so each invocation asks for it (one GetParameters call).
      await handler();
      expect(emulator.requests.snapshot()).toEqual({ GetParameter: 1, GetParameters: 2, GetParametersByPath: 1 });
    } finally {
      emulator.ssm.putParameter({ name: '/orders/test/banner', value: 'Free delivery this week' });
    }
  });

  it('rejects a config that fails the schema, naming the field and not the value', async () => {
    emulator.ssm.putParameter({
      name: '/orders/test/config',
      type: 'SecureString',
      value: JSON.stringify({ ...config, maxConnections: 'ten-thousand' }),
    });
    const error = await handler().catch((caught: unknown) => caught);
    expect(isTransformParameterError(error)).toBe(true);
    expect((error as Error).message).toContain('maxConnections');
    expect((error as Error).message).not.toContain('ten-thousand');
    // A value that failed is not cached: once fixed, the next invocation reads it again.
    emulator.ssm.putParameter({ name: '/orders/test/config', type: 'SecureString', value: JSON.stringify(config) });
    await expect(handler()).resolves.toMatchObject({ config });
  });
});
