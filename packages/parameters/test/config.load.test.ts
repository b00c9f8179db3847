import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { appConfig, defineConfig, dynamodb, secret, ssm } from '../src/config/index.js';
import { configSeed, testProviders } from './helpers/configSeed.js';
import { useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator(configSeed);
const calls = (operation?: string) => ctx.emulator.requests.count(operation);

const DbSchema = z.object({ host: z.string(), port: z.number() });

function declaration(providers = testProviders(ctx.clientConfig)) {
  const parameters = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`p${i}`, ssm(`/cfg/p${i}`)]));
  return defineConfig(
    {
      ...parameters,
      limits: ssm('/cfg/limits', { transform: 'json' }),
      port: ssm('/cfg/port', { transform: (value) => Number(value) }),
      db: secret('cfg/db', { transform: 'json', schema: DbSchema }),
      token: secret('cfg/token'),
      key: secret('cfg/key'),
      flags: appConfig({ application: 'shop', environment: 'prod', profile: 'flags' }, { transform: 'json' }),
      appLimits: appConfig({ application: 'shop', environment: 'prod', profile: 'limits' }, { transform: 'json' }),
      theme: dynamodb({ tableName: 'settings', name: 'theme' }),
      region: ssm('/cfg/region').optional(),
    },
    { maxAge: 300, providers },
  );
}

