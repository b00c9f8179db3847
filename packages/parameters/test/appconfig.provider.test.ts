import { AppConfigProvider as PtAppConfigProvider } from '@aws-lambda-powertools/parameters/appconfig';
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { AppConfigProvider } from '../src/appconfig/index.js';
import { GetParameterError, ParameterNotFoundError, TransformParameterError } from '../src/errors.js';
import { appConfigSeed, POLL_MS, text } from './helpers/appconfig.js';
import { useTestEmulator } from './helpers/emulator.js';

let now = 0;
const clock = () => now;

// Registered first, so the clock is set before the emulator is reset and seeded for each test.
beforeEach(() => {
  now = 1_700_000_000_000;
});
const ctx = useTestEmulator(appConfigSeed, { now: clock });
afterEach(() => {
  vi.unstubAllEnvs();
});

const calls = (operation?: string) => ctx.emulator.requests.count(operation);
const provider = (options: { application?: string; environment?: string } = {}) =>
  new AppConfigProvider({
    application: 'shop',
    environment: 'prod',
    ...options,
    clientConfig: ctx.clientConfig,
    now: clock,
  });

describe('AppConfigProvider.get against the emulator', () => {
  it('returns the configuration bytes without a transform, and caches them', async () => {
    const appConfig = provider();
    const value = await appConfig.get('motd');
    expect(value).toBeInstanceOf(Uint8Array);
    expect(text(value)).toBe('Welcome!');
    expect(await appConfig.get('motd')).toBe(value);
    expect(calls('StartConfigurationSession')).toBe(1);
    expect(calls('GetLatestConfiguration')).toBe(1);
    expect(appConfig.stats()).toMatchObject({ hits: 1, misses: 1, apiCalls: 2 });
  });

  it('parses json, decodes binary, runs a transform function and a schema', async () => {
    const appConfig = provider();
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: true });
    expect(await appConfig.get('flags', { transform: 'JSON' as 'json' })).toEqual({ beta: true });
    expect(await appConfig.get('secret.binary', { transform: 'binary' })).toBe('s3cret');
    expect(await appConfig.get('motd', { transform: (value) => text(value).toUpperCase() })).toBe('WELCOME!');
    const Flags = z.object({ beta: z.boolean() });
    expect(await appConfig.get('flags', { transform: 'json', schema: Flags })).toEqual({ beta: true });
    // Every transform of one profile reads through its one session.
    expect(calls('StartConfigurationSession')).toBe(3);
  });

  it('reports a failed transform or schema without retrying', async () => {
    const appConfig = provider();
    await expect(appConfig.get('broken', { transform: 'json' })).rejects.toBeInstanceOf(TransformParameterError);
    const Strict = z.object({ beta: z.string() });
    await expect(appConfig.get('flags', { transform: 'json', schema: Strict })).rejects.toMatchObject({
      name: 'SchemaValidationError',
    });
  });

  it('returns undefined for an empty configuration, or throws ParameterNotFoundError with throwOnMissing', async () => {
    const appConfig = provider();
    expect(await appConfig.get('empty')).toBeUndefined();
    await expect(appConfig.get('empty', { throwOnMissing: true })).rejects.toBeInstanceOf(ParameterNotFoundError);
    // The session was polled once; the interval holds the next poll back, and the answer is still "empty".
    expect(calls('GetLatestConfiguration')).toBe(1);
  });

  it('wraps an unknown application, environment or profile in GetParameterError', async () => {
    const unknownApp = provider({ application: 'nope' });
    const error = await unknownApp.get('flags').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect(error).not.toBeInstanceOf(ParameterNotFoundError);
    // The SDK error's message, as Powertools gives it.
    expect((error as Error).message).toBe(((error as Error).cause as Error).message);
    expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'Application' });
    await expect(provider({ environment: 'nope' }).get('flags')).rejects.toMatchObject({
      cause: { ResourceType: 'Environment' },
    });
    await expect(provider().get('nope')).rejects.toMatchObject({ cause: { ResourceType: 'ConfigurationProfile' } });
    await expect(provider({ environment: 'bare' }).get('flags')).rejects.toMatchObject({
      cause: { ResourceType: 'Deployment' },
    });
  });

  it('throws ParameterNotFoundError, with the AWS error as cause, for a missing profile with throwOnMissing', async () => {
    const error = await provider()
      .get('nope', { throwOnMissing: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParameterNotFoundError);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).message).toBe('Configuration profile nope not found in shop/prod');
    expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('passes sdkOptions to StartConfigurationSession, and honours the interval it asks for', async () => {
    const appConfig = provider();
    await appConfig.get('flags', { sdkOptions: { RequiredMinimumPollIntervalInSeconds: 15 }, maxAge: 0 });
    now += 15_000;
    await appConfig.get('flags', { maxAge: 0 });
    expect(calls('GetLatestConfiguration')).toBe(2);
    await expect(provider().get('flags', { sdkOptions: { RequiredMinimumPollIntervalInSeconds: 1 } })).rejects.toThrow(
      /RequiredMinimumPollIntervalInSeconds|15/i,
    );
  });

  it('reads another application or environment when the call names it', async () => {
    const appConfig = provider();
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: true });
    expect(await appConfig.get('flags', { transform: 'json', environment: 'staging' })).toEqual({ beta: false });
    expect(await appConfig.get('flags', { transform: 'json', application: 'billing' })).toEqual({ invoices: 'v2' });
    expect(calls('StartConfigurationSession')).toBe(3);
    await expect(appConfig.get('flags', { environment: '' })).rejects.toBeInstanceOf(TypeError);
    await expect(appConfig.get('flags', { application: ' ' })).rejects.toThrow(/application/);
  });

  it('serves the last value when a refresh is throttled, within the stale-if-error window', async () => {
    const appConfig = provider();
    await appConfig.get('flags');
    now += POLL_MS;
    ctx.emulator.faults.add({ service: 'appconfigdata', throttleRate: 1, times: 1 });
    expect(text(await appConfig.get('flags'))).toBe('{"beta":true}');
    expect(appConfig.stats().staleServed).toBe(1);
    // The throttled poll spent no token: the next one goes through with it.
    expect(text(await appConfig.get('flags'))).toBe('{"beta":true}');
    expect(calls('StartConfigurationSession')).toBe(1);
  });

  it('serves values put with addToCache under Powertools-style keys', async () => {
    const appConfig = provider();
    appConfig.addToCache('flags,json', { beta: 'cached' }, 60);
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ beta: 'cached' });
    expect(appConfig.hasKeyExpiredInCache('flags,json')).toBe(false);
    expect(calls()).toBe(0);
    // As in Powertools, a bare 'motd' is not the key of get('motd'): that one is 'motd,'.
    appConfig.addToCache('motd', 'bare', 60);
    expect(appConfig.hasKeyExpiredInCache('motd')).toBe(false);
    expect(text(await appConfig.get('motd'))).toBe('Welcome!');
    expect(appConfig.hasKeyExpiredInCache('motd,')).toBe(false);
    const theirs = new PtAppConfigProvider({
      application: 'shop',
      environment: 'prod',
      clientConfig: ctx.clientConfig,
    });
    theirs.addToCache('motd', 'bare', 60);
    expect(text(await theirs.get('motd'))).toBe('Welcome!');
    expect(theirs.hasKeyExpiredInCache('motd,')).toBe(false);
  });

  it('does not support getMultiple: rejects with Powertools’ message, the reason in the cause', async () => {
    const error = await provider()
      .getMultiple('flags')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).message).toBe('Method not implemented.');
    expect(((error as Error).cause as Error).message).toMatch(/AppConfig has no paths.*get\(\)/);
    const theirs = await new PtAppConfigProvider({
      application: 'shop',
      environment: 'prod',
      clientConfig: ctx.clientConfig,
    })
      .getMultiple('flags')
      .catch((e: unknown) => e);
    expect({ name: (theirs as Error).name, message: (theirs as Error).message }).toEqual({
      name: (error as Error).name,
      message: (error as Error).message,
    });
    expect(calls()).toBe(0);
  });

  it('uses a client given to it, and creates none until the first call', async () => {
    const client = new AppConfigDataClient(ctx.clientConfig);
    const given = new AppConfigProvider({ environment: 'prod', application: 'shop', awsSdkV3Client: client });
    expect(given.client).toBe(client);
    const lazy = provider();
    const other = new AppConfigDataClient(ctx.clientConfig);
    lazy.client = other;
    expect(lazy.client).toBe(other);
    expect(text(await lazy.get('motd'))).toBe('Welcome!');
  });

  it('takes the application from POWERTOOLS_SERVICE_NAME, and names it when neither is set', () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'billing');
    expect(() => new AppConfigProvider({ environment: 'prod', clientConfig: ctx.clientConfig })).not.toThrow();
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', undefined);
    expect(() => new AppConfigProvider({ environment: 'prod' })).toThrow(/POWERTOOLS_SERVICE_NAME/);
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', '  ');
    expect(() => new AppConfigProvider({ environment: 'prod' })).toThrow(
      'Application name is not defined or POWERTOOLS_SERVICE_NAME is not set',
    );
    expect(() => new AppConfigProvider({ environment: 'prod', application: 42 as never })).toThrow(/not defined/);
    expect(() => new AppConfigProvider({ environment: '', application: 'shop' })).toThrow(TypeError);
  });

  it('reads the application named by POWERTOOLS_SERVICE_NAME', async () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'billing');
    const appConfig = new AppConfigProvider({ environment: 'prod', clientConfig: ctx.clientConfig, now: clock });
    expect(await appConfig.get('flags', { transform: 'json' })).toEqual({ invoices: 'v2' });
  });
});
