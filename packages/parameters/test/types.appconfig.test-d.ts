import type {
  GetAppConfigOptions as PtGetAppConfigOptions,
  AppConfigGetOutput as PtGetOutput,
  AppConfigProviderOptions as PtProviderOptions,
} from '@aws-lambda-powertools/parameters/appconfig/types';
import type {
  AppConfigAgentGetConfigOutput as PtAgentOutput,
  GetConfigOptions as PtGetConfigOptions,
} from '@aws-lambda-powertools/parameters/appconfig-agent/types';
import type { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { AppConfigGetOutput, AppConfigProviderOptions, GetAppConfigOptions } from '../src/appconfig/index.js';
import { AppConfigProvider, getAppConfig } from '../src/appconfig/index.js';
import type {
  AppConfigAgentGetConfigOutput,
  AppConfigAgentGetOutput,
  GetConfigOptions,
} from '../src/appconfig-agent/index.js';
import { getConfig } from '../src/appconfig-agent/index.js';
import type { JSONValue } from '../src/index.js';

const provider = new AppConfigProvider({ application: 'shop', environment: 'prod' });
const where = { application: 'shop', environment: 'prod' } as const;
type Flags = { beta: boolean };
const Flags = z.object({ beta: z.boolean() });

describe('AppConfigProvider.get return types', () => {
  it('is bytes without a transform, a JSON value for json and a string for binary', () => {
    expectTypeOf(provider.get('flags')).resolves.toEqualTypeOf<Uint8Array | undefined>();
    expectTypeOf(provider.get('flags', { maxAge: 10, forceFetch: true })).resolves.toEqualTypeOf<
      Uint8Array | undefined
    >();
    expectTypeOf(provider.get('flags', { transform: 'json' })).resolves.toEqualTypeOf<JSONValue | undefined>();
    expectTypeOf(provider.get('flags', { transform: 'binary' })).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(provider.get('flags', { environment: 'staging' })).resolves.toEqualTypeOf<Uint8Array | undefined>();
  });

  it('drops undefined with throwOnMissing: true', () => {
    expectTypeOf(provider.get('flags', { throwOnMissing: true })).resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(
      provider.get('flags', { transform: 'json', throwOnMissing: true }),
    ).resolves.toEqualTypeOf<JSONValue>();
    expectTypeOf(provider.get('flags', { throwOnMissing: false })).resolves.toEqualTypeOf<Uint8Array | undefined>();
  });

  it('takes an explicit type argument, still honouring throwOnMissing', () => {
    expectTypeOf(provider.get<Flags>('flags', { transform: 'json' })).resolves.toEqualTypeOf<Flags | undefined>();
    expectTypeOf(
      provider.get<Flags>('flags', { transform: 'json', throwOnMissing: true }),
    ).resolves.toEqualTypeOf<Flags>();
  });

  it('returns a schema’s output type, and a transform function’s return type', () => {
    expectTypeOf(provider.get('flags', { transform: 'json', schema: Flags })).resolves.toEqualTypeOf<
      Flags | undefined
    >();
    expectTypeOf(
      provider.get('flags', { transform: 'json', schema: Flags, throwOnMissing: true }),
    ).resolves.toEqualTypeOf<Flags>();
    expectTypeOf(provider.get('flags', { transform: (value) => String(value).length })).resolves.toEqualTypeOf<
      number | undefined
    >();
  });

  it('rejects options of the wrong shape', () => {
    // @ts-expect-error 'auto' is for getMultiple only, which AppConfig does not have
    provider.get('flags', { transform: 'auto' });
    // @ts-expect-error the identifiers are set by the provider
    provider.get('flags', { sdkOptions: { ConfigurationProfileIdentifier: 'x' } });
    provider.get('flags', { sdkOptions: { RequiredMinimumPollIntervalInSeconds: 30 } });
    expectTypeOf(provider.getMultiple('flags')).resolves.toEqualTypeOf<void>();
  });
});

describe('AppConfigProvider options', () => {
  it('needs an environment, and takes a client or a client configuration but not both', () => {
    expectTypeOf<{ environment: string }>().toExtend<AppConfigProviderOptions>();
    expectTypeOf<{ application: string }>().not.toExtend<AppConfigProviderOptions>();
    expectTypeOf<{
      environment: string;
      clientConfig: { region: string };
      maxEntries: number;
    }>().toExtend<AppConfigProviderOptions>();
    expectTypeOf<{
      environment: string;
      clientConfig: { region: string };
      awsSdkV3Client: AppConfigDataClient;
    }>().not.toExtend<AppConfigProviderOptions>();
    expectTypeOf(provider.client).toEqualTypeOf<AppConfigDataClient>();
  });
});

describe('getAppConfig return types', () => {
  it('matches the provider', () => {
    expectTypeOf(getAppConfig('flags', where)).resolves.toEqualTypeOf<Uint8Array | undefined>();
    expectTypeOf(getAppConfig('flags', { environment: 'prod' })).resolves.toEqualTypeOf<Uint8Array | undefined>();
    expectTypeOf(getAppConfig('flags', { ...where, transform: 'json' })).resolves.toEqualTypeOf<
      JSONValue | undefined
    >();
    expectTypeOf(getAppConfig('flags', { ...where, transform: 'binary' })).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(getAppConfig('flags', { ...where, throwOnMissing: true })).resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(getAppConfig('flags', { ...where, transform: 'json', schema: Flags })).resolves.toEqualTypeOf<
      Flags | undefined
    >();
    expectTypeOf(getAppConfig<Flags>('flags', { ...where, transform: 'json' })).resolves.toEqualTypeOf<
      Flags | undefined
    >();
    expectTypeOf(getAppConfig<Flags>('flags', { ...where, throwOnMissing: true })).resolves.toEqualTypeOf<Flags>();
  });

  it('needs an environment', () => {
    // @ts-expect-error environment is required
    getAppConfig('flags', { application: 'shop' });
    expectTypeOf<{ environment: string; maxAge: number }>().toExtend<GetAppConfigOptions>();
  });

  it('exports the output type for reuse', () => {
    expectTypeOf<AppConfigGetOutput>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<AppConfigGetOutput<undefined, { transform: 'binary' }>>().toEqualTypeOf<string>();
    expectTypeOf<AppConfigGetOutput<number, { transform: 'binary' }>>().toEqualTypeOf<number>();
  });
});

describe('getConfig (agent) return types', () => {
  it('is a string without a transform or with binary, a JSON value for json', () => {
    expectTypeOf(getConfig('flags', where)).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(getConfig('flags', { ...where, transform: 'binary', timeout: 1000 })).resolves.toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf(getConfig('flags', { ...where, transform: 'json' })).resolves.toEqualTypeOf<JSONValue | undefined>();
  });

  it('drops undefined with throwOnMissing: true, also with an explicit type', () => {
    expectTypeOf(getConfig('flags', { ...where, throwOnMissing: true })).resolves.toEqualTypeOf<string>();
    expectTypeOf(
      getConfig('flags', { ...where, transform: 'json', throwOnMissing: true }),
    ).resolves.toEqualTypeOf<JSONValue>();
    expectTypeOf(getConfig<Flags>('flags', { ...where, transform: 'json' })).resolves.toEqualTypeOf<
      Flags | undefined
    >();
    expectTypeOf(getConfig<Flags>('flags', { ...where, throwOnMissing: true })).resolves.toEqualTypeOf<Flags>();
  });

  it('returns a schema’s output type, and a transform function’s return type', () => {
    expectTypeOf(getConfig('flags', { ...where, transform: 'json', schema: Flags })).resolves.toEqualTypeOf<
      Flags | undefined
    >();
    expectTypeOf(getConfig('flags', { ...where, transform: (value) => String(value).length })).resolves.toEqualTypeOf<
      number | undefined
    >();
  });

  it('rejects options of the wrong shape', () => {
    // @ts-expect-error environment is required
    getConfig('flags', { application: 'shop' });
    // @ts-expect-error timeout is a number of milliseconds
    getConfig('flags', { ...where, timeout: '3s' });
  });

  it('exports the output types for reuse', () => {
    expectTypeOf<AppConfigAgentGetOutput>().toEqualTypeOf<string>();
    expectTypeOf<
      AppConfigAgentGetOutput<undefined, { environment: 'e'; transform: 'json' }>
    >().toEqualTypeOf<JSONValue>();
    expectTypeOf<AppConfigAgentGetConfigOutput<undefined, GetConfigOptions>>().toEqualTypeOf<string | undefined>();
  });
});

describe('drop-in for Powertools', () => {
  it('accepts every Powertools option object and infers the same value types', () => {
    expectTypeOf<PtProviderOptions>().toExtend<AppConfigProviderOptions>();
    expectTypeOf<NonNullable<PtGetAppConfigOptions>>().toExtend<GetAppConfigOptions>();
    expectTypeOf<PtGetConfigOptions>().toExtend<GetConfigOptions>();
    expectTypeOf<AppConfigGetOutput<undefined, { transform: 'json' }>>().toEqualTypeOf<
      PtGetOutput<undefined, { transform: 'json' }>
    >();
    expectTypeOf<AppConfigGetOutput<undefined, { maxAge: 1 }>>().toEqualTypeOf<PtGetOutput<undefined, { maxAge: 1 }>>();
    expectTypeOf<AppConfigGetOutput<undefined, { transform: 'binary' }>>().toEqualTypeOf<
      PtGetOutput<undefined, { transform: 'binary' }>
    >();
    expectTypeOf<AppConfigAgentGetConfigOutput<undefined, { environment: 'e'; transform: 'json' }>>().toEqualTypeOf<
      PtAgentOutput<undefined, { environment: 'e'; transform: 'json' }>
    >();
  });
});
