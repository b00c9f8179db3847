import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { GetParameterError, ParameterNotFoundError, TransformParameterError } from '../src/errors.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { useTestEmulator } from './helpers/emulator.js';
import { fakeClock } from './helpers/MemoryProvider.js';

const V1 = 'a1'.padEnd(32, '0');
const V2 = 'b2'.padEnd(32, '0');
const BYTES = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);

const ctx = useTestEmulator({
  secretsmanager: {
    secrets: [
      { name: 'app/token', value: 't0ken-s3cret' },
      { name: 'app/db', value: { host: 'db', port: 5432 } },
      { name: 'app/cert', binary: Buffer.from(BYTES).toString('base64') },
      { name: 'app/b64', value: Buffer.from('hello').toString('base64') },
      { name: 'app/garbled', value: 'not-json-s3cret' },
      {
        name: 'app/versioned',
        versions: [
          { value: 'one', versionId: V1 },
          { value: 'two', versionId: V2 },
        ],
      },
    ],
  },
});

const calls = (operation = 'GetSecretValue') => ctx.emulator.requests.count(operation);

describe('SecretsProvider.get against the emulator', () => {
  it('reads a SecretString as text and caches it', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    expect(await secrets.get('app/token')).toBe('t0ken-s3cret');
    expect(await secrets.get('app/token')).toBe('t0ken-s3cret');
    expect(calls()).toBe(1);
    expect(secrets.stats()).toMatchObject({ hits: 1, misses: 1, apiCalls: 1 });
  });

  it('reads by full and partial ARN, each cached under the id it was asked by', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const arn = ctx.emulator.secretsManager.getSecret('app/token')?.arn ?? '';
    expect(await secrets.get(arn)).toBe('t0ken-s3cret');
    expect(await secrets.get(arn.slice(0, -7))).toBe('t0ken-s3cret');
    expect(calls()).toBe(2);
  });

  it('returns a SecretBinary byte for byte, as a plain Uint8Array of its own', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const value = await secrets.get('app/cert');
    expect(value).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(value)).toBe(false);
    expect([...(value as Uint8Array)]).toEqual([0xff, 0x00, 0xfe, 0x80]);
    expect((value as Uint8Array).buffer.byteLength).toBe(4);
  });

  it('applies json, binary, function transforms and schemas, caching each apart', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    expect(await secrets.get('app/db', { transform: 'json' })).toEqual({ host: 'db', port: 5432 });
    expect(await secrets.get('app/db', { transform: 'JSON' as 'json' })).toEqual({ host: 'db', port: 5432 });
    expect(await secrets.get('app/b64', { transform: 'binary' })).toBe('hello');
    expect(await secrets.get('app/cert', { transform: (value) => (value as Uint8Array).length })).toBe(4);
    const schema = z.object({ host: z.string(), port: z.number() });
    expect(await secrets.get('app/db', { transform: 'json', schema })).toEqual({ host: 'db', port: 5432 });
    expect(await secrets.get('app/db')).toBe('{"host":"db","port":5432}');
    expect(calls()).toBe(5);
  });

  it('fails a transform with TransformParameterError that never shows the value', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const json = await secrets.get('app/garbled', { transform: 'json' }).catch((e: unknown) => e);
    expect(json).toBeInstanceOf(TransformParameterError);
    expect((json as Error).message).toContain("'app/garbled'");
    const binary = await secrets.get('app/cert', { transform: 'binary' }).catch((e: unknown) => e);
    expect(binary).toBeInstanceOf(TransformParameterError);
    const thrown = await secrets
      .get('app/token', {
        transform: () => {
          throw new Error('boom');
        },
      })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransformParameterError);
    for (const error of [json, binary, thrown]) {
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toMatch(/s3cret|t0ken/);
    }
    await expect(
      secrets.get('app/db', { transform: 'json', schema: z.object({ host: z.number() }) }),
    ).rejects.toMatchObject({ name: 'SchemaValidationError' });
  });

  it('rejects a value that fails its schema without showing it', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const error = await secrets
      .get('app/token', { schema: z.string().regex(/^\d+$/) })
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'SchemaValidationError' });
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('s3cret');
  });

  it('wraps not-found in GetParameterError with the SDK error as cause, or ParameterNotFoundError with throwOnMissing', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const error = await secrets.get('app/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect(error).not.toBeInstanceOf(ParameterNotFoundError);
    expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
    const missing = await secrets.get('app/nope', { throwOnMissing: true }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ParameterNotFoundError);
    expect((missing as Error).message).toBe('Parameter app/nope not found in the store');
    await expect(
      secrets.get('app/versioned', { sdkOptions: { VersionStage: 'NOPE' }, throwOnMissing: true }),
    ).rejects.toBeInstanceOf(ParameterNotFoundError);
  });

  it('passes other errors through as GetParameterError even with throwOnMissing', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    ctx.emulator.secretsManager.deleteSecret('app/token', { recoveryWindowInDays: 7 });
    await expect(secrets.get('app/token', { throwOnMissing: true })).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'InvalidRequestException' },
    });
  });
});

