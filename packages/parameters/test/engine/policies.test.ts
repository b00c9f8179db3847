import { describe, expect, it } from 'vitest';
import {
  CacheEngine,
  classifyError,
  isConnectionReset,
  resolveEngineOptions,
  secretRefersTo,
  secretVariant,
} from '../../src/engine/index.js';

const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name, ...extra });

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('classifyError', () => {
  it.each([
    [named('ParameterNotFound'), 'not-found', false],
    [named('ParameterNotFoundError'), 'not-found', false],
    [named('AccessDeniedException'), 'access-denied', false],
    [named('ThrottlingException'), 'throttled', true],
    [named('ProvisionedThroughputExceededException'), 'throttled', true],
    [named('TimeoutError'), 'timeout', true],
    [named('InternalServerError'), 'server', true],
    [named('Error', { code: 'ECONNRESET' }), 'network', true],
    [named('Error', { code: 'ETIMEDOUT' }), 'timeout', true],
    [named('SomethingElse', { $metadata: { httpStatusCode: 429 } }), 'throttled', true],
    [named('SomethingElse', { $metadata: { httpStatusCode: 503 } }), 'server', true],
    [named('SomethingElse', { $metadata: { httpStatusCode: 403 } }), 'access-denied', false],
    [named('ValidationException', { $metadata: { httpStatusCode: 400 } }), 'client', false],
    [named('Odd', { $retryable: { throttling: true } }), 'throttled', true],
    [named('Odd', { $retryable: {} }), 'server', true],
    [named('Plain'), 'unknown', false],
    ['a string', 'unknown', false],
  ])('%s is %s (transient: %s)', (error, kind, transient) => {
    expect(classifyError(error)).toMatchObject({ kind, transient });
  });

  it('looks through wrappers to the SDK error, keeping its name, status and code', () => {
    const sdk = named('ThrottlingException', { $metadata: { httpStatusCode: 400 } });
    const wrapped = Object.assign(new Error('Unable to get'), { name: 'GetParameterError', cause: sdk });
    expect(classifyError(wrapped)).toEqual({
      kind: 'throttled',
      transient: true,
      name: 'ThrottlingException',
      status: 400,
    });
    const network = Object.assign(new Error('fetch failed'), { cause: named('Error', { code: 'UND_ERR_SOCKET' }) });
    expect(classifyError(network)).toMatchObject({ kind: 'network', code: 'UND_ERR_SOCKET' });
    expect(isConnectionReset(network)).toBe(true);
    expect(isConnectionReset(named('Error', { code: 'ENOTFOUND' }))).toBe(false);
    // The SDK's HTTP handler names a reset socket TimeoutError and keeps the code: still a reset.
    expect(isConnectionReset(named('TimeoutError', { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionReset(named('GetParameterError', { cause: named('TimeoutError', { code: 'EPIPE' }) }))).toBe(
      true,
    );
  });
});

describe('secret ids', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf';
  it('matches by name, full ARN and partial ARN with the exact suffix length only', () => {
    expect(secretRefersTo('app/db', { Name: 'app/db', ARN: arn })).toBe(true);
    expect(secretRefersTo(arn, { Name: 'app/db', ARN: arn })).toBe(true);
    expect(secretRefersTo(arn.slice(0, -7), { ARN: arn })).toBe(true);
    const longer = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-primary-AbCdEf';
    expect(secretRefersTo(arn.slice(0, -7), { ARN: longer })).toBe(false);
  });

  it('gives AWSCURRENT and no selector one variant', () => {
    expect(secretVariant(undefined, undefined)).toBe('');
    expect(secretVariant(undefined, 'AWSCURRENT')).toBe('');
    expect(secretVariant(null, 'AWSPREVIOUS')).not.toBe('');
    expect(secretVariant('v1', undefined)).not.toBe(secretVariant(undefined, 'v1'));
  });
});

describe('engine options', () => {
  it.each([
    [{ maxEntries: -1 }, /maxEntries/],
    [{ staleIfErrorSeconds: -1 }, /staleIfErrorSeconds/],
    [{ refreshAhead: 1 }, /refreshAhead/],
    [{ staleAnswerMs: -5 }, /staleAnswerMs/],
    [{ backoff: { baseMs: 0 } }, /backoff.baseMs/],
    [{ backoff: { factor: 0.5 } }, /backoff.factor/],
    [{ backoff: { capMs: 10 } }, /backoff.capMs/],
    [{ backoff: { jitter: 2 } }, /backoff.jitter/],
    [{ backoff: 'fast' }, /backoff must be/],
    [{ now: 5 }, /now must be/],
    [{ random: 5 }, /random must be/],
  ])('rejects %o naming the option', (options, message) => {
    expect(() => resolveEngineOptions(options as never)).toThrow(message);
  });

  it('applies defaults once, and takes resolved options as they are', () => {
    const resolved = resolveEngineOptions({ backoff: { baseMs: 10, capMs: undefined } });
    expect(resolved.backoff).toEqual({ baseMs: 10, factor: 2, capMs: 60_000, jitter: 0.5 });
    expect(resolveEngineOptions(resolved)).toBe(resolved);
    expect(resolveEngineOptions({ backoff: false }).backoff).toBeUndefined();
    expect(new CacheEngine(resolved).options).toBe(resolved);
  });
});

describe('background refreshes', () => {
  it('retry once when the connection was reset (a Lambda thaw), counting no failure', async () => {
    const time = clock();
    const errors: unknown[] = [];
    const engine = new CacheEngine<string>({
      now: time.now,
      refreshAhead: 0.5,
      onBackgroundError: (error) => errors.push(error),
    });
    let calls = 0;
    const fetch = async () => {
      calls++;
      if (calls === 2) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return `v${calls}`;
    };
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch });
    time.advance(600);
    expect(engine.hit('k', '', 1000)?.value).toBe('v1');
    await engine.inflight('k', '');
    await tick();
    expect(calls).toBe(3);
    expect(engine.hit('k', '', 1000)?.value).toBe('v3');
    expect(engine.stats()).toMatchObject({ refreshes: 1, refreshFailures: 0 });
    expect(errors).toEqual([]);
  });

  it('report other failures to onBackgroundError, never as unhandled rejections', async () => {
    const time = clock();
    const errors: unknown[] = [];
    const engine = new CacheEngine<string>({
      now: time.now,
      refreshAhead: 0.5,
      onBackgroundError: (error, key) => errors.push([key, (error as Error).name]),
    });
    let fail = false;
    const fetch = async () => {
      if (fail) throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
      return 'v';
    };
    await engine.read({ name: 'k', variant: 'x', maxAgeMs: 1000, fetch });
    fail = true;
    time.advance(600);
    engine.hit('k', 'x', 1000);
    await engine.inflight('k', 'x')?.catch(() => undefined);
    await tick();
    expect(errors).toEqual([[{ name: 'k', variant: 'x' }, 'AccessDeniedException']]);
    // Access denied drops the value: it is not kept for stale answers.
    expect(engine.peek('k', 'x')).toBeUndefined();
  });

  it('are not started while the key is backing off, nor twice at once', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now, refreshAhead: 0.5, random: () => 0 });
    let calls = 0;
    const fetch = async () => {
      calls++;
      if (calls > 1) throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
      return 'v';
    };
    await engine.read({ name: 'k', variant: '', maxAgeMs: 10_000, fetch });
    time.advance(6000);
    engine.hit('k', '', 10_000);
    engine.hit('k', '', 10_000);
    await tick();
    await engine.inflight('k', '')?.catch(() => undefined);
    await tick();
    expect(calls).toBe(2);
    engine.hit('k', '', 10_000); // backing off for 1 s: no refresh
    await tick();
    expect(calls).toBe(2);
    time.advance(1000);
    engine.hit('k', '', 10_000);
    await tick();
    await engine.inflight('k', '')?.catch(() => undefined);
    expect(calls).toBe(3);
  });
});

