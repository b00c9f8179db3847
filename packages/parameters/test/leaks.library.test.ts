import { describe, expect, it } from 'vitest';
import { AppConfigProvider } from '../src/appconfig/index.js';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { SSMProvider } from '../src/ssm/index.js';
import { useTestEmulator } from './helpers/emulator.js';
import {
  assertNoLeak,
  assertNothingLeakedToConsole,
  captureConsole,
  MARKER,
  rejectsWithoutLeak,
} from './helpers/leaks.js';
import { goodJson, leakAppConfig, leakySchemas, leakyTransforms, notBase64, notJson } from './helpers/leakValues.js';

// Every error path of the library reachable with values in the emulator (real HTTP): transforms, schemas, batches
// and writes. Each value holds MARKER; no 8 characters of it may show in what is thrown or logged.

const brokenJson = `{"password":"${MARKER}"`;
const notUtf8 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MARKER)]).toString('base64');

const ctx = useTestEmulator({
  ssm: {
    parameters: [
      { name: '/leak/bad.json', value: notJson },
      { name: '/leak/secure.json', value: brokenJson, type: 'SecureString' },
      { name: '/leak/bad.binary', value: notBase64 },
      { name: '/leak/bytes.binary', value: notUtf8 },
      { name: '/leak/good', value: goodJson },
    ],
  },
  secretsmanager: {
    secrets: [
      { name: 'leak/text', value: notJson },
      { name: 'leak/json', value: goodJson },
      { name: 'leak/bytes', binary: notUtf8 },
    ],
  },
  appconfig: leakAppConfig,
  dynamodb: {
    tables: [
      { name: 'leak-one', partitionKey: 'id', items: [{ id: 'bad', value: notJson }] },
      {
        name: 'leak-many',
        partitionKey: 'id',
        sortKey: 'sk',
        items: [
          { id: 'app', sk: 'bad.json', value: notJson },
          { id: 'app', sk: 'bad.binary', value: notBase64 },
        ],
      },
    ],
  },
});
const logged = captureConsole();

const schemas = leakySchemas;
// Typed as one member of the union so that each call picks an overload; the loops run every kind.
const transforms = leakyTransforms as unknown as Record<string, 'json'>;

describe('leak: transforms and schemas on one value', () => {
  it('SSM get', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    for (const [label, transform] of Object.entries(transforms)) {
      for (const name of ['/leak/bad.json', '/leak/bad.binary', '/leak/bytes.binary']) {
        await rejectsWithoutLeak(`${label} ${name}`, () => ssm.get(name, { transform, maxAge: 0 }));
      }
      await rejectsWithoutLeak(`${label} secure`, () => ssm.get('/leak/secure.json', { transform, decrypt: true }));
    }
    for (const [label, schema] of Object.entries(schemas)) {
      await rejectsWithoutLeak(label, () => ssm.get('/leak/good', { transform: 'json', schema }));
      await rejectsWithoutLeak(`${label} raw`, () => ssm.get('/leak/good', { schema }));
    }
    assertNothingLeakedToConsole(logged);
  });

  it('Secrets Manager, AppConfig and DynamoDB get', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const appConfig = new AppConfigProvider({
      application: 'leak',
      environment: 'prod',
      clientConfig: ctx.clientConfig,
    });
    const table = new DynamoDBProvider({ tableName: 'leak-one', clientConfig: ctx.clientConfig });
    for (const [label, transform] of Object.entries(transforms)) {
      for (const name of ['leak/text', 'leak/bytes']) {
        await rejectsWithoutLeak(`${label} ${name}`, () => secrets.get(name, { transform }));
      }
      await rejectsWithoutLeak(`${label} appconfig`, () => appConfig.get('broken', { transform }));
      await rejectsWithoutLeak(`${label} dynamodb`, () => table.get('bad', { transform }));
    }
    for (const [label, schema] of Object.entries(schemas)) {
      await rejectsWithoutLeak(`${label} secret`, () => secrets.get('leak/json', { transform: 'json', schema }));
      await rejectsWithoutLeak(`${label} appconfig`, () => appConfig.get('good', { transform: 'json', schema }));
    }
    assertNothingLeakedToConsole(logged);
  });
});

describe('leak: many values', () => {
  it('getMultiple with throwOnTransformError, for SSM and DynamoDB', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const table = new DynamoDBProvider({ tableName: 'leak-many', clientConfig: ctx.clientConfig });
    for (const [label, transform] of Object.entries({ ...transforms, auto: 'auto' as 'json' })) {
      const strict = { transform, throwOnTransformError: true, decrypt: true };
      await rejectsWithoutLeak(`${label} ssm`, () => ssm.getMultiple('/leak', strict));
      await rejectsWithoutLeak(`${label} dynamodb`, () => table.getMultiple('app', strict));
      // Lenient: failures are undefined entries, and nothing is logged about them.
      const lenient = await ssm.getMultiple('/leak', { transform, decrypt: true });
      expect(Object.values(lenient ?? {})).toContain(undefined);
    }
    for (const [label, schema] of Object.entries(schemas)) {
      const options = { transform: 'json', schema, throwOnTransformError: true } as const;
      await rejectsWithoutLeak(`${label} ssm`, () => ssm.getMultiple('/leak', options));
    }
    assertNothingLeakedToConsole(logged);
  });

  it('getParametersByName and getSecretsByName, throwing and gracefully', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    for (const [label, transform] of Object.entries(transforms)) {
      const parameters = {
        '/leak/bad.json': { transform },
        '/leak/secure.json': { transform, decrypt: true },
        '/leak/good': { transform: 'json' as const, schema: schemas.throwingSchema },
      };
      await rejectsWithoutLeak(`${label} parameters`, () => ssm.getParametersByName(parameters, { maxAge: 0 }));
      const graceful = await ssm.getParametersByName(parameters, { throwOnError: false, maxAge: 0 });
      assertNoLeak(graceful._errors, `${label} parameters _errors`);
      const ids = {
        'leak/text': { transform },
        'leak/json': { transform: 'json' as const, schema: schemas.quotingSchema },
      };
      await rejectsWithoutLeak(`${label} secrets`, () => secrets.getSecretsByName(ids, { maxAge: 0 }));
      const gracefulSecrets = await secrets.getSecretsByName(ids, { throwOnError: false, maxAge: 0 });
      assertNoLeak(gracefulSecrets._errors, `${label} secrets _errors`);
    }
    assertNothingLeakedToConsole(logged);
  });
});

describe('leak: writes', () => {
  it('setParameter and setSecret refused by the service', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const long = `${MARKER}${'x'.repeat(70_000)}`;
    await rejectsWithoutLeak('exists', () => ssm.set('/leak/good', { value: MARKER }));
    await rejectsWithoutLeak('too long', () => ssm.set('/leak/long', { value: long }));
    await rejectsWithoutLeak('pattern', () =>
      ssm.set('/leak/pattern', { value: MARKER, sdkOptions: { AllowedPattern: '^[0-9]+$' } }),
    );
    await rejectsWithoutLeak('bad type', () =>
      ssm.set('/leak/typed', { value: MARKER, parameterType: 'Bogus' as 'String' }),
    );
    await rejectsWithoutLeak('no such secret', () => secrets.set('leak/none', { value: MARKER }));
    await rejectsWithoutLeak('secret too long', () => secrets.set('leak/text', { value: long }));
    await rejectsWithoutLeak('value of the wrong type', () =>
      secrets.set('leak/text', { value: 42 as unknown as string }),
    );
    assertNothingLeakedToConsole(logged);
  });
});
