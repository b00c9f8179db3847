import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { GetParameterError, TransformParameterError } from '../src/errors.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { useTestEmulator } from './helpers/emulator.js';
import { fakeClock } from './helpers/MemoryProvider.js';

const ctx = useTestEmulator({
  secretsmanager: {
    secrets: [
      ...Array.from({ length: 50 }, (_, i) => ({ name: `batch/s${i}`, value: { i } })),
      { name: 'batch/bin', binary: Buffer.from([0xff, 0x00, 0xfe, 0x80]).toString('base64') },
      { name: 'batch/text', value: 'plain-s3cret' },
    ],
  },
});

const batchCalls = () => ctx.emulator.requests.count('BatchGetSecretValue');
const names = (count: number, options: object = {}) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`batch/s${i}`, { ...options }]));

/** A client whose BatchGetSecretValue answers are rewritten after the SDK parsed them (the HTTP call is real). */
function rewritingClient(rewrite: (output: { SecretValues?: unknown[]; Errors?: unknown[] }) => void) {
  const client = new SecretsManagerClient(ctx.clientConfig);
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      rewrite(result.output as { SecretValues?: unknown[]; Errors?: unknown[] });
      return result;
    },
    { step: 'initialize' },
  );
  return client;
}

describe('SecretsProvider.getSecretsByName', () => {
  it('batches twenty ids a BatchGetSecretValue call (45 names → 3 calls) and never one call per name', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const result = await secrets.getSecretsByName(names(45), { transform: 'json' });
    expect(result['batch/s0']).toEqual({ i: 0 });
    expect(result['batch/s44']).toEqual({ i: 44 });
    expect(Object.keys(result)).toHaveLength(45);
    expect(batchCalls()).toBe(3);
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(0);
    expect(secrets.stats()).toMatchObject({ misses: 45, apiCalls: 3 });
  });

  it('uses the cache (hits skip the call) and fills it, so a later get hits', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await secrets.get('batch/s0');
    const result = await secrets.getSecretsByName(names(21));
    expect(result['batch/s0']).toBe('{"i":0}');
    expect(batchCalls()).toBe(1);
    expect(await secrets.get('batch/s20')).toBe('{"i":20}');
    expect(await secrets.get('batch/s5', { sdkOptions: { VersionStage: 'AWSCURRENT' } })).toBe('{"i":5}');
    await secrets.getSecretsByName(names(21));
    expect(batchCalls()).toBe(1);
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(1);
  });

  it('keys the cache by transform and schema, per name over the global options', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const schema = z.object({ i: z.number() });
    const result = await secrets.getSecretsByName(
      { 'batch/s1': {}, 'batch/s2': { transform: 'json', schema }, 'batch/text': { transform: (v) => v.length } },
      { transform: 'json' },
    );
    expect(result).toEqual({ 'batch/s1': { i: 1 }, 'batch/s2': { i: 2 }, 'batch/text': 12 });
    expect(await secrets.get('batch/s1', { transform: 'json' })).toEqual({ i: 1 });
    expect(await secrets.get('batch/s2', { transform: 'json', schema })).toEqual({ i: 2 });
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(0);
  });

  it('honours maxAge 0, globally and per name', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await secrets.getSecretsByName(names(3), { maxAge: 0 });
    await secrets.getSecretsByName(names(3), { maxAge: 0 });
    await secrets.getSecretsByName({ 'batch/s0': { maxAge: 0 } }, { maxAge: 60 });
    expect(batchCalls()).toBe(3);
    expect(secrets.stats().size).toBe(0);
  });

  it('does not mutate the caller’s objects', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const perName = Object.freeze({
      'batch/s1': Object.freeze({}),
      'batch/s2': Object.freeze({ transform: 'json' as const }),
    });
    const global = Object.freeze({ maxAge: 30, throwOnError: false });
    const snapshot = JSON.stringify([perName, global]);
    const result = await secrets.getSecretsByName(perName, global);
    expect(JSON.stringify([perName, global])).toBe(snapshot);
    expect(result).not.toBe(perName);
  });

  it('returns binary secrets byte for byte', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const { 'batch/bin': value } = await secrets.getSecretsByName({ 'batch/bin': {} });
    expect(value).toBeInstanceOf(Uint8Array);
    expect([...(value as Uint8Array)]).toEqual([0xff, 0x00, 0xfe, 0x80]);
  });

  it('maps answers back to the ids asked for: names, full ARNs and partial ARNs', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const arn = ctx.emulator.secretsManager.getSecret('batch/s1')?.arn ?? '';
    const partial = (ctx.emulator.secretsManager.getSecret('batch/s2')?.arn ?? '').slice(0, -7);
    const result = await secrets.getSecretsByName({ 'batch/s0': {}, [arn]: {}, [partial]: {}, 'batch/s1': {} });
    expect(result).toEqual({ 'batch/s0': '{"i":0}', [arn]: '{"i":1}', [partial]: '{"i":2}', 'batch/s1': '{"i":1}' });
    expect(batchCalls()).toBe(1);
  });
});

