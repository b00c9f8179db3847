import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfigProvider } from '../src/appconfig/index.js';
import {
  appConfig,
  type ConfigEntries,
  type ConfigOptions,
  defineConfig,
  dynamodb,
  isConfigError,
  secret,
  ssm,
} from '../src/config/index.js';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { SSMProvider } from '../src/ssm/index.js';
import type { StandardSchemaV1 } from '../src/types/standardSchema.js';
import { type Corruption, useCorruptingProxy } from './helpers/corruptingProxy.js';
import { type TestClientConfig, useTestEmulator } from './helpers/emulator.js';
import {
  assertNoLeak,
  assertNothingLeakedToConsole,
  captureConsole,
  leakIn,
  MARKER,
  rejectsWithoutLeak,
} from './helpers/leaks.js';
import { goodJson, leakAppConfig, leakySchemas, leakyTransforms, notBase64, notJson } from './helpers/leakValues.js';

// The config loader's error paths (issue 9, "the config paths as they land"), with every value holding MARKER:
// ConfigError, get({ throwOnError: false }) failures, toEnv, prefetch, transforms and schemas of every kind of
// entry, both ways of reading secrets, and answers the SDK cannot parse. No 8 characters of it may show.

const ctx = useTestEmulator({
  ssm: {
    parameters: [
      { name: '/leak/bad', value: notJson },
      { name: '/leak/secure', value: notJson, type: 'SecureString' },
      { name: '/leak/bad.binary', value: notBase64 },
      { name: '/leak/good', value: goodJson, type: 'SecureString' },
    ],
  },
  secretsmanager: {
    secrets: [
      { name: 'leak/text', value: notJson },
      { name: 'leak/other', value: notBase64 },
      { name: 'leak/json', value: goodJson },
    ],
  },
  appconfig: leakAppConfig,
  dynamodb: {
    tables: [
      {
        name: 'leak-one',
        partitionKey: 'id',
        items: [
          { id: 'bad', value: notJson },
          { id: 'good', value: goodJson },
        ],
      },
    ],
  },
});
const logged = captureConsole();

function providers(clientConfig: TestClientConfig) {
  return {
    ssm: new SSMProvider({ clientConfig }),
    secrets: new SecretsProvider({ clientConfig }),
    appConfig: new AppConfigProvider({ application: 'leak', environment: 'prod', clientConfig }),
    dynamodb: new DynamoDBProvider({ tableName: 'leak-one', clientConfig }),
  };
}

const schemas = leakySchemas;
const transforms = leakyTransforms;

/** One entry of every service with `transform`, plus a loaded value that holds MARKER too. */
function transformEntries(transform: (typeof transforms)[keyof typeof transforms]): ConfigEntries {
  const options = { transform } as { transform: 'json' };
  return {
    plain: ssm('/leak/bad', options),
    secure: ssm('/leak/secure', options),
    binary: ssm('/leak/bad.binary', options),
    text: secret('leak/text', options),
    other: secret('leak/other', options),
    profile: appConfig({ application: 'leak', environment: 'prod', profile: 'broken' }, options),
    item: dynamodb({ tableName: 'leak-one', name: 'bad' }, options),
    loaded: ssm('/leak/good'),
  };
}

function schemaEntries(schema: StandardSchemaV1): ConfigEntries {
  const options = { transform: 'json', schema } as const;
  return {
    parameter: ssm('/leak/good', options),
    secretValue: secret('leak/json', options),
    second: secret('leak/text', { schema }),
    profile: appConfig({ application: 'leak', environment: 'prod', profile: 'good' }, options),
    item: dynamodb({ tableName: 'leak-one', name: 'good' }, options),
    loaded: secret('leak/other'),
  };
}

