import middy from '@middy/core';
import middySecrets from '@middy/secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import paramkitSecrets from '../src/secrets-manager.js';
import { lambdaContext, uniqueCacheKey, useEmulator } from './helpers.js';

const ctx = useEmulator({
  secretsmanager: {
    secrets: [
      { name: 'app/db', value: { username: 'app', password: 'hunter2-s3cret' } },
      { name: 'app/token', value: 't0ken-s3cret' },
      { name: 'app/list', value: '["a","b"]' },
      { name: 'app/key', binary: Buffer.from([0xff, 0x00, 0xfe]).toString('base64') },
    ],
  },
});
const calls = (operation?: string) => ctx.emulator().requests.count(operation);

type Factory = typeof paramkitSecrets;
const implementations: [string, Factory][] = [
  ['@middy/secrets-manager', middySecrets as unknown as Factory],
  ['@paramkit/middy/secrets-manager', paramkitSecrets],
];
const fetchData = { db: 'app/db', token: 'app/token', list: 'app/list' };
const expected = { db: { username: 'app', password: 'hunter2-s3cret' }, token: 't0ken-s3cret', list: ['a', 'b'] };

function handlerWith(factory: Factory, options: object = {}, data: Record<string, string> = fetchData) {
  const handler = middy()
    .use(
      factory({
        fetchData: data,
        setToContext: true,
        awsClientOptions: ctx.client(),
        cacheKey: uniqueCacheKey('secrets'),
        ...options,
      }),
    )
    .handler(async (_event: unknown, context) => {
      const values = context as unknown as Record<string, unknown>;
      return Object.fromEntries(Object.keys(data).map((key) => [key, values[key]]));
    });
  return (event: unknown) => handler(event, lambdaContext() as never);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('@paramkit/middy/secrets-manager against @middy/secrets-manager, one emulator', () => {
  it('gives the same values on context, and the expected ones', async () => {
    const middyResult = await handlerWith(implementations[0]?.[1] as Factory)({});
    const paramkitResult = await handlerWith(paramkitSecrets)({});
    expect(paramkitResult).toEqual(expected);
    expect(paramkitResult).toEqual(middyResult);
  });

  it('middy makes one GetSecretValue per secret; paramkit one BatchGetSecretValue, and no call when warm', async () => {
    const middyHandler = handlerWith(middySecrets as unknown as Factory, { disablePrefetch: true });
    await middyHandler({});
    expect(ctx.emulator().requests.snapshot()).toEqual({ GetSecretValue: 3 });
    ctx.emulator().requests.reset();
    const handler = handlerWith(paramkitSecrets);
    await expect.poll(() => calls('BatchGetSecretValue'), { timeout: 5_000 }).toBe(1); // prefetched at INIT
    await handler({});
    await handler({});
    expect(ctx.emulator().requests.snapshot()).toEqual({ BatchGetSecretValue: 1 });
  });

  it('a missing secret fails the request with both; paramkit names it', async () => {
    const data = { token: 'app/token', gone: 'app/gone' };
    for (const [, factory] of implementations) {
      await expect(handlerWith(factory, { disablePrefetch: true }, data)({})).rejects.toThrow();
    }
    for (const fetchRotationDate of [false, true]) {
      await expect(
        handlerWith(paramkitSecrets, { disablePrefetch: true, fetchRotationDate }, data)({}),
      ).rejects.toThrow("gone (secrets 'app/gone'): not-found [ResourceNotFoundException]");
    }
  });

  it('a binary secret: middy gives undefined (it reads SecretString only), paramkit its bytes', async () => {
    const data = { key: 'app/key' };
    expect(await handlerWith(middySecrets as unknown as Factory, {}, data)({})).toEqual({ key: undefined });
    expect(await handlerWith(paramkitSecrets, {}, data)({})).toEqual({ key: new Uint8Array([0xff, 0x00, 0xfe]) });
  });

  it('fetchRotationDate: paramkit keeps a secret until its NextRotationDate, then reads the rotated value', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    // A real schedule: the emulator reports NextRotationDate 04:00 and rotates on the first request after it.
    const emulator = ctx.emulator();
    emulator.secretsManager.rotateSecret('app/token', {
      rules: { ScheduleExpression: 'rate(4 hours)' },
      immediately: false,
    });
    const data = { token: 'app/token' };
    const options = { fetchRotationDate: true, disablePrefetch: true };
    const paramkit = handlerWith(paramkitSecrets, options, data);
    const middyHandler = handlerWith(middySecrets as unknown as Factory, options, data);
    expect(await paramkit({})).toEqual({ token: 't0ken-s3cret' });
    expect(await middyHandler({})).toEqual({ token: 't0ken-s3cret' });
    expect(emulator.requests.snapshot()).toEqual({ DescribeSecret: 2, GetSecretValue: 2 });

    vi.setSystemTime(new Date('2030-01-01T03:59:00Z'));
    expect(await paramkit({})).toEqual({ token: 't0ken-s3cret' });
    vi.setSystemTime(new Date('2030-01-01T04:00:01Z'));
    const rotated = await paramkit({});
    expect(rotated.token).not.toBe('t0ken-s3cret');
    expect(rotated).toEqual({ token: emulator.secretsManager.getSecretValue('app/token') });
    expect(calls('DescribeSecret')).toBe(3);
    // middy 6.4.5 stores the rotation date under the internal key, but reads expiry by cache key: it never refreshes.
    expect(await middyHandler({})).toEqual({ token: 't0ken-s3cret' });
  });
});
