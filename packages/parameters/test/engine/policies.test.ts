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
    time.advance(10);
    expect(engine.hit('s', '', 60_000)).toBeUndefined();
    engine.limitLifetime('s', undefined);
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
