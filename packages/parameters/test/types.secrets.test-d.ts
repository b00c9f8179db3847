import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { JSONValue } from '../src/index.js';
import { getSecret, getSecretsByName, SecretsProvider, setSecret } from '../src/secrets/index.js';
import type { SecretsGetOutput, SecretsProviderOptions } from '../src/types/SecretsProvider.js';

const provider = new SecretsProvider();
type Config = { host: string; port: number };
const Config = z.object({ host: z.string(), port: z.number() });

describe('SecretsProvider construction', () => {
  it('exposes a SecretsManagerClient and takes a client or a config, not both', () => {
    expectTypeOf(provider.client).toEqualTypeOf<SecretsManagerClient>();
    expectTypeOf<{ clientConfig: { region: string } }>().toExtend<SecretsProviderOptions>();
    expectTypeOf<{
      clientConfig: object;
      awsSdkV3Client: SecretsManagerClient;
    }>().not.toExtend<SecretsProviderOptions>();
    new SecretsProvider({ maxEntries: 10, staleIfErrorSeconds: 0, now: () => 0 });
  });
});

describe('SecretsProvider.get and getSecret return types', () => {
  it('is string | Uint8Array | undefined by default', () => {
    expectTypeOf(provider.get('s')).resolves.toEqualTypeOf<string | Uint8Array | undefined>();
    expectTypeOf(getSecret('s')).resolves.toEqualTypeOf<string | Uint8Array | undefined>();
    expectTypeOf(getSecret('s', { maxAge: 10, forceFetch: true })).resolves.toEqualTypeOf<
      string | Uint8Array | undefined
    >();
    expectTypeOf(getSecret('s', { sdkOptions: { VersionStage: 'AWSPREVIOUS' } })).resolves.toEqualTypeOf<
      string | Uint8Array | undefined
    >();
  });

  it('is a JSON value for json and a string for binary', () => {
    expectTypeOf(getSecret('s', { transform: 'json' })).resolves.toEqualTypeOf<JSONValue | undefined>();
    expectTypeOf(getSecret('s', { transform: 'binary' })).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(provider.get('s', { transform: 'json' })).resolves.toEqualTypeOf<JSONValue | undefined>();
    expectTypeOf(provider.get('s', { transform: 'binary' })).resolves.toEqualTypeOf<string | undefined>();
  });

  it('drops undefined with throwOnMissing: true, and only then', () => {
    expectTypeOf(getSecret('s', { throwOnMissing: true })).resolves.toEqualTypeOf<string | Uint8Array>();
    expectTypeOf(getSecret('s', { transform: 'json', throwOnMissing: true })).resolves.toEqualTypeOf<JSONValue>();
    expectTypeOf(provider.get('s', { transform: 'binary', throwOnMissing: true })).resolves.toEqualTypeOf<string>();
    expectTypeOf(getSecret('s', { throwOnMissing: false })).resolves.toEqualTypeOf<string | Uint8Array | undefined>();
  });

  it('takes an explicit type argument, still honouring throwOnMissing', () => {
    expectTypeOf(getSecret<Config>('s', { transform: 'json' })).resolves.toEqualTypeOf<Config | undefined>();
    expectTypeOf(getSecret<Config>('s', { transform: 'json', throwOnMissing: true })).resolves.toEqualTypeOf<Config>();
    expectTypeOf(provider.get<number>('s', { throwOnMissing: true })).resolves.toEqualTypeOf<number>();
    expectTypeOf(provider.get<number>('s')).resolves.toEqualTypeOf<number | undefined>();
  });

  it('returns a schema’s output type, and a transform function’s return type', () => {
    expectTypeOf(getSecret('s', { transform: 'json', schema: Config })).resolves.toEqualTypeOf<Config | undefined>();
    expectTypeOf(
      provider.get('s', { transform: 'json', schema: Config, throwOnMissing: true }),
    ).resolves.toEqualTypeOf<Config>();
    expectTypeOf(getSecret('s', { transform: (value) => value.length })).resolves.toEqualTypeOf<number | undefined>();
    expectTypeOf(getSecret('s', { transform: (value) => value, throwOnMissing: true })).resolves.toEqualTypeOf<
      string | Uint8Array
    >();
  });

  it('matches Powertools’ output type for the shared cases', () => {
    expectTypeOf<SecretsGetOutput>().toEqualTypeOf<string | Uint8Array>();
    expectTypeOf<SecretsGetOutput<undefined, { transform: 'json' }>>().toEqualTypeOf<JSONValue>();
    expectTypeOf<SecretsGetOutput<undefined, { transform: 'binary' }>>().toEqualTypeOf<string>();
    expectTypeOf<SecretsGetOutput<Config, { transform: 'json' }>>().toEqualTypeOf<Config>();
  });

  it('rejects options of the wrong shape', () => {
    // @ts-expect-error 'auto' is for getMultiple only
    getSecret('s', { transform: 'auto' });
    // @ts-expect-error maxAge is a number of seconds
    getSecret('s', { maxAge: '5' });
    // @ts-expect-error SecretId comes from the name
    getSecret('s', { sdkOptions: { SecretId: 'other' } });
  });
});

describe('getMultiple, getSecretsByName and setSecret types', () => {
  it('getMultiple resolves to void, as in Powertools', () => {
    expectTypeOf(provider.getMultiple('p')).resolves.toEqualTypeOf<void>();
  });

  it('getSecretsByName is a record with optional _errors', () => {
    expectTypeOf(getSecretsByName({ a: {} })).resolves.toEqualTypeOf<
      Record<string, unknown> & { _errors?: string[] }
    >();
    expectTypeOf(
      provider.getSecretsByName<Config>({ a: { transform: 'json', schema: Config } }),
    ).resolves.toEqualTypeOf<Record<string, Config> & { _errors?: string[] }>();
    getSecretsByName({ a: { maxAge: 1, transform: (v) => v } }, { throwOnError: false, transform: 'json' });
    // @ts-expect-error throwOnError applies to the whole call, not to one secret
    getSecretsByName({ a: { throwOnError: false } });
  });

  it('set and setSecret return the new version id', () => {
    expectTypeOf(setSecret('s', 'v')).resolves.toEqualTypeOf<string>();
    expectTypeOf(
      setSecret('s', new Uint8Array(1), { createIfMissing: true, description: 'd' }),
    ).resolves.toEqualTypeOf<string>();
    expectTypeOf(
      provider.set('s', { value: 'v', kmsKeyId: 'k', sdkOptions: { VersionStages: ['AWSPENDING'] } }),
    ).resolves.toEqualTypeOf<string>();
    // @ts-expect-error a secret value is text or bytes
    setSecret('s', 42);
    // @ts-expect-error the value is given through the options of set
    provider.set('s', { createIfMissing: true });
  });
});
