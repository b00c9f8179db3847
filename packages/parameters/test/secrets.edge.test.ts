import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { ParameterNotFoundError } from '../src/errors.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { useTestEmulator } from './helpers/emulator.js';

// Answers the emulator never gives but a service or a proxy could: members left out, non-Error rejections.
// The SDK still makes the real HTTP call; a middleware edits its parsed output or replaces its outcome.

const ctx = useTestEmulator({ secretsmanager: { secrets: [{ name: 'edge/a', value: 'A' }] } });

type Script = (command: string, output: Record<string, unknown>) => void | Promise<void>;

function scriptedProvider(script: Script): SecretsProvider {
  const client = new SecretsManagerClient(ctx.clientConfig);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      await script(
        String(context.commandName).replace(/Command$/, ''),
        result.output as unknown as Record<string, unknown>,
      );
      return result;
    },
    { step: 'initialize' },
  );
  return new SecretsProvider({ awsSdkV3Client: client });
}

describe('odd answers', () => {
  it('treats a GetSecretValue answer without a value as missing', async () => {
    const secrets = scriptedProvider((_command, output) => {
      delete output.SecretString;
    });
    expect(await secrets.get('edge/a')).toBeUndefined();
    await expect(secrets.get('edge/a', { throwOnMissing: true, forceFetch: true })).rejects.toBeInstanceOf(
      ParameterNotFoundError,
    );
  });

  it('returns SecretBinary bytes that own their memory as they came, and copies a view into a shared buffer', async () => {
    // What a client of one's own (or a mock) may answer: Powertools hands back the very object, and so do we.
    const own = new Uint8Array([1, 2, 3]);
    const pooled = Buffer.from('pooled bytes');
    let answer: Uint8Array = own;
    const secrets = scriptedProvider((_command, output) => {
      delete output.SecretString;
      output.SecretBinary = answer;
    });
    expect(await secrets.get('edge/a')).toBe(own);
    answer = pooled;
    const copied = (await secrets.get('edge/a', { forceFetch: true })) as Buffer;
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    expect(copied).not.toBe(pooled);
    expect(Buffer.isBuffer(copied)).toBe(true);
    expect(copied.toString()).toBe('pooled bytes');
    expect(copied.buffer.byteLength).toBe(pooled.byteLength);
  });

  it('reports every id missing when BatchGetSecretValue answers with no lists at all', async () => {
    const secrets = scriptedProvider((_command, output) => {
      delete output.SecretValues;
      delete output.Errors;
    });
    expect(await secrets.getSecretsByName({ 'edge/a': {} }, { throwOnError: false })).toEqual({ _errors: ['edge/a'] });
  });

  it('falls back to the stages asked for when PutSecretValue does not list them', async () => {
    const secrets = scriptedProvider((command, output) => {
      if (command === 'PutSecretValue') {
        delete output.VersionStages;
        delete output.ARN;
      }
    });
    await secrets.set('edge/a', { value: 'pending', sdkOptions: { VersionStages: ['AWSPENDING'] } });
    expect(await secrets.get('edge/a')).toBe('A');
    await secrets.set('edge/a', { value: 'B' });
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(1);
    expect(await secrets.get('edge/a')).toBe('B');
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(1);
  });

  it('names non-Error rejections generically, never with their content', async () => {
    const secrets = scriptedProvider((command) => {
      if (['BatchGetSecretValue', 'PutSecretValue', 'GetSecretValue'].includes(command)) throw 's3cret-ish string';
      if (command === 'CreateSecret') throw null;
    });
    const batch = await secrets.getSecretsByName({ 'edge/a': {}, 'edge/b': {} }).catch((e: unknown) => e as Error);
    expect((batch as Error).message).toBe('Failed to fetch secrets: edge/a (Error), edge/b (Error)');
    // One id alone is thrown as its own error, and get wraps what the client threw: named generically as well.
    const single = await secrets.getSecretsByName({ 'edge/a': {} }).catch((e: unknown) => e as Error);
    expect(single).toMatchObject({ name: 'GetParameterError', message: 'Unable to get secrets: Error' });
    const got = await secrets.get('edge/a').catch((e: unknown) => e as Error);
    expect(got).toMatchObject({ name: 'GetParameterError', message: 'Error' });
    const put = await secrets.set('edge/a', { value: 'v' }).catch((e: unknown) => e as Error);
    expect((put as Error).message).toBe('Unable to set secret with name edge/a (Error)');

    // The SDK turns a null rejection into a TypeError; a client of another make could pass it on.
    const bare = {
      async send(command: object) {
        if (command.constructor.name === 'PutSecretValueCommand') throw { name: 'ResourceNotFoundException' };
        throw null;
      },
    };
    const creating = new SecretsProvider({ awsSdkV3Client: bare as unknown as SecretsManagerClient });
    const created = await creating.set('edge/new', { value: 'v', createIfMissing: true }).catch((e: unknown) => e);
    expect(created).toMatchObject({
      name: 'SetParameterError',
      message: 'Unable to set secret with name edge/new (Error)',
    });
    expect((created as Error).cause).toBeNull();
  });
});
