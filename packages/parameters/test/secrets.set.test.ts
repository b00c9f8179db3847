import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { SetParameterError } from '../src/errors.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator({ secretsmanager: { secrets: [{ name: 'app/token', value: 'old-s3cret' }] } });

const calls = (operation: string) => ctx.emulator.requests.count(operation);
const messages = (error: unknown) => `${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).cause}`;

describe('SecretsProvider.set', () => {
  it('puts a new AWSCURRENT version, returns its id and caches the value for the next get', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    expect(await secrets.get('app/token')).toBe('old-s3cret');
    expect(await secrets.get('app/token', { transform: (v) => `${v}!` })).toBe('old-s3cret!');
    const versionId = await secrets.set('app/token', { value: 'new-s3cret' });
    expect(versionId).toBe(ctx.emulator.secretsManager.getSecret('app/token')?.currentVersionId);
    expect(await secrets.get('app/token')).toBe('new-s3cret');
    expect(calls('GetSecretValue')).toBe(2);
    // Other cached forms of the secret were dropped, not left stale.
    expect(await secrets.get('app/token', { transform: (v) => `${v}!` })).toBe('new-s3cret!');
    expect(calls('GetSecretValue')).toBe(3);
    expect(ctx.emulator.secretsManager.getSecretValue('app/token', 'AWSPREVIOUS')).toBe('old-s3cret');
  });

  it('drops values cached under the secret’s ARN too', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const arn = ctx.emulator.secretsManager.getSecret('app/token')?.arn ?? '';
    expect(await secrets.get(arn)).toBe('old-s3cret');
    await secrets.set('app/token', { value: 'new-s3cret' });
    expect(await secrets.get(arn)).toBe('new-s3cret');
  });

  it('stores bytes as SecretBinary, cached as its own copy', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
    await secrets.set('app/token', { value: bytes });
    bytes[0] = 0;
    expect([...((await secrets.get('app/token')) as Uint8Array)]).toEqual([0xff, 0x00, 0xfe, 0x80]);
    secrets.clearCache();
    expect([...((await secrets.get('app/token')) as Uint8Array)]).toEqual([0xff, 0x00, 0xfe, 0x80]);
  });

  it('does not cache a version that is not AWSCURRENT (a pending rotation)', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await secrets.set('app/token', { value: 'pending', sdkOptions: { VersionStages: ['AWSPENDING'] } });
    expect(await secrets.get('app/token')).toBe('old-s3cret');
    expect(await secrets.get('app/token', { sdkOptions: { VersionStage: 'AWSPENDING' } })).toBe('pending');
  });

  it('creates a missing secret with createIfMissing, with its description, KMS key and request token', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const token = 'c0'.padEnd(32, '1');
    const versionId = await secrets.set('app/new', {
      value: 'fresh',
      createIfMissing: true,
      description: 'made by a test',
      kmsKeyId: 'alias/test',
      sdkOptions: { ClientRequestToken: token },
    });
    expect(versionId).toBe(token);
    expect(ctx.emulator.secretsManager.getSecret('app/new')).toMatchObject({
      description: 'made by a test',
      kmsKeyId: 'alias/test',
    });
    expect(await secrets.get('app/new')).toBe('fresh');
    expect(calls('CreateSecret')).toBe(1);
    expect(calls('GetSecretValue')).toBe(0);
    const plainVersion = await secrets.set('app/plain', { value: 'p', createIfMissing: true });
    expect(plainVersion).toBe(ctx.emulator.secretsManager.getSecret('app/plain')?.currentVersionId);
    expect(ctx.emulator.secretsManager.getSecretValue('app/plain')).toBe('p');
  });

  it('puts again when another writer creates the secret between its put and its create', async () => {
    const client = new SecretsManagerClient(ctx.clientConfig);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'CreateSecretCommand' && !ctx.emulator.secretsManager.getSecret('app/raced')) {
          ctx.emulator.secretsManager.createSecret({ name: 'app/raced', value: 'theirs' });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const secrets = new SecretsProvider({ awsSdkV3Client: client });
    await secrets.set('app/raced', { value: 'ours', createIfMissing: true });
    expect(ctx.emulator.secretsManager.getSecretValue('app/raced')).toBe('ours');
    expect(calls('PutSecretValue')).toBe(2);
  });

  it('fails with SetParameterError naming the secret, never the value', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    const missing = await secrets.set('app/none', { value: 'v4lue-s3cret' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SetParameterError);
    expect((missing as Error).message).toBe('Unable to set secret with name app/none (ResourceNotFoundException)');
    expect((missing as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(messages(missing)).not.toContain('s3cret');

    const tooBig = 's3cret'.repeat(11_000);
    const big = await secrets.set('app/token', { value: tooBig }).catch((e: unknown) => e);
    expect(big).toMatchObject({ name: 'SetParameterError', cause: { name: 'ValidationException' } });
    expect(messages(big)).not.toContain('s3cret');

    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/none';
    const invalid = await secrets.set(arn, { value: 'x', createIfMissing: true }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ name: 'SetParameterError', cause: { name: 'ValidationException' } });
    expect(await secrets.get('app/token')).toBe('old-s3cret');
  });

  it('checks its arguments before calling the service', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await expect(secrets.set('', { value: 'x' })).rejects.toBeInstanceOf(TypeError);
    const error = await secrets.set('app/token', { value: 42 as never }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("The value to set for secret 'app/token' must be a string or a Uint8Array");
    await expect(secrets.set('app/token', undefined as never)).rejects.toBeInstanceOf(TypeError);
    expect(ctx.emulator.requests.count()).toBe(0);
  });
});