describe('getSecretsByName errors', () => {
  it('lists failed names in _errors, in the caller’s order, when throwOnError is false', async () => {
    ctx.emulator.secretsManager.deleteSecret('batch/s3', { recoveryWindowInDays: 7 });
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const result = await secrets.getSecretsByName(
      { 'batch/text': { transform: 'json' }, 'batch/s0': {}, 'batch/missing': {}, 'batch/s3': {} },
      { throwOnError: false },
    );
    expect(result).toEqual({ 'batch/s0': '{"i":0}', _errors: ['batch/text', 'batch/missing', 'batch/s3'] });
    expect(await secrets.getSecretsByName({ 'batch/s0': {} }, { throwOnError: false })).toEqual({
      'batch/s0': '{"i":0}',
      _errors: [],
    });
  });

  it('throws by default: one failure as it is, several in one GetParameterError naming them', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const one = await secrets.getSecretsByName({ 'batch/s0': {}, 'batch/missing': {} }).catch((e: unknown) => e);
    expect(one).toBeInstanceOf(GetParameterError);
    expect((one as Error).message).toMatch(/'batch\/missing'/);
    expect((one as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });

    const several = await secrets
      .getSecretsByName({ 'batch/missing': {}, 'batch/gone': {}, 'batch/text': { transform: 'json' } })
      .catch((e: unknown) => e as Error);
    expect(several).toBeInstanceOf(GetParameterError);
    expect((several as Error).message).toBe(
      'Failed to fetch secrets: batch/missing (ResourceNotFoundException), batch/gone (ResourceNotFoundException)',
    );
    expect((several as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });

    const transform = await secrets
      .getSecretsByName({ 'batch/s1': {}, 'batch/text': { transform: 'json' } })
      .catch((e: unknown) => e as Error);
    expect(transform).toBeInstanceOf(TransformParameterError);
    expect(`${(transform as Error).message}${JSON.stringify(transform)}`).not.toContain('s3cret');
    // What succeeded before the throw is cached all the same.
    expect(await secrets.get('batch/s1')).toBe('{"i":1}');
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(0);
  });

  it('wraps a schema whose validate rejects, keeping what it threw out of sight', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const down = new Error('down');
    const schema = { '~standard': { version: 1, vendor: 'x', validate: () => Promise.reject(down) } };
    const error = await secrets
      .getSecretsByName({ 'batch/s1': { schema: schema as never } })
      .catch((e: unknown) => e as TransformParameterError);
    expect(error).toMatchObject({
      name: 'TransformParameterError',
      message:
        "Unable to transform value using 'schema' transform: the schema's validate threw Error for 'batch/s1' (see originalError)",
    });
    expect(error.originalError).toBe(down);
    expect(error.cause).toBeUndefined();
  });

  it('refuses a secret named _errors in graceful mode, and input that is not an object', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await expect(secrets.getSecretsByName({ _errors: {} }, { throwOnError: false })).rejects.toThrow(/_errors/);
    await expect(secrets.getSecretsByName([] as never)).rejects.toBeInstanceOf(TypeError);
  });

  it('wraps a failed call, lists it in graceful mode, and serves stale values on transient errors', async () => {
    const clock = fakeClock();
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig, now: clock.now });
    ctx.emulator.faults.add({ operation: 'BatchGetSecretValue', throttleRate: 1, times: 1 });
    await expect(secrets.getSecretsByName(names(1))).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ThrottlingException' },
    });
    clock.advance(10_000); // past the backoff each transient failure starts, so the next call reaches AWS again
    ctx.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1, times: 1 });
    expect(await secrets.getSecretsByName(names(2), { throwOnError: false })).toEqual({
      _errors: ['batch/s0', 'batch/s1'],
    });
    clock.advance(10_000);

    await secrets.getSecretsByName(names(2));
    clock.advance(6_000);
    ctx.emulator.faults.add({ service: 'secretsmanager', serverErrorRate: 1, times: 1 });
    const stale = await secrets.getSecretsByName(names(2));
    expect(stale).toEqual({ 'batch/s0': '{"i":0}', 'batch/s1': '{"i":1}' });
    expect(secrets.stats().staleServed).toBe(2);

    clock.advance(1_000_000);
    ctx.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1, times: 1 });
    await expect(secrets.getSecretsByName(names(2))).rejects.toThrow(/Failed to fetch secrets: .*ThrottlingException/);
  });

  it('serves stale values for transient per-secret errors, and reports ids the answer leaves out', async () => {
    const clock = fakeClock();
    let rewrite = false;
    const client = rewritingClient((output) => {
      if (!rewrite) return;
      output.SecretValues = [];
      output.Errors = [
        { SecretId: 'batch/s0', ErrorCode: 'InternalServiceError', Message: 'try again' },
        { ErrorCode: 'InternalServiceError' },
        { SecretId: 'batch/s2' },
      ];
    });
    const secrets = new SecretsProvider({ awsSdkV3Client: client, now: clock.now });
    await secrets.getSecretsByName(names(1));
    clock.advance(6_000);
    rewrite = true;
    const result = await secrets.getSecretsByName(names(4), { throwOnError: false });
    expect(result).toEqual({ 'batch/s0': '{"i":0}', _errors: ['batch/s1', 'batch/s2', 'batch/s3'] });
    const error = await secrets.getSecretsByName({ 'batch/s1': {} }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/'batch\/s1' was neither in the values nor in the errors/);
    const unknown = await secrets.getSecretsByName({ 'batch/s2': {} }).catch((e: unknown) => e as Error);
    expect((unknown as Error).cause).toMatchObject({ name: 'UnknownError' });
  });

  it('treats maxAge 0 as no stale value either', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await secrets.getSecretsByName(names(1));
    ctx.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1, times: 1 });
    expect(await secrets.getSecretsByName(names(1), { maxAge: 0, throwOnError: false })).toEqual({
      _errors: ['batch/s0'],
    });
  });
});