describe('write invalidation and lifetimes', () => {
  it('invalidate drops the entries of the name and those alsoDrop names, in-flight requests and backoffs', async () => {
    const engine = new CacheEngine<string>({ random: () => 0 });
    engine.set('/a', '', 'a', 60_000);
    engine.set('/', 'path', 'listing', 60_000);
    await engine
      .read({
        name: '/a',
        variant: 'bad',
        maxAgeMs: 60_000,
        fetch: async () => {
          throw Object.assign(new Error('x'), { name: 'ThrottlingException' });
        },
      })
      .catch(() => undefined);
    expect(engine.backingOff('/a', 'bad')).toBeDefined();
    engine.invalidate('/a', (_name, variant) => variant === 'path');
    expect(engine.peek('/a', '')).toBeUndefined();
    expect(engine.peek('/', 'path')).toBeUndefined();
    expect(engine.backingOff('/a', 'bad')).toBeUndefined();
    engine.set('/b', '', 'b', 60_000);
    engine.deleteWhere((name) => name === '/b');
    expect(engine.stats().size).toBe(0);
  });

  it('limitLifetime caps present and future entries; undefined lifts the cap; clear forgets caps', () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now });
    engine.set('s', '', 'v', 60_000);
    engine.limitLifetime('s', time.now() + 10);
    engine.limitLifetime('s', undefined); // lifted before it came: the entry lives its maxAge
    time.advance(10);
    expect(engine.hit('s', '', 60_000)?.value).toBe('v');
    engine.limitLifetime('s', time.now() + 10);
    time.advance(10);
    expect(engine.hit('s', '', 60_000)).toBeUndefined();
    // Lifted after it came (a rotation cancelled, or done): what was stored before it is not fresh again.
    engine.limitLifetime('s', undefined);
    expect(engine.hit('s', '', 60_000)).toBeUndefined();
    engine.set('s', '', 'v', 60_000);
    expect(engine.hit('s', '', 60_000)?.value).toBe('v');
    engine.limitLifetime('s', time.now());
    engine.clear();
    engine.set('s', '', 'w', 60_000);
    expect(engine.hit('s', '', 60_000)?.value).toBe('w');
  });

  it('staleAnswerMs Infinity waits for the refresh; a not-cacheable answer drops the entry', async () => {
    const time = clock();
    const engine = new CacheEngine<string | undefined>({ now: time.now, staleAnswerMs: Infinity });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 'old' });
    time.advance(1500);
    await expect(engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => undefined })).resolves.toBe(
      undefined,
    );
    expect(engine.peek('k', '')).toBeUndefined();
  });

  it('a read that joins a forced fetch failing transiently still gets the stale value; the refresh counts once', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now, staleAnswerMs: Infinity, backoff: false });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 'old' });
    time.advance(1500);
    let fail!: (error: unknown) => void;
    const forced = engine.read({
      name: 'k',
      variant: '',
      maxAgeMs: 1000,
      forceFetch: true,
      fetch: () => new Promise<string>((_, reject) => (fail = reject)),
    });
    const joined = engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 'unused' });
    fail(named('ThrottlingException'));
    await expect(forced).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(joined).resolves.toBe('old');
    expect(engine.stats()).toMatchObject({ coalesced: 1, staleServed: 1 });
  });
});

