import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppConfigProvider, getAppConfig } from '../src/appconfig/index.js';
import { ParameterNotFoundError } from '../src/errors.js';
import { clearCaches, DEFAULT_PROVIDERS } from '../src/index.js';
import { appConfigSeed, text } from './helpers/appconfig.js';
import { credentials, useEmulatorEnvironment, useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator(appConfigSeed);
// The helper creates its provider with the SDK's defaults; these point them at the emulator.
useEmulatorEnvironment(ctx, 'AWS_ENDPOINT_URL_APPCONFIGDATA');
afterEach(() => {
  delete DEFAULT_PROVIDERS.appconfig;
});

const calls = (operation: string) => ctx.emulator.requests.count(operation);

describe('getAppConfig', () => {
  it('reads any number of applications and environments through one shared provider', async () => {
    expect(await getAppConfig('flags', { application: 'shop', environment: 'prod', transform: 'json' })).toEqual({
      beta: true,
    });
    const provider = DEFAULT_PROVIDERS.appconfig;
    expect(provider).toBeInstanceOf(AppConfigProvider);
    expect(await getAppConfig('flags', { application: 'shop', environment: 'staging', transform: 'json' })).toEqual({
      beta: false,
    });
    expect(await getAppConfig('flags', { application: 'billing', environment: 'prod', transform: 'json' })).toEqual({
      invoices: 'v2',
    });
    expect(text(await getAppConfig('motd', { application: 'shop', environment: 'prod' }))).toBe('Welcome!');
    expect(DEFAULT_PROVIDERS.appconfig).toBe(provider);
    expect(calls('StartConfigurationSession')).toBe(4);
  });

  it('caches per application and environment, and shares one poll among concurrent calls', async () => {
    const options = { application: 'shop', environment: 'prod', transform: 'json' } as const;
    const values = await Promise.all(Array.from({ length: 20 }, () => getAppConfig('flags', options)));
    expect(new Set(values.map((value) => JSON.stringify(value)))).toEqual(new Set(['{"beta":true}']));
    await getAppConfig('flags', options);
    expect(calls('StartConfigurationSession')).toBe(1);
    expect(calls('GetLatestConfiguration')).toBe(1);
  });

  it('forgets sessions on clearCaches()', async () => {
    await getAppConfig('flags', { application: 'shop', environment: 'prod' });
    clearCaches();
    await getAppConfig('flags', { application: 'shop', environment: 'prod' });
    expect(calls('StartConfigurationSession')).toBe(2);
  });

  it('takes the application from POWERTOOLS_SERVICE_NAME at each call', async () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'billing');
    expect(await getAppConfig('flags', { environment: 'prod', transform: 'json' })).toEqual({ invoices: 'v2' });
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'shop');
    expect(await getAppConfig('flags', { environment: 'prod', transform: 'json' })).toEqual({ beta: true });
  });

  it('rejects when no application is named, or no environment', async () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', '');
    await expect(getAppConfig('flags', { environment: 'prod' })).rejects.toThrow(
      'Application name is not defined or POWERTOOLS_SERVICE_NAME is not set',
    );
    await expect(getAppConfig('flags', { application: 'shop' } as never)).rejects.toThrow(TypeError);
    expect(calls('StartConfigurationSession')).toBe(0);
  });

  it('throws ParameterNotFoundError for a missing profile with throwOnMissing', async () => {
    await expect(
      getAppConfig('nope', { application: 'shop', environment: 'prod', throwOnMissing: true }),
    ).rejects.toBeInstanceOf(ParameterNotFoundError);
  });

  it('uses a provider put in DEFAULT_PROVIDERS.appconfig', async () => {
    const mine = new AppConfigProvider({
      application: 'other',
      environment: 'other',
      clientConfig: { endpoint: ctx.emulator.endpoint, region: 'us-east-1', credentials },
    });
    DEFAULT_PROVIDERS.appconfig = mine;
    expect(await getAppConfig('flags', { application: 'shop', environment: 'prod', transform: 'json' })).toEqual({
      beta: true,
    });
    expect(mine.stats().apiCalls).toBe(2);
    // Without an application in the call, it reads its own, whatever POWERTOOLS_SERVICE_NAME says (as Powertools).
    const shops = new AppConfigProvider({
      application: 'shop',
      environment: 'prod',
      clientConfig: { endpoint: ctx.emulator.endpoint, region: 'us-east-1', credentials },
    });
    DEFAULT_PROVIDERS.appconfig = shops;
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'billing');
    expect(await getAppConfig('flags', { environment: 'prod', transform: 'json' })).toEqual({ beta: true });
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', '');
    expect(await getAppConfig('flags', { environment: 'prod', transform: 'json' })).toEqual({ beta: true });
  });
});
