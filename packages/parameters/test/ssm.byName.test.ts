import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { GetParameterError, TransformParameterError } from '../src/errors.js';
import { SSMProvider } from '../src/ssm/index.js';
import { useCorruptingProxy } from './helpers/corruptingProxy.js';
import { useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator((emulator) => {
  for (let i = 0; i < 50; i++) {
    emulator.ssm.putParameter({
      name: `/p/${i}`,
      value: JSON.stringify({ i }),
      type: i % 2 ? 'SecureString' : 'String',
    });
  }
  emulator.ssm.putParameter({ name: '/flag', value: 'off' });
  emulator.ssm.putParameter({ name: '/flag', value: 'on' });
});

const proxy = useCorruptingProxy(() => ctx.emulator.endpoint);

const names = (count: number, options = {}) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`/p/${i}`, { ...options }]));

describe('getParametersByName', () => {
  it('answers expired values within staleAnswerMs while a slow batch refresh goes on, which then fills the cache', async () => {
    let now = 1_000_000;
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig, staleAnswerMs: 20, now: () => now });
    const wanted = { '/p/0': { maxAge: 5 }, '/p/2': { maxAge: 5 } };
    expect(await ssm.getParametersByName(wanted)).toEqual({ '/p/0': '{"i":0}', '/p/2': '{"i":2}' });
    ctx.emulator.ssm.putParameter({ name: '/p/0', value: 'rewritten' });
    now += 5_001;
    ctx.emulator.faults.add({ service: 'ssm', latencyMs: 300, times: 1 });
    // Without the deadline this read would wait 300 ms for the new value; with it, the expired values answer.
    expect(await ssm.getParametersByName(wanted)).toEqual({ '/p/0': '{"i":0}', '/p/2': '{"i":2}' });
    expect(ssm.stats()).toMatchObject({ staleServed: 2 });
    // A second read while that call is still out joins it, and gets the expired values within the deadline too.
    expect(await ssm.getParametersByName(wanted)).toEqual({ '/p/0': '{"i":0}', '/p/2': '{"i":2}' });
    expect(ssm.stats()).toMatchObject({ staleServed: 4 });
    // Once the one slow call answers, reads get the new value from the cache it filled: no other call was made.
    await vi.waitFor(
      async () => expect(await ssm.getParametersByName(wanted)).toEqual({ '/p/0': 'rewritten', '/p/2': '{"i":2}' }),
      { timeout: 2000, interval: 50 },
    );
    expect(ctx.emulator.requests.count('GetParameters')).toBe(2);
  });

  it('batches ten names a GetParameters call, decrypted and plain apart, and never one call per name', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const parameters = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`/p/${i}`, { decrypt: i % 2 === 1, transform: 'json' as const }]),
    );
    const result = await ssm.getParametersByName(parameters);
    expect(result['/p/7']).toEqual({ i: 7 });
    expect(result['/p/8']).toEqual({ i: 8 });
    expect(ctx.emulator.requests.count('GetParameters')).toBe(6);
    expect(ctx.emulator.requests.count('GetParameter')).toBe(0);
  });

  it('uses and fills the cache shared with get', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    await ssm.get('/p/0');
    await ssm.getParametersByName({ '/p/0': {}, '/p/2': {} });
    expect(ctx.emulator.requests.count('GetParameters')).toBe(1);
    expect(await ssm.get('/p/2')).toBe('{"i":2}');
    await ssm.getParametersByName({ '/p/0': {}, '/p/2': {} });
    expect(ctx.emulator.requests.count('GetParameters')).toBe(1);
    expect(ctx.emulator.requests.count('GetParameter')).toBe(1);
  });

  it('honours maxAge 0, globally and per name', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    await ssm.getParametersByName(names(3), { maxAge: 0 });
    await ssm.getParametersByName(names(3), { maxAge: 0 });
    await ssm.getParametersByName({ '/p/0': { maxAge: 0 } });
    expect(ctx.emulator.requests.count('GetParameters')).toBe(3);
  });

  it('does not mutate the caller’s objects', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const perName = { '/p/1': {}, '/p/2': { transform: 'json' as const } };
    const global = { decrypt: true, maxAge: 30 };
    const snapshot = JSON.stringify([perName, global]);
    await ssm.getParametersByName(perName, global);
    expect(JSON.stringify([perName, global])).toBe(snapshot);
  });

  it('lists missing names and transform failures in _errors when throwOnError is false', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const result = await ssm.getParametersByName(
      { '/p/0': { transform: 'json' }, '/missing': {}, '/flag': { transform: 'json' } },
      { throwOnError: false },
    );
    expect(result['/p/0']).toEqual({ i: 0 });
    expect(result._errors?.sort()).toEqual(['/flag', '/missing']);
    expect(result).not.toHaveProperty('/missing');
  });

  it('throws on the first failure by default', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    await expect(ssm.getParametersByName({ '/p/0': {}, '/missing': {} })).rejects.toThrow(
      new GetParameterError('Failed to fetch parameters: /missing'),
    );
    await expect(ssm.getParametersByName({ '/flag': { transform: 'json' } })).rejects.toBeInstanceOf(
      TransformParameterError,
    );
  });

  it('refuses a parameter named _errors in graceful mode', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    await expect(ssm.getParametersByName({ _errors: {} }, { throwOnError: false })).rejects.toThrow(/_errors/);
  });

  it('reads version selectors and validates with a schema', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const result = await ssm.getParametersByName({
      '/flag:1': {},
      '/flag': {},
      '/p/4': { transform: 'json', schema: z.object({ i: z.number() }) },
    });
    expect(result).toMatchObject({ '/flag:1': 'off', '/flag': 'on', '/p/4': { i: 4 } });
  });

  it('matches selectors by version when the answer has no Selector (as moto sends), never giving a name an older value', async () => {
    proxy.corrupt = (body, _status, _path) => {
      const answer = JSON.parse(body) as { Parameters?: { Selector?: string }[] };
      for (const parameter of answer.Parameters ?? []) delete parameter.Selector;
      return JSON.stringify(answer);
    };
    ctx.emulator.ssm.labelVersion('/flag', 1, ['old']);
    const ssm = new SSMProvider({ clientConfig: proxy.clientConfig });
    const result = await ssm.getParametersByName(
      { '/flag:1': {}, '/flag': {}, '/flag:2': {}, '/flag:old': {} },
      { throwOnError: false },
    );
    expect(proxy.corrupted).toBeGreaterThan(0);
    // The bare name reads the latest version even though version 1 came back in the same answer, after it.
    expect(result).toEqual({ '/flag:1': 'off', '/flag': 'on', '/flag:2': 'on', _errors: ['/flag:old'] });
  });

  it('wraps SDK failures, lists them in graceful mode, and serves stale values on transient errors', async () => {
    let now = 5_000_000;
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig, now: () => now });
    ctx.emulator.faults.add({ operation: 'GetParameters', throttleRate: 1, times: 1 });
    await expect(ssm.getParametersByName(names(2))).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ThrottlingException' },
    });
    now += 10_000; // past the backoff each transient failure starts, so the next call reaches AWS again
    ctx.emulator.faults.add({ operation: 'GetParameters', serverErrorRate: 1, times: 1 });
    expect(await ssm.getParametersByName(names(2), { throwOnError: false })).toEqual({ _errors: ['/p/0', '/p/1'] });
    now += 10_000;

    const fresh = await ssm.getParametersByName(names(2));
    now += 6_000;
    ctx.emulator.faults.add({ operation: 'GetParameters', throttleRate: 1, times: 1 });
    const stale = await ssm.getParametersByName(names(2));
    expect(stale['/p/0']).toBe('{"i":0}');
    // /p/1 is a SecureString read without decryption: the stale value is the ciphertext read before.
    expect(stale['/p/1']).toMatch(/^AQICAH[A-Za-z0-9+/]+=*$/);
    expect(stale).toEqual(fresh);
    expect(ssm.stats().staleServed).toBe(2);
  });
});