describe('backoff states', () => {
  it('of keys that failed long ago and were never read again are dropped, so the map does not keep growing with them', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now, random: () => 0, maxEntries: 10 });
    const failing = async (): Promise<string> => {
      throw named('ThrottlingException');
    };
    const fail = (name: string) => engine.read({ name, variant: '', maxAgeMs: 1000, fetch: failing }).catch(() => 0);
    for (const wait of [0, 1000, 2000]) {
      time.advance(wait);
      await fail('old'); // three failures in a row: the next wait would be 8 s
    }
    time.advance(4000 + 60_000); // the last wait (4 s) ended a whole cap (60 s) ago
    for (let i = 0; i < 100; i++) await fail(`new-${i}`); // enough new keys to sweep the map
    await fail('old');
    // Its state was dropped with the sweep: this failure was a first one again (1 s), not a fourth (8 s).
    time.advance(999);
    expect(engine.backingOff('old', '')).toBeDefined();
    time.advance(1);
    expect(engine.backingOff('old', '')).toBeUndefined();
  });
});

describe('what a read sees of requests, writes and clears around it (found in review)', () => {
  const slow = () => {
    let settle!: { resolve: (value: string) => void; reject: (error: unknown) => void };
    const promise = new Promise<string>((resolve, reject) => {
      settle = { resolve, reject };
    });
    return { fetch: () => promise, ...settle };
  };

  it('a request in flight during clear() neither backs its key off nor drops what was stored after the clear', async () => {
    const engine = new CacheEngine<string>({ random: () => 0 });
    const before = slow();
    const old = engine.read({ name: 'k', variant: '', maxAgeMs: 60_000, fetch: before.fetch });
    engine.clear();
    await engine.read({ name: 'k', variant: '', maxAgeMs: 60_000, forceFetch: true, fetch: async () => 'new' });
    before.reject(named('ThrottlingException'));
    await expect(old).resolves.toBe('new'); // its caller gets the value held now, as for any transient failure
    expect(engine.backingOff('k', '')).toBeUndefined();
    expect(engine.hit('k', '', 60_000)?.value).toBe('new');

    // The same after a write: an old not-found does not delete the value written since.
    const late = slow();
    engine.delete('k', '');
    const stale = engine.read({ name: 'k', variant: '', maxAgeMs: 60_000, fetch: late.fetch });
    engine.invalidate('k');
    engine.set('k', '', 'written', 60_000);
    late.reject(named('ParameterNotFound'));
    await expect(stale).rejects.toMatchObject({ name: 'ParameterNotFound' });
    expect(engine.hit('k', '', 60_000)?.value).toBe('written');
  });

  it('a maxAge 0 read asks AWS during a backoff, as a forced one does', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now, random: () => 0 });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 'old' });
    time.advance(1500);
    const throttledFetch = async (): Promise<string> => {
      throw named('ThrottlingException');
    };
    await expect(engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: throttledFetch })).resolves.toBe('old');
    expect(engine.backingOff('k', '')).toBeDefined();
    let calls = 0;
    const fetch = async () => `fresh ${++calls}`;
    await expect(engine.read({ name: 'k', variant: '', maxAgeMs: 0, fetch })).resolves.toBe('fresh 1');
    expect(calls).toBe(1);
  });

  it('readers that give up on one slow refresh count it as one refresh, and its failure once', async () => {
    const time = clock();
    const failures: unknown[] = [];
    const engine = new CacheEngine<string>({
      now: time.now,
      staleAnswerMs: 5,
      onBackgroundError: (error) => failures.push(error),
    });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 'old' });
    time.advance(1500);
    const refresh = slow();
    const readers = Array.from({ length: 10 }, () =>
      engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: refresh.fetch }),
    );
    expect(await Promise.all(readers)).toEqual(Array(10).fill('old'));
    refresh.reject(named('AccessDeniedException'));
    await tick();
    expect(engine.stats()).toMatchObject({ staleServed: 10, refreshes: 1, refreshFailures: 1 });
    expect(failures).toHaveLength(1);
  });

  it('a throttled refresh after a stale answer is one failed refresh, and the read one stale answer', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now, staleAnswerMs: 5 });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 'old' });
    time.advance(1500);
    const refresh = slow();
    await expect(engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: refresh.fetch })).resolves.toBe('old');
    refresh.reject(named('ThrottlingException'));
    await tick();
    expect(engine.stats()).toMatchObject({ staleServed: 1, refreshes: 1, refreshFailures: 1 });
  });

  it('an onBackgroundError that throws does not make the failed refresh an unhandled rejection', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({
      now: time.now,
      refreshAhead: 0.5,
      onBackgroundError: () => {
        throw new Error('the hook broke');
      },
    });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 'v' });
    const fail = async (): Promise<string> => {
      throw named('InternalServerError');
    };
    engine.set('k', '', 'v', 1000, { fetch: fail });
    time.advance(600);
    expect(engine.hit('k', '', 1000)?.value).toBe('v');
    await tick();
    await tick();
    expect(engine.stats()).toMatchObject({ refreshes: 1, refreshFailures: 1 });
  });

  it('refuses options a timer or a hook cannot take, naming them', () => {
    expect(() => resolveEngineOptions({ staleAnswerMs: 2 ** 31 })).toThrow(/staleAnswerMs must be at most 2147483647/);
    expect(resolveEngineOptions({ staleAnswerMs: Infinity }).staleAnswerMs).toBe(Infinity);
    expect(() => resolveEngineOptions({ staleAnswerMs: '100' as unknown as number })).toThrow(
      "staleAnswerMs must be a non-negative number, got the string '100'",
    );
    expect(() => resolveEngineOptions({ onBackgroundError: 'console.error' as never })).toThrow(
      /onBackgroundError must be a function/,
    );
    expect(() => resolveEngineOptions({ backoff: { basems: 5 } as never })).toThrow("backoff has no option 'basems'");
    expect(() => resolveEngineOptions({ backoff: [] as never })).toThrow(/backoff must be an object/);
  });
});
