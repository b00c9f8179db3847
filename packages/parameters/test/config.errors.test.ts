import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import {
  appConfig,
  ConfigError,
  type ConfigResult,
  defineConfig,
  dynamodb,
  isConfigError,
  secret,
  ssm,
} from '../src/config/index.js';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { isParameterNotFoundError, isTransformParameterError, SchemaValidationError } from '../src/errors.js';
import { configSeed, testProviders } from './helpers/configSeed.js';
import { useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator(configSeed);
const SECRET_TEXT = ['hunter2-s3cret', 't0ken-s3cret', 'value-0', '{not json'];

function failing() {
  return defineConfig(
    {
      url: ssm('/cfg/p0'),
      missing: ssm('/cfg/nope'),
      broken: ssm('/cfg/broken', { transform: 'json' }),
      token: secret('cfg/token'),
      gone: secret('cfg/gone'),
      db: secret('cfg/db', { transform: 'json', schema: z.object({ host: z.number() }) }),
    },
    { providers: testProviders(ctx.clientConfig) },
  );
}

describe('defineConfig().get() failures', () => {
  it('rejects with one ConfigError naming every failed entry, its service, name and reason, and no value', async () => {
    const error = await failing()
      .get()
      .catch((e: unknown) => e);
    expect(isConfigError(error)).toBe(true);
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.failures.map(({ key, service, name, reason }) => ({ key, service, name, reason }))).toEqual([
      { key: 'missing', service: 'ssm', name: '/cfg/nope', reason: 'not-found' },
      { key: 'broken', service: 'ssm', name: '/cfg/broken', reason: 'invalid-value' },
      { key: 'gone', service: 'secrets', name: 'cfg/gone', reason: 'not-found' },
      { key: 'db', service: 'secrets', name: 'cfg/db', reason: 'invalid-value' },
    ]);
    expect(configError.message).toBe(
      "Unable to load 4 of 6 configuration entries: missing (ssm '/cfg/nope'): not-found [ParameterNotFoundError]; " +
        "broken (ssm '/cfg/broken'): invalid-value [TransformParameterError]; " +
        "gone (secrets 'cfg/gone'): not-found [ResourceNotFoundException]; " +
        "db (secrets 'cfg/db'): invalid-value [SchemaValidationError]",
    );
    expect(isParameterNotFoundError(configError.failures[0]?.cause)).toBe(true);
    expect(isTransformParameterError(configError.failures[1]?.cause)).toBe(true);
    expect(configError.failures[3]?.cause).toBeInstanceOf(SchemaValidationError);
    expect(configError.cause).toBeInstanceOf(AggregateError);
    const shown = [inspect(configError, { depth: 10 }), JSON.stringify(configError), String(configError.stack)].join();
    for (const text of SECRET_TEXT) expect(shown).not.toContain(text);
  });

  it('with throwOnError: false resolves to the values that loaded and the failures', async () => {
    const result = await failing().get({ throwOnError: false });
    expect(result.values).toEqual({ url: 'value-0', token: 't0ken-s3cret' });
    expect(result.failures.map((failure) => failure.key)).toEqual(['missing', 'broken', 'gone', 'db']);
    const declared = defineConfig(
      { url: ssm('/cfg/p0'), missing: ssm('/cfg/nope') },
      { providers: testProviders(ctx.clientConfig), throwOnError: false },
    );
    const graceful = await declared.get();
    expect(graceful.values.url).toBe('value-0');
    expect(graceful.failures).toHaveLength(1);
    await expect(declared.get({ throwOnError: true })).rejects.toThrow(ConfigError);
  });

  it('names the one failure as the cause when only one entry failed', async () => {
    const config = defineConfig(
      { missing: secret('cfg/gone'), token: secret('cfg/token') },
      {
        providers: testProviders(ctx.clientConfig),
      },
    );
    const error = (await config.get().catch((e: unknown) => e)) as ConfigError;
    expect(error.failures).toHaveLength(1);
    expect(error.cause).toBe(error.failures[0]?.cause);
  });

  it('an optional entry is undefined when missing, but still fails for any other reason', async () => {
    const providers = testProviders(ctx.clientConfig);
    const config = defineConfig(
      { maybe: ssm('/cfg/nope').optional(), maybeSecret: secret('cfg/gone').optional(), url: ssm('/cfg/p0') },
      { providers, maxAge: 60 },
    );
    expect(await config.get()).toEqual({ maybe: undefined, maybeSecret: undefined, url: 'value-0' });
    const calls = ctx.emulator.requests.count();
    await config.get();
    expect(ctx.emulator.requests.count()).toBe(calls); // known missing for maxAge: no call

    ctx.emulator.faults.add({ throttleRate: 1 });
    const broken = defineConfig({ maybe: ssm('/cfg/other').optional() }, { providers });
    const error = (await broken.get().catch((e: unknown) => e)) as ConfigError;
    expect(error.failures).toMatchObject([{ key: 'maybe', reason: 'fetch-failed' }]);
    expect(error.message).toContain('[ThrottlingException]');
  });

  it('checks the declaration up front, naming the entry and option at fault', () => {
    expect(() => defineConfig({ a: '/cfg/p0' as never })).toThrow("Entry 'a' is not a config entry");
    expect(() => defineConfig({ a: ssm('/x', { maxAge: -1 }) })).toThrow("maxAge of entry 'a'");
    expect(() => defineConfig({ a: ssm('/x', { transform: 'yaml' as never }) })).toThrow(
      "Entry 'a': Invalid transform",
    );
    expect(() => defineConfig({ a: ssm('/x', { schema: {} as never }) })).toThrow("Entry 'a': Invalid schema");
    expect(() => defineConfig({ a: ssm('/x', { env: '1BAD' }) })).toThrow('not a usable environment variable name');
    expect(() => defineConfig({ dbUrl: ssm('/x'), db_url: ssm('/y') })).toThrow(
      "Entries 'dbUrl' and 'db_url' both map to DB_URL",
    );
    expect(() => defineConfig({}, { secretsBatch: 'sometimes' as never })).toThrow('secretsBatch');
    expect(() => ssm('')).toThrow('ssm(): the parameter name must be a non-empty string');
    expect(() => secret('cfg/x', 'json' as never)).toThrow('options must be an object');
  });

  it('refuses unknown options and options of the wrong type, at definition time', () => {
    expect(() => ssm('/x', { maxage: 60 } as never)).toThrow("ssm('/x'): unknown option 'maxage'");
    expect(() => secret('x', { versionStage: 'AWSPREVIOUS', decrypt: true } as never)).toThrow(
      "secret('x'): unknown option 'decrypt'",
    );
    expect(() => ssm('/x', { decrypt: 'no' as never })).toThrow("ssm('/x'): decrypt must be true or false");
    expect(() => ssm('/x', { env: 42 as never })).toThrow("ssm('/x'): env must be a non-empty string");
    expect(() => secret('x', { versionId: '' })).toThrow("secret('x'): versionId must be a non-empty string");
    expect(() => appConfig({ application: 'a', environment: 'e', profile: 'p' }, { sdkOptions: 'x' as never })).toThrow(
      'sdkOptions must be an object',
    );
    expect(() => defineConfig({}, { maxage: 60 } as never)).toThrow("defineConfig: unknown option 'maxage'");
    for (const flag of ['throwOnError', 'prefetch', 'decrypt']) {
      expect(() => defineConfig({}, { [flag]: 'false' } as never)).toThrow(
        `defineConfig: ${flag} must be true or false`,
      );
    }
    expect(() => defineConfig({}, { providers: { ssm: {} } as never })).toThrow(
      'defineConfig: providers.ssm must be a provider',
    );
    expect(() => defineConfig({}, { providers: { kms: {} } as never })).toThrow("unknown provider 'kms'");
    expect(() => defineConfig({}, [] as never)).toThrow('defineConfig options must be an object');
  });

  it('types get() as either shape when throwOnError is a boolean known only at run time', async () => {
    const strict = process.env.PARAMKIT_TEST_LENIENT !== '1';
    const config = defineConfig(
      { url: ssm('/cfg/p0') },
      { providers: testProviders(ctx.clientConfig), throwOnError: strict },
    );
    const values = await config.get();
    expectTypeOf(values).toEqualTypeOf<{ url: string } | ConfigResult<{ url: string }>>();
    expect(values).toEqual({ url: 'value-0' });
    const graceful = await defineConfig({ url: ssm('/cfg/p0') }, { providers: testProviders(ctx.clientConfig) }).get({
      throwOnError: !strict,
    });
    expectTypeOf(graceful).toEqualTypeOf<{ url: string } | ConfigResult<{ url: string }>>();
    expect(graceful).toEqual({ values: { url: 'value-0' }, failures: [] });
  });
});

describe('optional DynamoDB entries', () => {
  it('forgive a missing item but not a missing table (a mistyped table name)', async () => {
    const config = defineConfig(
      {
        missingItem: dynamodb({ tableName: 'settings', name: 'nope' }).optional(),
        missingTable: dynamodb({ tableName: 'no-such-table', name: 'theme' }).optional(),
      },
      {
        providers: {
          dynamodb: (target) => new DynamoDBProvider({ tableName: target.tableName, clientConfig: ctx.clientConfig }),
        },
      },
    );
    const result = await config.get({ throwOnError: false });
    expect(result.values).toEqual({ missingItem: undefined });
    expect(result.failures.map((failure) => [failure.key, failure.reason])).toEqual([['missingTable', 'fetch-failed']]);
  });
});
