import {
  AppConfigProvider as PtProvider,
  getAppConfig as ptGetAppConfig,
} from '@aws-lambda-powertools/parameters/appconfig';
import { DEFAULT_PROVIDERS as PT_DEFAULT_PROVIDERS } from '@aws-lambda-powertools/parameters/base';
import { afterEach, describe, expect, it } from 'vitest';
import { AppConfigProvider, getAppConfig } from '../src/appconfig/index.js';
import { GetParameterError, ParameterNotFoundError, TransformParameterError } from '../src/errors.js';
import { DEFAULT_PROVIDERS } from '../src/index.js';
import { appConfigSeed, text } from './helpers/appconfig.js';
import { useEmulatorEnvironment, useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator({
  appconfig: {
    applications: [
      ...(appConfigSeed.appconfig?.applications ?? []),
      { name: 'docs', environments: [{ name: 'prod', profiles: [{ name: 'cfg.json', content: '{"a":1}' }] }] },
    ],
  },
});
useEmulatorEnvironment(ctx, 'AWS_ENDPOINT_URL_APPCONFIGDATA');
afterEach(() => {
  delete DEFAULT_PROVIDERS.appconfig;
  delete PT_DEFAULT_PROVIDERS.appconfig;
});

const calls = () => ctx.emulator.requests.snapshot();
type Options = { application?: string; environment?: string };
/** What both providers' `get` accept here, so that one case can call either. */
type Reader = { get(name: string, options?: Record<string, unknown>): Promise<unknown> };
/** A fresh Powertools provider and a fresh paramkit one with the same options, on the emulator. */
const both = (options: Options = {}) => {
  const o = { application: 'shop', environment: 'prod', ...options, clientConfig: ctx.clientConfig };
  return [new PtProvider(o as never) as Reader, new AppConfigProvider(o as never) as Reader] as const;
};
/** What a call gave: its value, or its error's class, message and cause's name, and the API calls it made. */
async function outcome(call: () => Promise<unknown>) {
  ctx.emulator.requests.reset();
  try {
    const value = await call();
    return { value: value instanceof Uint8Array ? `bytes:${text(value)}` : value, calls: calls() };
  } catch (error) {
    const { name, message, cause } = error as Error;
    return { error: name, message, cause: (cause as Error | undefined)?.name, calls: calls() };
  }
}

describe('AppConfigProvider side by side with Powertools', () => {
  it('gives the same values, errors and calls for transforms, empty configurations and missing resources', async () => {
    const cases: [string, Options, (p: Reader) => Promise<unknown>][] = [
      ['raw', {}, (p) => p.get('motd')],
      ['json', {}, (p) => p.get('flags', { transform: 'json' })],
      ['JSON', {}, (p) => p.get('flags', { transform: 'JSON' })],
      ['binary', {}, (p) => p.get('secret.binary', { transform: 'binary' })],
      ['auto on .json', { application: 'docs' }, (p) => p.get('cfg.json', { transform: 'auto' })],
      ['empty', {}, (p) => p.get('empty')],
      ['empty json', {}, (p) => p.get('empty', { transform: 'json' })],
      ['empty throwOnMissing', {}, (p) => p.get('empty', { throwOnMissing: true })],
      ['missing profile', {}, (p) => p.get('nope')],
      ['missing environment', { environment: 'nope' }, (p) => p.get('flags')],
      ['not deployed', { environment: 'bare' }, (p) => p.get('flags')],
      ['missing application', { application: 'nope' }, (p) => p.get('flags')],
      ['bad sdkOptions', {}, (p) => p.get('flags', { sdkOptions: { RequiredMinimumPollIntervalInSeconds: 5 } })],
    ];
    for (const [label, options, call] of cases) {
      const [theirs, ours] = both(options);
      const expected = await outcome(() => call(theirs));
      expect({ label, ...(await outcome(() => call(ours))) }).toEqual({ label, ...expected });
    }
    // Expected values of their own, so that a change in both is seen too.
    const ours = new AppConfigProvider({ application: 'shop', environment: 'prod', clientConfig: ctx.clientConfig });
    expect(await ours.get('flags', { transform: 'json' })).toEqual({ beta: true });
    expect(await ours.get('empty')).toBeUndefined();
    await expect(ours.get('empty', { throwOnMissing: true })).rejects.toThrow(
      new ParameterNotFoundError('Parameter empty not found in the store'),
    );
    const missing = await ours.get('nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GetParameterError);
    expect((missing as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(ours.get('broken', { transform: 'json' })).rejects.toBeInstanceOf(TransformParameterError);
  });

  it('refuses a missing environment when the provider is created; Powertools sends it to AWS', async () => {
    ctx.emulator.requests.reset();
    expect(() => new AppConfigProvider({ application: 'shop', clientConfig: ctx.clientConfig } as never)).toThrow(
      new TypeError('The AppConfig environment (its name or id) must be a non-empty string'),
    );
    expect(ctx.emulator.requests.count()).toBe(0);
    const theirs = new PtProvider({ application: 'shop', clientConfig: ctx.clientConfig } as never);
    const error = await theirs.get('flags').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('GetParameterError');
    expect((error as Error).cause).toMatchObject({ name: 'BadRequestException' });
    expect(ctx.emulator.requests.count('StartConfigurationSession')).toBe(1);
  });

  it('getAppConfig rejects a missing environment before any call; Powertools sends it to AWS', async () => {
    ctx.emulator.requests.reset();
    await expect(getAppConfig('flags', { application: 'shop' } as never)).rejects.toThrow(TypeError);
    await expect(getAppConfig('flags', { application: 'shop', environment: ' ' })).rejects.toThrow(TypeError);
    expect(ctx.emulator.requests.count()).toBe(0);
    await expect(ptGetAppConfig('flags', { application: 'shop' } as never)).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'BadRequestException' },
    });
    expect(ctx.emulator.requests.count('StartConfigurationSession')).toBe(1);
  });
});
