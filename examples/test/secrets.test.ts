import { createHmac } from 'node:crypto';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { clearCaches, DEFAULT_PROVIDERS } from '@paramkit/parameters';
import { SecretsProvider } from '@paramkit/parameters/secrets';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../secrets/database.js';
import { handler } from '../secrets/handler.js';
import { type FakeDatabase, startFakeDatabase } from './fakeDatabase.js';

const order = { id: 'o-1', total: 42.5, status: 'paid' };
let emulator: RunningEmulator;
let database: FakeDatabase;

/** What a rotation does: the database gets a new password, and the secret a new AWSCURRENT version. */
function rotate(password: string) {
  database.password = password;
  emulator.secretsManager.putSecretValue('orders/db', JSON.stringify({ url: database.url, username: 'app', password }));
}

beforeAll(async () => {
  database = await startFakeDatabase({ username: 'app', password: 'first-password', orders: [order] });
  emulator = await startEmulator({
    port: 0,
    seed: {
      secretsmanager: {
        secrets: [
          { name: 'orders/db', value: { url: database.url, username: 'app', password: 'first-password' } },
          { name: 'orders/signing-key', value: 'signing-key-1' },
        ],
      },
    },
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    DB_SECRET_ID: 'orders/db',
    SIGNING_KEY_SECRET_ID: 'orders/signing-key',
  });
});
afterAll(async () => {
  await emulator.stop();
  await database.stop();
});
beforeEach(() => {
  rotate('first-password');
  clearCaches();
  emulator.requests.reset();
  Object.assign(database.answered, { refused: 0, served: 0 });
});

describe('the secrets example', () => {
  it('reads both secrets in one call, signs the order, and caches them', async () => {
    const result = await handler({ orderId: 'o-1' });
    expect(result.order).toEqual(order);
    expect(result.signature).toBe(createHmac('sha256', 'signing-key-1').update(JSON.stringify(order)).digest('hex'));
    await handler({ orderId: 'o-1' });
    expect(emulator.requests.snapshot()).toEqual({ BatchGetSecretValue: 1 });
  });

  it('recovers when the password was rotated after it was cached: one fresh read, one retry', async () => {
    await handler({ orderId: 'o-1' });
    rotate('second-password');

    await expect(handler({ orderId: 'o-1' })).resolves.toMatchObject({ order });
    expect(database.answered.refused).toBe(1);
    expect(emulator.requests.snapshot()).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 1 });

    // The fresh read refreshed the cache: the next invocation logs in at once, with no AWS call.
    await handler({ orderId: 'o-1' });
    expect(database.answered.refused).toBe(1);
    expect(emulator.requests.count()).toBe(2);
  });

  it('gives up after one retry when the database still refuses the current credentials', async () => {
    await handler({ orderId: 'o-1' });
    database.password = 'not-in-the-secret';
    await expect(handler({ orderId: 'o-1' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(database.answered.refused).toBe(2);
    expect(emulator.requests.snapshot()).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 1 });
  });

  describe('with a clock the test moves', () => {
    let now = Date.now();
    beforeEach(() => {
      // The helpers read through DEFAULT_PROVIDERS.secrets: a provider with an injected clock makes maxAge testable.
      DEFAULT_PROVIDERS.secrets = new SecretsProvider({ now: () => now });
    });
    afterEach(() => {
      delete DEFAULT_PROVIDERS.secrets; // the next read creates the usual provider again
    });

    it('reads a rotated secret once maxAge has passed, without a refused login', async () => {
      await handler({ orderId: 'o-1' });
      rotate('second-password');
      now += 301_000; // past the five minutes the handler caches credentials for

      await expect(handler({ orderId: 'o-1' })).resolves.toMatchObject({ order });
      expect(database.answered.refused).toBe(0);
      expect(emulator.requests.snapshot()).toEqual({ BatchGetSecretValue: 2 });
    });
  });
});
