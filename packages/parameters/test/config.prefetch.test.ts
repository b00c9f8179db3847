import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, defineConfig, secret, ssm } from '../src/config/index.js';
import { configSeed, testProviders } from './helpers/configSeed.js';
import { useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator(configSeed);
const calls = (operation?: string) => ctx.emulator.requests.count(operation);

const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', record);
});
afterEach(() => {
  process.off('unhandledRejection', record);
});

/** Lets every pending callback and timer of the load run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('prefetch (module scope, Lambda INIT)', () => {
  it('starts the load at once, and the first get awaits it instead of calling again', async () => {
    const config = defineConfig(
      { a: ssm('/cfg/p0'), b: ssm('/cfg/p1'), token: secret('cfg/token'), db: secret('cfg/db') },
      { providers: testProviders(ctx.clientConfig), maxAge: 300 },
    ).prefetch();
    // Started before any get.
    await vi.waitFor(() => expect(calls('GetParameters') + calls('BatchGetSecretValue')).toBe(2));
    expect((await config.get()).a).toBe('value-0');
    expect(calls()).toBe(2);
  });

  it('with the prefetch option too, and a get during the prefetch joins it', async () => {
    const config = defineConfig(
      { a: ssm('/cfg/p0') },
      { providers: testProviders(ctx.clientConfig), maxAge: 300, prefetch: true },
    );
    const [first, second] = await Promise.all([config.get(), config.get()]);
    expect(first).toEqual({ a: 'value-0' });
    expect(second).toEqual(first);
    expect(calls('GetParameters')).toBe(1);
  });

  it('a failed prefetch is no unhandled rejection; the first get loads the failed entries again, backoff or not', async () => {
    ctx.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1, times: 2 });
    const now = 1_000_000;
    const config = defineConfig(
      { a: ssm('/cfg/p0'), token: secret('cfg/token'), db: secret('cfg/db') },
      { providers: testProviders(ctx.clientConfig, () => now), maxAge: 300, secretsBatch: 'never' },
    ).prefetch();
    await vi.waitFor(() => expect(calls('GetSecretValue')).toBe(2)); // both throttled
    await settle();
    expect(unhandled).toEqual([]);
    // The throttle started the secrets' backoff (1 s, jittered), and the clock has not moved: the first get asks
    // AWS anyway, as prefetch promises (and middy does after a failed INIT fetch).
    expect(await config.get()).toEqual({ a: 'value-0', token: 't0ken-s3cret', db: expect.stringContaining('db') });
    expect(calls('GetParameters')).toBe(1); // the parameter came from the cache the prefetch filled
    expect(calls('GetSecretValue')).toBe(4);
  });

  it('after the first get, a throttled entry waits out its backoff: the next get names it without a call', async () => {
    let now = 1_000_000;
    const config = defineConfig(
      { token: secret('cfg/token') },
      { providers: testProviders(ctx.clientConfig, () => now), maxAge: 1, secretsBatch: 'never' },
    ).prefetch();
    expect(await config.get()).toEqual({ token: 't0ken-s3cret' });
    now += 400_000; // past maxAge and the stale-if-error window
    ctx.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1, times: 1 });
    await expect(config.get()).rejects.toThrow(ConfigError);
    const during = await config.get({ throwOnError: false });
    expect(during.failures.map((failure) => [failure.key, failure.reason])).toEqual([['token', 'fetch-failed']]);
    expect(calls('GetSecretValue')).toBe(2);
    now += 2_000;
    expect(await config.get()).toEqual({ token: 't0ken-s3cret' });
    expect(calls('GetSecretValue')).toBe(3);
  });

  it('a prefetch that fails for good surfaces on get, not before', async () => {
    const config = defineConfig({ gone: ssm('/cfg/nope') }, { providers: testProviders(ctx.clientConfig) });
    config.prefetch();
    config.prefetch(); // idempotent
    await vi.waitFor(() => expect(calls('GetParameters')).toBe(1));
    await settle();
    expect(unhandled).toEqual([]);
    await expect(config.get()).rejects.toThrow(ConfigError);
    expect(calls('GetParameters')).toBe(2);
  });

  it('gets that come together after a failed prefetch share the one load of the failed entries again', async () => {
    ctx.emulator.faults.add({ service: 'ssm', throttleRate: 1, times: 1 });
    const config = defineConfig(
      { a: ssm('/cfg/p0'), token: secret('cfg/token') },
      { providers: testProviders(ctx.clientConfig, () => 1_000_000), maxAge: 300 },
    ).prefetch();
    await vi.waitFor(() => expect(calls('GetParameters')).toBe(1));
    await settle(); // the prefetch has finished, with /cfg/p0 throttled and backing off
    const [first, second] = await Promise.all([config.get(), config.get()]);
    expect(first).toEqual({ a: 'value-0', token: 't0ken-s3cret' });
    expect(second).toEqual(first);
    expect(calls('GetParameters')).toBe(2); // one retry for both
    expect(calls('GetSecretValue')).toBe(1); // the secret came from the cache the prefetch filled
  });

  it('gets that come during a prefetch that fails all get the retried values', async () => {
    ctx.emulator.faults.add({ service: 'ssm', throttleRate: 1, times: 1, latencyMs: 20 });
    const config = defineConfig(
      { a: ssm('/cfg/p0') },
      { providers: testProviders(ctx.clientConfig, () => 1_000_000), maxAge: 300 },
    ).prefetch();
    const results = await Promise.allSettled([config.get(), config.get(), config.toEnv({ env: {} })]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(calls('GetParameters')).toBe(2);
  });

  it('a get long after a prefetch that finished reads the cache again: no value older than its maxAge', async () => {
    let now = 1_700_000_000_000;
    const config = defineConfig(
      { a: ssm('/cfg/p0'), token: secret('cfg/token') },
      { providers: testProviders(ctx.clientConfig, () => now), maxAge: 60, now: () => now },
    ).prefetch();
    await vi.waitFor(() => expect(calls('GetParameters') + calls('GetSecretValue')).toBe(2));
    await settle();
    now += 3_600_000; // provisioned concurrency: INIT an hour before the first invocation
    ctx.emulator.ssm.putParameter({ name: '/cfg/p0', value: 'changed' });
    ctx.emulator.secretsManager.putSecretValue('cfg/token', 'r0tated-s3cret');
    expect(await config.get()).toEqual({ a: 'changed', token: 'r0tated-s3cret' });
    expect(calls('GetParameters')).toBe(2);
  });

  it('a get right after a prefetch that finished makes no call: the values are in the cache', async () => {
    const config = defineConfig(
      { a: ssm('/cfg/p0'), token: secret('cfg/token'), db: secret('cfg/db') },
      { providers: testProviders(ctx.clientConfig), maxAge: 300 },
    ).prefetch();
    await vi.waitFor(() => expect(calls('GetParameters') + calls('BatchGetSecretValue')).toBe(2));
    await settle();
    expect((await config.get()).a).toBe('value-0');
    expect(calls()).toBe(2);
  });
});
