import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { clearCaches, DEFAULT_PROVIDERS, isTransformParameterError } from '@paramkit/parameters';
import { AppConfigProvider } from '@paramkit/parameters/appconfig';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../appconfig-flags/handler.js';

// One clock for the emulator (which refuses polls before the poll interval) and the provider (maxAge, intervals).
let now = Date.parse('2026-01-01T00:00:00Z');
const clock = () => now;
const advanceSeconds = (seconds: number) => {
  now += seconds * 1000;
};
const flags = (newCheckout: boolean, maxItems = 50) => ({
  newCheckout: { enabled: newCheckout },
  cartLimit: { enabled: true, maxItems },
});
const deploy = (content: object) =>
  emulator.appConfig.deploy({ application: 'shop', environment: 'prod', profile: 'flags', content });

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    now: clock,
    seed: {
      appconfig: {
        applications: [
          {
            name: 'shop',
            environments: [{ name: 'prod', profiles: [{ name: 'flags', content: flags(false) }] }],
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
    APPCONFIG_APPLICATION: 'shop',
    APPCONFIG_ENVIRONMENT: 'prod',
  });
  // getAppConfig reads through DEFAULT_PROVIDERS.appconfig: give it the test's clock.
  DEFAULT_PROVIDERS.appconfig = new AppConfigProvider({ application: 'shop', environment: 'prod', now: clock });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  deploy(flags(false));
  clearCaches(); // also forgets AppConfig sessions: each test starts a new one
  emulator.requests.reset();
});

describe('the AppConfig feature flags example', () => {
  it('reads and validates the flags, then serves them from the cache', async () => {
    await expect(handler({ items: 3 })).resolves.toEqual({ checkout: 'classic', accepted: true });
    await expect(handler({ items: 51 })).resolves.toEqual({ checkout: 'classic', accepted: false });
    expect(emulator.requests.snapshot()).toEqual({ StartConfigurationSession: 1, GetLatestConfiguration: 1 });
  });

  it('picks up a new deployment after the poll interval, not before', async () => {
    await handler({ items: 3 });
    deploy(flags(true, 100));

    advanceSeconds(31); // past maxAge (30 s), within the poll interval (60 s): no poll, the last flags
    await expect(handler({ items: 60 })).resolves.toEqual({ checkout: 'classic', accepted: false });
    expect(emulator.requests.count('GetLatestConfiguration')).toBe(1);

    advanceSeconds(30); // 61 s since the first poll
    await expect(handler({ items: 60 })).resolves.toEqual({ checkout: 'new', accepted: true });
    expect(emulator.requests.snapshot()).toEqual({ StartConfigurationSession: 1, GetLatestConfiguration: 2 });
  });

  it('refuses a deployment that fails the schema, naming the field', async () => {
    await handler({ items: 3 });
    deploy({ newCheckout: { enabled: 'yes' }, cartLimit: { enabled: true, maxItems: 50 } });
    advanceSeconds(61);
    const error = await handler({ items: 3 }).catch((caught: unknown) => caught);
    expect(isTransformParameterError(error)).toBe(true);
    expect((error as Error).message).toContain('newCheckout.enabled');
  });
});
