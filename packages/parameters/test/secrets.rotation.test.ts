import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { SecretsProvider } from '../src/secrets/index.js';
import { useTestEmulator } from './helpers/emulator.js';
import { fakeClock } from './helpers/MemoryProvider.js';

const ctx = useTestEmulator({
  secretsmanager: { secrets: [{ name: 'app/db', value: { user: 'app', password: 'first' } }] },
});

/**
 * A client whose DescribeSecret answers say rotation is on with the given next date. The emulator reports
 * RotationEnabled: false until it learns RotateSecret; this middleware is the seam until then.
 */
function rotatingClient(nextRotation: () => Date | undefined) {
  const client = new SecretsManagerClient(ctx.clientConfig);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const date = nextRotation();
      if (context.commandName === 'DescribeSecretCommand' && date !== undefined) {
        Object.assign(result.output as object, { RotationEnabled: true, NextRotationDate: date });
      }
      return result;
    },
    { step: 'initialize' },
  );
  return client;
}

async function rotate(password: string): Promise<void> {
  const client = new SecretsManagerClient(ctx.clientConfig);
  await client.send(
    new PutSecretValueCommand({ SecretId: 'app/db', SecretString: JSON.stringify({ user: 'app', password }) }),
  );
}

describe('rotation-aware secrets', () => {
  it('never keeps a secret past its NextRotationDate, whatever its maxAge', async () => {
    const clock = fakeClock();
    const rotatesAt = clock.now() + 60_000;
    const client = rotatingClient(() => new Date(rotatesAt));
    const aware = new SecretsProvider({ awsSdkV3Client: client, now: clock.now, rotationAware: true });
    const lazy = new SecretsProvider({ awsSdkV3Client: client, now: clock.now });
    const read = (provider: SecretsProvider) => provider.get('app/db', { transform: 'json', maxAge: 3600 });
    expect(await read(aware)).toEqual({ user: 'app', password: 'first' });
    expect(await read(lazy)).toEqual({ user: 'app', password: 'first' });
    await rotate('second');
    clock.advance(59_000);
    expect(await read(aware)).toMatchObject({ password: 'first' });
    clock.advance(1_000);
    expect(await read(aware)).toMatchObject({ password: 'second' });
    expect(await read(lazy)).toMatchObject({ password: 'first' });
  });

  it('caches DescribeSecret too: one call per secret until the rotation or five minutes', async () => {
    const clock = fakeClock();
    const client = rotatingClient(() => new Date(clock.now() + 3_600_000));
    const aware = new SecretsProvider({ awsSdkV3Client: client, now: clock.now, rotationAware: true });
    for (let minute = 0; minute < 4; minute++) {
      await aware.get('app/db', { maxAge: 30 });
      clock.advance(60_000);
    }
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(4);
    expect(ctx.emulator.requests.count('DescribeSecret')).toBe(1);
    clock.advance(120_000);
    await aware.get('app/db', { maxAge: 30 });
    expect(ctx.emulator.requests.count('DescribeSecret')).toBe(2);
  });

  it('caps nothing when rotation is off or DescribeSecret fails', async () => {
    const clock = fakeClock();
    const aware = new SecretsProvider({ clientConfig: ctx.clientConfig, now: clock.now, rotationAware: true });
    await aware.get('app/db', { maxAge: 600 });
    clock.advance(500_000);
    await aware.get('app/db', { maxAge: 600 });
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(1);
    ctx.emulator.faults.add({ operation: 'DescribeSecret', serverErrorRate: 1 });
    expect(await aware.get('app/db', { maxAge: 600, forceFetch: true })).toContain('first');
  });

  it('rejects a rotationAware that is not a boolean', () => {
    expect(() => new SecretsProvider({ rotationAware: 'yes' as unknown as boolean })).toThrow(TypeError);
  });
});

describe('withSecret', () => {
  const rejected = Object.assign(new Error('password authentication failed'), { code: '28P01' });
  const isCredentialsError = (error: unknown) => (error as { code?: string }).code === '28P01';

  it('refetches the current secret once when the callback says the credentials were rejected', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await secrets.get('app/db', { transform: 'json', maxAge: 3600 });
    await rotate('second');
    const tried: string[] = [];
    const result = await secrets.withSecret(
      'app/db',
      async (db) => {
        expectTypeOf(db).toEqualTypeOf<import('../src/types/json.js').JSONValue>();
        const { password } = db as { password: string };
        tried.push(password);
        if (password !== 'second') throw rejected;
        return 'connected';
      },
      { transform: 'json', maxAge: 3600, isCredentialsError },
    );
    expect(result).toBe('connected');
    expect(tried).toEqual(['first', 'second']);
    expect(await secrets.get('app/db', { transform: 'json', maxAge: 3600 })).toMatchObject({ password: 'second' });
  });

  it('lets other errors through, and does not retry when the refetched secret is the same', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    let calls = 0;
    const use = async () => {
      calls++;
      throw rejected;
    };
    await expect(secrets.withSecret('app/db', use, { isCredentialsError })).rejects.toBe(rejected);
    expect(calls).toBe(1);
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(2);
    const other = new Error('connection refused');
    await expect(
      secrets.withSecret(
        'app/db',
        () => {
          throw other;
        },
        { isCredentialsError },
      ),
    ).rejects.toBe(other);
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(2);
  });

  it('needs isCredentialsError', async () => {
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    await expect(secrets.withSecret('app/db', () => 1, {} as never)).rejects.toThrow(/isCredentialsError/);
  });
});
