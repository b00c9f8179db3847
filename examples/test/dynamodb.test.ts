import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../dynamodb/handler.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      dynamodb: {
        tables: [
          { name: 'settings', partitionKey: 'id', items: [{ id: 'maintenance', value: false }] },
          {
            name: 'tenant-settings',
            partitionKey: 'id',
            sortKey: 'sk',
            items: [
              { id: 'acme', sk: 'plan', value: 'pro' },
              { id: 'acme', sk: 'seats', value: 12 },
              { id: 'acme', sk: 'limits.json', value: '{"rps":50}' },
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
    SETTINGS_TABLE: 'settings',
    TENANT_SETTINGS_TABLE: 'tenant-settings',
  });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.requests.reset());

// The handler's providers live as long as its module, as in a Lambda execution environment: the cache carries over
// from one test to the next, and the tests below rely on that order.
describe('the DynamoDB example', () => {
  it("reads the global setting with GetItem and the tenant's settings with one Query", async () => {
    await expect(handler({ tenant: 'acme' })).resolves.toEqual({
      found: true,
      maintenance: false,
      plan: 'pro',
      seats: 12,
      rps: 50,
    });
    expect(emulator.requests.snapshot()).toEqual({ GetItem: 1, Query: 1 });
  });

  it('answers warm invocations from the cache', async () => {
    await handler({ tenant: 'acme' });
    expect(emulator.requests.count()).toBe(0);
  });

  it('reports a tenant without settings', async () => {
    await expect(handler({ tenant: 'nobody' })).resolves.toEqual({ found: false, maintenance: false });
    expect(emulator.requests.snapshot()).toEqual({ Query: 1 });
  });

  it('keeps serving a cached value until its maxAge (a minute for the maintenance flag) has passed', async () => {
    emulator.dynamodb.putItem('settings', { id: 'maintenance', value: true });
    await expect(handler({ tenant: 'acme' })).resolves.toMatchObject({ maintenance: false });
    expect(emulator.requests.count()).toBe(0);
  });
});
