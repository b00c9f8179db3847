import { beforeEach, describe, expect, it } from 'vitest';
import { AppConfigProvider } from '../src/appconfig/index.js';
import { appConfigSeed, DAY_MS, POLL_MS, text } from './helpers/appconfig.js';
import { useTestEmulator } from './helpers/emulator.js';

// The emulator and the providers share one clock, so a test moves time for both at once (as on AWS, where
// the service's clock and the function's agree). `serviceSkew` lets a test put the service's clock elsewhere.
let now = 0;
let serviceSkew = 0;

// Registered first, so the clock is set before the emulator is reset and seeded for each test.
beforeEach(() => {
  now = 1_700_000_000_000;
  serviceSkew = 0;
});
const ctx = useTestEmulator(appConfigSeed, { now: () => now + serviceSkew });

const calls = (operation: string) => ctx.emulator.requests.count(operation);
const provider = () =>
  new AppConfigProvider({ application: 'shop', environment: 'prod', clientConfig: ctx.clientConfig, now: () => now });
const deployFlags = (content: object) =>
  ctx.emulator.appConfig.deploy({ application: 'shop', environment: 'prod', profile: 'flags', content });

describe('AppConfigProvider sessions', () => {
  it('starts one session, then polls with the token of the previous poll', async () => {
    const appConfig = provider();
    for (let poll = 0; poll < 4; poll++) {
      expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: true });
      now += POLL_MS;
    }
    expect(calls('StartConfigurationSession')).toBe(1);
    // Four polls and none refused: each used the token the previous one returned.
    expect(calls('GetLatestConfiguration')).toBe(4);
    expect(appConfig.stats().apiCalls).toBe(5);
  });

  it('returns the last value when a poll answers empty (unchanged)', async () => {
    const appConfig = provider();
    const first = await appConfig.get('motd');
    now += POLL_MS;
    const second = await appConfig.get('motd');
    expect(calls('GetLatestConfiguration')).toBe(2);
    expect(second).toBe(first);
    expect(text(second)).toBe('Welcome!');
  });

  it('sees a new deployment only once both maxAge and the poll interval have passed', async () => {
    const appConfig = provider();
    expect(await appConfig.get('flags', { transform: 'json', maxAge: 120 })).toEqual({ beta: true });
    deployFlags({ beta: false });
    now += POLL_MS; // the poll interval has passed, maxAge has not
    expect(await appConfig.get('flags', { transform: 'json', maxAge: 120 })).toEqual({ beta: true });
    expect(calls('GetLatestConfiguration')).toBe(1);
    now += POLL_MS; // both have
    expect(await appConfig.get('flags', { transform: 'json', maxAge: 120 })).toEqual({ beta: false });

    deployFlags({ beta: 'maybe' });
    now += 10_000; // maxAge 5 has passed, the poll interval has not
    expect(await appConfig.get('flags', { transform: 'json', maxAge: 5 })).toEqual({ beta: false });
    now += POLL_MS;
    expect(await appConfig.get('flags', { transform: 'json', maxAge: 5 })).toEqual({ beta: 'maybe' });
    expect(calls('GetLatestConfiguration')).toBe(3);
  });

  it('honours the poll interval whatever maxAge and forceFetch say', async () => {
    const appConfig = provider();
    await appConfig.get('flags', { maxAge: 0 });
    for (let i = 0; i < 5; i++) {
      now += 10_000;
      await appConfig.get('flags', { maxAge: 0 });
      await appConfig.get('flags', { forceFetch: true });
    }
    expect(calls('GetLatestConfiguration')).toBe(1); // 50 s < 60 s: never polled again
    now += 10_000;
    await appConfig.get('flags', { maxAge: 0 });
    expect(calls('GetLatestConfiguration')).toBe(2);
    // The profile's own interval (15 s) is what counts, not AWS's default.
    await appConfig.get('fast', { maxAge: 0 });
    now += 15_000;
    await appConfig.get('fast', { maxAge: 0 });
    expect(calls('GetLatestConfiguration')).toBe(4);
  });

  it('shares one poll among concurrent calls, whatever their transforms', async () => {
    const appConfig = provider();
    ctx.emulator.faults.add({ service: 'appconfigdata', latencyMs: 20 });
    const values = await Promise.all([
      ...Array.from({ length: 50 }, () => appConfig.get('flags', { transform: 'json' })),
      ...Array.from({ length: 10 }, () => appConfig.get('flags')),
      appConfig.get('flags', { transform: (value) => text(value).length }),
    ]);
    expect(values[0]).toEqual({ beta: true });
    expect(values[59]).toBeInstanceOf(Uint8Array);
    expect(values[60]).toBe(13);
    expect(calls('StartConfigurationSession')).toBe(1);
    expect(calls('GetLatestConfiguration')).toBe(1);
    expect(appConfig.stats().coalesced).toBe(49 + 9);
  });

  it('starts a new session when the token reaches the end of its 24 hours', async () => {
    const appConfig = provider();
    await appConfig.get('flags');
    now += DAY_MS;
    deployFlags({ beta: false });
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: false });
    expect(calls('StartConfigurationSession')).toBe(2);
    // Renewed before use: no poll was made with the dead token.
    expect(calls('GetLatestConfiguration')).toBe(2);
  });

  it('starts a new session when the service refuses the token as expired', async () => {
    const appConfig = provider();
    await appConfig.get('flags');
    now += POLL_MS;
    serviceSkew = DAY_MS; // the service thinks a day has passed; the provider does not know
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: true });
    expect(calls('StartConfigurationSession')).toBe(2);
    expect(calls('GetLatestConfiguration')).toBe(3); // refused, then the new session's first poll
  });

  it('starts a new session when the service no longer knows the token', async () => {
    const appConfig = provider();
    await appConfig.get('flags');
    ctx.emulator.reset(); // the service forgets every session...
    ctx.emulator.load(appConfigSeed);
    now += POLL_MS;
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: true });
    expect(calls('StartConfigurationSession')).toBe(1);
    expect(calls('GetLatestConfiguration')).toBe(2);
  });

  it('serves the last value when the service finds a poll too early, and polls again a second later', async () => {
    const appConfig = provider();
    await appConfig.get('flags', { maxAge: 0 });
    serviceSkew = -5_000; // the service's clock is 5 s behind ours
    now += POLL_MS;
    deployFlags({ beta: false });
    expect(await appConfig.get('flags', { transform: 'json', maxAge: 0 })).toEqual({ beta: true });
    expect(await appConfig.get('flags', { transform: 'json', maxAge: 0 })).toEqual({ beta: true });
    expect(calls('GetLatestConfiguration')).toBe(2);
    now += 5_000;
    expect(await appConfig.get('flags', { transform: 'json', maxAge: 0 })).toEqual({ beta: false });
    expect(calls('StartConfigurationSession')).toBe(1);
  });

  it('forgets sessions and last values on clearCache', async () => {
    const appConfig = provider();
    await appConfig.get('flags');
    appConfig.clearCache();
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: true });
    expect(calls('StartConfigurationSession')).toBe(2);
    expect(calls('GetLatestConfiguration')).toBe(2);
  });

  it('lets a poll in flight during clearCache finish without touching the new sessions', async () => {
    const appConfig = provider();
    ctx.emulator.faults.add({ service: 'appconfigdata', latencyMs: 30, times: 2 });
    const pending = appConfig.get('flags', { transform: 'json' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    appConfig.clearCache();
    expect(await pending).toEqual({ beta: true });
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: true });
    expect(calls('StartConfigurationSession')).toBe(2);
  });

  it('keeps one session per application, environment and profile', async () => {
    const appConfig = provider();
    await Promise.all([
      appConfig.get('flags'),
      appConfig.get('motd'),
      appConfig.get('flags', { environment: 'staging' }),
      appConfig.get('flags', { application: 'billing' }),
    ]);
    now += POLL_MS;
    await Promise.all([
      appConfig.get('flags'),
      appConfig.get('motd'),
      appConfig.get('flags', { environment: 'staging' }),
      appConfig.get('flags', { application: 'billing' }),
    ]);
    expect(calls('StartConfigurationSession')).toBe(4);
    expect(calls('GetLatestConfiguration')).toBe(8);
  });
});