describe('versions, stages and rotation', () => {
  it('selects versions by id and stage, caching each apart; AWSCURRENT and no selector share one key', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    expect(await secrets.get('app/versioned')).toBe('two');
    expect(await secrets.get('app/versioned', { sdkOptions: {} })).toBe('two');
    expect(await secrets.get('app/versioned', { sdkOptions: { VersionStage: 'AWSCURRENT' } })).toBe('two');
    expect(calls()).toBe(1);
    expect(await secrets.get('app/versioned', { sdkOptions: { VersionStage: 'AWSPREVIOUS' } })).toBe('one');
    expect(await secrets.get('app/versioned', { sdkOptions: { VersionId: V1 } })).toBe('one');
    expect(await secrets.get('app/versioned', { sdkOptions: { VersionId: V2 } })).toBe('two');
    expect(await secrets.get('app/versioned', { sdkOptions: { VersionId: V1 } })).toBe('one');
    expect(calls()).toBe(4);
  });

  it('sees a rotated value only after maxAge, or at once with forceFetch', async () => {
    const clock = fakeClock();
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig, now: clock.now });
    expect(await secrets.get('app/token', { maxAge: 60 })).toBe('t0ken-s3cret');
    const rotated = ctx.emulator.secretsManager.putSecretValue('app/token', 'r0tated');
    clock.advance(59_999);
    expect(await secrets.get('app/token', { maxAge: 60 })).toBe('t0ken-s3cret');
    clock.advance(1);
    expect(await secrets.get('app/token', { maxAge: 60 })).toBe('r0tated');
    expect(await secrets.get('app/token', { sdkOptions: { VersionId: rotated } })).toBe('r0tated');

    ctx.emulator.secretsManager.putSecretValue('app/token', 'again');
    expect(await secrets.get('app/token', { maxAge: 60 })).toBe('r0tated');
    expect(await secrets.get('app/token', { maxAge: 60, forceFetch: true })).toBe('again');
    expect(await secrets.get('app/token', { maxAge: 60 })).toBe('again');
  });

  it('keeps reading AWSCURRENT while a rotation is pending', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    ctx.emulator.secretsManager.putSecretValue('app/token', 'pending', ['AWSPENDING']);
    expect(await secrets.get('app/token', { forceFetch: true })).toBe('t0ken-s3cret');
    expect(await secrets.get('app/token', { sdkOptions: { VersionStage: 'AWSPENDING' } })).toBe('pending');
  });
});

describe('SecretsProvider cache and client behaviour', () => {
  it('uses a client given to it, and creates none until the first call', async () => {
    const client = new SecretsManagerClient(ctx.clientConfig);
    const given = new SecretsProvider({ awsSdkV3Client: client });
    expect(given.client).toBe(client);
    expect(await given.get('app/token')).toBe('t0ken-s3cret');

    const lazy = new SecretsProvider({ clientConfig: ctx.clientConfig });
    expect(lazy.client).toBeInstanceOf(SecretsManagerClient);
    const replaced = new SecretsProvider();
    replaced.client = client;
    expect(await replaced.get('app/token')).toBe('t0ken-s3cret');
  });

  it('honours addToCache and clearCache', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    secrets.addToCache('app/token,', 'seeded', 60);
    expect(await secrets.get('app/token')).toBe('seeded');
    secrets.clearCache();
    expect(await secrets.get('app/token')).toBe('t0ken-s3cret');
  });
});

describe('SecretsProvider.getMultiple', () => {
  it('rejects with GetParameterError and Powertools’ message, without calling the service', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const error = await secrets.getMultiple('app/', { transform: 'json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).message).toBe('Method not implemented.');
    expect(((error as Error).cause as Error).message).toMatch(/getSecretsByName/);
    expect(ctx.emulator.requests.count()).toBe(0);
  });

  it('keeps _getMultiple unusable too', async () => {
    class Exposed extends SecretsProvider {
      multiple(path: string) {
        return this._getMultiple(path);
      }
    }
    await expect(new Exposed({ clientConfig: ctx.clientConfig }).multiple('app/')).rejects.toThrow(
      'Method not implemented.',
    );
  });
});