describe('defineConfig().get() against the emulator', () => {
  it('loads every entry, typed and transformed, in the fewest calls the services allow', async () => {
    const values = await declaration().get();
    const parameters = values as unknown as Record<string, string>;
    expect(parameters.p0).toBe('value-0');
    expect(parameters.p1).toBe('value-1'); // SecureString, decrypted by default
    expect(parameters.p24).toBe('value-24');
    expect(values.limits).toEqual({ rps: 10, burst: 20 });
    expect(values.port).toBe(5432);
    expect(values.db).toEqual({ host: 'db.internal', port: 5432 }); // the schema's output (password stripped)
    expect(values.token).toBe('t0ken-s3cret');
    expect(values.key).toEqual(new Uint8Array([0xff, 0x00, 0xfe]));
    expect(values.flags).toEqual({ beta: true });
    expect(values.appLimits).toEqual({ max: 3 });
    expect(values.theme).toBe('dark');
    expect(values.region).toBeUndefined();
    expect(Object.hasOwn(values, 'region')).toBe(true);
    // 28 SSM names → 3 GetParameters calls (10 + 10 + 8), all decrypted together; 3 secrets → 1 batch call.
    expect(ctx.emulator.requests.snapshot()).toEqual({
      GetParameters: 3,
      BatchGetSecretValue: 1,
      StartConfigurationSession: 2,
      GetLatestConfiguration: 2,
      GetItem: 1,
    });
  });

  it('answers a second get from the providers caches with no call', async () => {
    const config = declaration();
    await config.get();
    const before = calls();
    const again = await config.get();
    expect(again.limits).toEqual({ rps: 10, burst: 20 });
    expect(calls()).toBe(before);
  });

  it('shares one load between concurrent gets', async () => {
    const config = declaration();
    const [a, b, c] = await Promise.all([config.get(), config.get(), config.get()]);
    expect(a.token).toBe('t0ken-s3cret');
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(b).not.toBe(a); // each caller gets its own object
    expect(calls('GetParameters')).toBe(3);
    expect(calls('BatchGetSecretValue')).toBe(1);
  });

  it('shares the providers caches with direct reads, in both directions', async () => {
    const providers = testProviders(ctx.clientConfig);
    await providers.ssm.get('/cfg/limits', { transform: 'json', decrypt: true, maxAge: 300 });
    await providers.secrets.get('cfg/token', { maxAge: 300 });
    const config = defineConfig(
      { limits: ssm('/cfg/limits', { transform: 'json' }), token: secret('cfg/token'), db: secret('cfg/db') },
      { maxAge: 300, providers },
    );
    expect(await config.get()).toMatchObject({ limits: { rps: 10, burst: 20 }, token: 't0ken-s3cret' });
    expect(calls('GetParameters')).toBe(0);
    expect(calls('GetParameter')).toBe(1);
    // Only cfg/db was left to fetch: a declaration of two secrets batches what is not cached, even one id.
    expect(calls('BatchGetSecretValue')).toBe(1);
    expect(await providers.secrets.get('cfg/db', { maxAge: 300 })).toContain('db.internal');
    expect(calls('GetSecretValue')).toBe(1);
  });

  it('reads a selected secret version by id, and honours an entry maxAge of 0', async () => {
    const providers = testProviders(ctx.clientConfig);
    const config = defineConfig(
      {
        current: secret('cfg/rotated'),
        previous: secret('cfg/rotated', { versionStage: 'AWSPREVIOUS' }),
        live: ssm('/cfg/p0', { maxAge: 0 }),
      },
      { maxAge: 300, providers },
    );
    expect(await config.get()).toEqual({ current: 'new-s3cret', previous: 'old-s3cret', live: 'value-0' });
    expect(calls('GetSecretValue')).toBe(2);
    await config.get();
    expect(calls('GetSecretValue')).toBe(2);
    expect(calls('GetParameters')).toBe(2);
  });

  it('reads a parameter and a secret named _errors, which the batch calls refuse, alone', async () => {
    await new SSMClient(ctx.clientConfig).send(
      new PutParameterCommand({ Name: '_errors', Value: '{"n":1}', Type: 'SecureString' }),
    );
    await new SecretsManagerClient(ctx.clientConfig).send(
      new CreateSecretCommand({ Name: '_errors', SecretString: 'errors-s3cret' }),
    );
    const config = defineConfig(
      {
        ssmNamed: ssm('_errors', { transform: 'json' }),
        other: ssm('/cfg/p0'),
        secretNamed: secret('_errors'),
        token: secret('cfg/token'),
        db: secret('cfg/db', { transform: 'json' }),
      },
      { providers: testProviders(ctx.clientConfig) },
    );
    expect(await config.get()).toEqual({
      ssmNamed: { n: 1 },
      other: 'value-0',
      secretNamed: 'errors-s3cret',
      token: 't0ken-s3cret',
      db: { host: 'db.internal', port: 5432, password: 'hunter2-s3cret' },
    });
    // `_errors` alone (GetParameter, GetSecretValue), the others still in their batch calls.
    expect(ctx.emulator.requests.snapshot()).toMatchObject({
      GetParameter: 1,
      GetParameters: 1,
      GetSecretValue: 1,
      BatchGetSecretValue: 1,
    });
  });

  it("reads secrets one GetSecretValue each with secretsBatch: 'never'", async () => {
    const config = defineConfig(
      { token: secret('cfg/token'), db: secret('cfg/db'), key: secret('cfg/key') },
      { providers: testProviders(ctx.clientConfig), secretsBatch: 'never' },
    );
    expect((await config.get()).token).toBe('t0ken-s3cret');
    expect(calls('GetSecretValue')).toBe(3);
    expect(calls('BatchGetSecretValue')).toBe(0);
  });

  it('falls back to GetSecretValue when the batch call is throttled, in the same load', async () => {
    ctx.emulator.faults.add({ operation: 'BatchGetSecretValue', throttleRate: 1 });
    const config = defineConfig(
      { token: secret('cfg/token'), db: secret('cfg/db', { transform: 'json' }) },
      { providers: testProviders(ctx.clientConfig) },
    );
    expect(await config.get()).toEqual({
      token: 't0ken-s3cret',
      db: { host: 'db.internal', port: 5432, password: 'hunter2-s3cret' },
    });
    expect(calls('BatchGetSecretValue')).toBe(1);
    expect(calls('GetSecretValue')).toBe(2);
  });

  it('falls back to GetSecretValue, from then on, when the batch call is not permitted', async () => {
    const providers = testProviders(ctx.clientConfig);
    // The emulator has no IAM: an AccessDeniedException for the batch call is made here, over the real HTTP call.
    providers.secrets.client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'BatchGetSecretValueCommand') {
          throw Object.assign(new Error('not authorized to perform secretsmanager:BatchGetSecretValue'), {
            name: 'AccessDeniedException',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return result;
      },
      { step: 'deserialize' },
    );
    const config = defineConfig({ token: secret('cfg/token'), db: secret('cfg/db') }, { providers, maxAge: 0 });
    expect((await config.get()).token).toBe('t0ken-s3cret');
    expect(calls('BatchGetSecretValue')).toBe(1);
    expect(calls('GetSecretValue')).toBe(2);
    await config.get();
    expect(calls('BatchGetSecretValue')).toBe(1);
    expect(calls('GetSecretValue')).toBe(4);
  });

  it('serves values held in the providers caches through an outage (stale-if-error)', async () => {
    let now = 1_700_000_000_000;
    const providers = testProviders(ctx.clientConfig, () => now);
    const config = defineConfig(
      { a: ssm('/cfg/p0'), b: ssm('/cfg/p1'), token: secret('cfg/token'), db: secret('cfg/db') },
      { maxAge: 60, providers },
    );
    const first = await config.get();
    now += 61_000;
    ctx.emulator.faults.add({ throttleRate: 1 });
    expect(await config.get()).toEqual(first);
    expect(calls('GetParameters')).toBe(2);
    expect(calls('BatchGetSecretValue')).toBe(1 + 1);
  });
});