/** Every way a declaration reports its failures, checked for leaks. */
async function checkDeclaration(label: string, entries: ConfigEntries, options: ConfigOptions): Promise<void> {
  for (const secretsBatch of ['auto', 'never'] as const) {
    const where = `${label} (${secretsBatch})`;
    const config = () => defineConfig(entries, { ...options, secretsBatch, providers: providers(ctx.clientConfig) });
    const error = await rejectsWithoutLeak(`${where} get`, () => config().get());
    expect(isConfigError(error), where).toBe(true);
    await rejectsWithoutLeak(`${where} toEnv`, () => config().toEnv({ env: {} }));
    const graceful = await config().get({ throwOnError: false });
    expect(graceful.failures.length, where).toBeGreaterThan(0);
    assertNoLeak(graceful.failures, `${where} failures`);
    // Not vacuous: what did load holds the marker, so the checker would have seen it anywhere it went.
    expect(leakIn(JSON.stringify(graceful.values)), where).toBeDefined();
    const env: Record<string, string | undefined> = {};
    const written = await defineConfig(entries, {
      ...options,
      secretsBatch,
      throwOnError: false,
      providers: providers(ctx.clientConfig),
    }).toEnv({ env });
    expect(leakIn(written.join(' ')), where).toBeUndefined();
    // Prefetched: the failure waits, unhandled nowhere, for the first get().
    const prefetched = defineConfig(entries, {
      ...options,
      secretsBatch,
      prefetch: true,
      providers: providers(ctx.clientConfig),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await rejectsWithoutLeak(`${where} prefetched get`, () => prefetched.get());
  }
}

describe('leak: config declarations', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('transforms that fail, in entries of every service', async () => {
    for (const [label, transform] of Object.entries(transforms)) {
      await checkDeclaration(`transform ${label}`, transformEntries(transform), {});
    }
    assertNothingLeakedToConsole(logged);
    expect(unhandled).toEqual([]);
  });

  it('schemas that refuse, throw or reject, in entries of every service', async () => {
    for (const [label, schema] of Object.entries(schemas)) {
      await checkDeclaration(`schema ${label}`, schemaEntries(schema), { maxAge: 1 });
    }
    assertNothingLeakedToConsole(logged);
    expect(unhandled).toEqual([]);
  });

  it('the ConfigError names entries and reasons, and keeps the causes for debugging', async () => {
    const config = defineConfig(
      { plain: ssm('/leak/bad', { transform: 'json' }), missing: ssm('/leak/none'), loaded: ssm('/leak/good') },
      { providers: providers(ctx.clientConfig) },
    );
    const error = await rejectsWithoutLeak('names', () => config.get());
    expect((error as Error).message).toBe(
      "Unable to load 2 of 3 configuration entries: plain (ssm '/leak/bad'): invalid-value [TransformParameterError]; " +
        "missing (ssm '/leak/none'): not-found [ParameterNotFoundError]",
    );
    const failures = isConfigError(error) ? error.failures : [];
    expect(failures.map((failure) => (failure.cause as Error).name)).toEqual([
      'TransformParameterError',
      'ParameterNotFoundError',
    ]);
  });
});

describe('leak: config over answers the SDK cannot parse', () => {
  const proxy = useCorruptingProxy(() => ctx.emulator.endpoint);

  const corruptions: Record<string, Corruption> = {
    unquoted: (body) => body.replaceAll(`"${MARKER}`, MARKER).replaceAll(`"{\\"password\\":\\"${MARKER}`, MARKER),
    bare: () => MARKER,
    truncated: (body) => body.slice(0, Math.max(body.indexOf(MARKER) + 12, 1)),
    errorBody: (body, status) => (status === 200 ? body : `<html>${MARKER}</html>`),
  };

  it('every service, both ways of reading secrets, throwing and gracefully', async () => {
    const { clientConfig } = proxy;
    const entries = {
      plain: ssm('/leak/bad'),
      good: ssm('/leak/good', { transform: 'json' }),
      text: secret('leak/text'),
      json: secret('leak/json', { transform: 'json' }),
      profile: appConfig({ application: 'leak', environment: 'prod', profile: 'good' }, { transform: 'json' }),
      item: dynamodb({ tableName: 'leak-one', name: 'good' }, { transform: 'json' }),
    };
    for (const [label, corrupt] of Object.entries(corruptions)) {
      for (const secretsBatch of ['auto', 'never'] as const) {
        proxy.corrupt = corrupt;
        const where = `${label} ${secretsBatch}`;
        const corruptedBefore = proxy.corrupted;
        const config = defineConfig(entries, { secretsBatch, providers: providers(clientConfig) });
        // Sound answers load every entry; each corruption breaks one at least (errorBody: AppConfig's 201 session).
        const error = await rejectsWithoutLeak(where, () => config.get());
        expect(isConfigError(error), where).toBe(true);
        const graceful = await defineConfig(entries, {
          secretsBatch,
          throwOnError: false,
          providers: providers(clientConfig),
        }).get();
        expect(graceful.failures.length, where).toBeGreaterThan(0);
        assertNoLeak(graceful.failures, `${where} failures`);
        expect(proxy.corrupted - corruptedBefore, where).toBeGreaterThan(0);
      }
    }
    assertNothingLeakedToConsole(logged);
  });
});
