import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock, MemoryProvider } from './helpers/MemoryProvider.js';

function setup(options: ConstructorParameters<typeof MemoryProvider>[0] = {}) {
  const clock = fakeClock();
  const provider = new MemoryProvider({ now: clock.now, ...options });
  provider.values.set('/a', 'one');
  return { clock, provider };
}

afterEach(() => {
  delete process.env.POWERTOOLS_PARAMETERS_MAX_AGE;
});

describe('BaseProvider cache', () => {
  it('serves a value from the cache until maxAge has passed (default 5 s)', async () => {
    const { clock, provider } = setup();
    expect(await provider.get('/a')).toBe('one');
    provider.values.set('/a', 'two');
    clock.advance(4_999);
    expect(await provider.get('/a')).toBe('one');
    clock.advance(1);
    expect(await provider.get('/a')).toBe('two');
    expect(provider.calls).toEqual(['/a', '/a']);
  });

  it('honours fractional seconds and judges freshness against each call’s maxAge', async () => {
    const { clock, provider } = setup();
    await provider.get('/a', { maxAge: 60 });
    clock.advance(300);
    await provider.get('/a', { maxAge: 0.5 });
    expect(provider.calls).toHaveLength(1);
    clock.advance(200);
    await provider.get('/a', { maxAge: 0.5 });
    expect(provider.calls).toHaveLength(2);
  });

  it('does not cache with maxAge 0', async () => {
    const { provider } = setup();
    await provider.get('/a', { maxAge: 0 });
    await provider.get('/a', { maxAge: 0 });
    expect(provider.calls).toHaveLength(2);
    expect(provider.stats().size).toBe(0);
  });

  it('fetches again with forceFetch and caches the new value', async () => {
    const { provider } = setup();
    await provider.get('/a');
    provider.values.set('/a', 'two');
    expect(await provider.get('/a', { forceFetch: true })).toBe('two');
    expect(await provider.get('/a')).toBe('two');
    expect(provider.calls).toHaveLength(2);
  });

  it('reads POWERTOOLS_PARAMETERS_MAX_AGE at construction and on clearCache, not on hits', async () => {
    process.env.POWERTOOLS_PARAMETERS_MAX_AGE = '60';
    const { clock, provider } = setup();
    await provider.get('/a');
    clock.advance(30_000);
    await provider.get('/a');
    expect(provider.calls).toHaveLength(1);
    process.env.POWERTOOLS_PARAMETERS_MAX_AGE = '1';
    provider.clearCache();
    await provider.get('/a');
    clock.advance(1_000);
    await provider.get('/a');
    expect(provider.calls).toHaveLength(3);
  });

  it('takes a changed POWERTOOLS_PARAMETERS_MAX_AGE from the next fetch, without reading it on hits', async () => {
    const { clock, provider } = setup();
    provider.values.set('/b', 'b');
    await provider.get('/a');
    process.env.POWERTOOLS_PARAMETERS_MAX_AGE = '60';
    clock.advance(4_000);
    await provider.get('/a'); // a hit: judged with the 5 s read before
    await provider.get('/b'); // a miss: reads 60 s
    clock.advance(30_000);
    await provider.get('/b');
    expect(provider.calls).toEqual(['/a', '/b']);
    process.env.POWERTOOLS_PARAMETERS_MAX_AGE = 'later';
    clock.advance(60_000);
    await expect(provider.get('/b')).rejects.toThrow(/POWERTOOLS_PARAMETERS_MAX_AGE/);
  });

  it('names the variable when POWERTOOLS_PARAMETERS_MAX_AGE is not a number, in the reads that use it', async () => {
    process.env.POWERTOOLS_PARAMETERS_MAX_AGE = 'soon';
    // As in Powertools, making the provider does not throw: each read that falls back on the variable rejects.
    const provider = new MemoryProvider();
    provider.values.set('/a', 'one');
    await expect(provider.get('/a')).rejects.toThrow(/POWERTOOLS_PARAMETERS_MAX_AGE.*'soon'/);
    await expect(provider.get('/a')).rejects.toThrow(RangeError);
    expect(await provider.get('/a', { maxAge: 60 })).toBe('one');
    expect(provider.calls).toEqual(['/a']);
    process.env.POWERTOOLS_PARAMETERS_MAX_AGE = '60';
    expect(await provider.get('/a')).toBe('one'); // the value the read with its own maxAge cached
  });

  it('caches nothing for a negative POWERTOOLS_PARAMETERS_MAX_AGE, and takes an empty one as unset', async () => {
    process.env.POWERTOOLS_PARAMETERS_MAX_AGE = '-5';
    const { clock, provider } = setup();
    await provider.get('/a');
    await provider.get('/a');
    expect(provider.calls).toHaveLength(2);
    process.env.POWERTOOLS_PARAMETERS_MAX_AGE = '';
    provider.clearCache();
    await provider.get('/a');
    clock.advance(4_999);
    await provider.get('/a');
    expect(provider.calls).toHaveLength(3); // the default 5 s
  });

  it('caches nothing for a negative maxAge or null, as Powertools; refuses NaN and non-numbers naming the option', async () => {
    const { provider } = setup();
    for (const maxAge of [-1, -0.5, null]) {
      expect(await provider.get('/a', { maxAge: maxAge as number })).toBe('one');
      expect(await provider.get('/a', { maxAge: maxAge as number })).toBe('one');
    }
    expect(provider.calls).toHaveLength(6);
    expect(provider.stats().size).toBe(0);
    await expect(provider.get('/a', { maxAge: Number.NaN })).rejects.toThrow(
      /maxAge must be a number of seconds, got NaN/,
    );
    await expect(provider.get('/a', { maxAge: '5' as unknown as number })).rejects.toThrow(RangeError);
  });

  it('rejects a name or path that is not a string', async () => {
    const { provider } = setup();
    await expect(provider.get(undefined as unknown as string)).rejects.toThrow(TypeError);
    await expect(provider.getMultiple(42 as unknown as string)).rejects.toThrow(/path/);
  });

  it('keeps get and getMultiple apart, and transforms apart', async () => {
    const { provider } = setup();
    provider.values.set('/a/x', '{"k":1}');
    await provider.get('/a/x');
    await provider.get('/a/x', { transform: 'json' });
    await provider.getMultiple('/a');
    expect(provider.calls).toEqual(['/a/x', '/a/x', 'multiple:/a']);
    expect(await provider.get('/a/x')).toBe('{"k":1}');
    expect(await provider.get('/a/x', { transform: 'json' })).toEqual({ k: 1 });
  });

  it('treats JSON and json as one transform and one cache entry', async () => {
    const { provider } = setup();
    provider.values.set('/j', '{"a":1}');
    await provider.get('/j', { transform: 'json' });
    expect(await provider.get('/j', { transform: 'JSON' as 'json' })).toEqual({ a: 1 });
    expect(provider.calls).toHaveLength(1);
  });

  it('does not cache a missing value', async () => {
    const { provider } = setup();
    expect(await provider.get('/missing')).toBeUndefined();
    expect(await provider.get('/missing')).toBeUndefined();
    expect(provider.calls).toHaveLength(2);
  });

  it('keeps at most maxEntries values, evicting the least recently used', async () => {
    const { provider } = setup({ maxEntries: 2 });
    for (const name of ['/x', '/y', '/z']) provider.values.set(name, name);
    await provider.get('/x');
    await provider.get('/y');
    await provider.get('/x'); // /y is now the least recently used
    await provider.get('/z');
    expect(provider.stats()).toMatchObject({ size: 2, evictions: 1 });
    provider.calls.length = 0;
    await provider.get('/x');
    await provider.get('/z');
    await provider.get('/y');
    expect(provider.calls).toEqual(['/y']);
  });

  it('drops entries that are past their lifetime when it needs room', async () => {
    const { clock, provider } = setup({ maxEntries: 2, staleIfErrorSeconds: 0 });
    for (const name of ['/x', '/y', '/z']) provider.values.set(name, name);
    await provider.get('/x', { maxAge: 1 });
    await provider.get('/y', { maxAge: 100 });
    clock.advance(2_000);
    await provider.get('/z');
    expect(provider.stats()).toMatchObject({ size: 2, evictions: 0 });
  });

  it('caches nothing with maxEntries 0', async () => {
    const { provider } = setup({ maxEntries: 0 });
    await provider.get('/a');
    await provider.get('/a');
    expect(provider.calls).toHaveLength(2);
  });

  it('validates its constructor options', () => {
    expect(() => new MemoryProvider({ maxEntries: -1 })).toThrow(/maxEntries/);
    expect(() => new MemoryProvider({ maxEntries: 1.5 })).toThrow(/maxEntries/);
    expect(() => new MemoryProvider({ staleIfErrorSeconds: -5 })).toThrow(/staleIfErrorSeconds/);
    expect(() => new MemoryProvider({ now: 5 as unknown as () => number })).toThrow(/now/);
    expect(() => new MemoryProvider({ awsSdkV3Client: {} })).toThrow(/awsSdkV3Client/);
  });

  it('supports addToCache and hasKeyExpiredInCache with Powertools-style keys', async () => {
    const { clock, provider } = setup();
    provider.addToCache('/seeded,', 'from-cache', 10);
    provider.addToCache('/seeded-json,json', { ok: true }, 10);
    provider.addToCache('/never', 'x', 0);
    expect(await provider.get('/seeded')).toBe('from-cache');
    expect(await provider.get('/seeded-json', { transform: 'json' })).toEqual({ ok: true });
    expect(provider.hasKeyExpiredInCache('/seeded,')).toBe(false);
    expect(provider.hasKeyExpiredInCache('/never')).toBe(true);
    clock.advance(10_000);
    expect(provider.hasKeyExpiredInCache('/seeded,')).toBe(true);
    expect(provider.calls).toHaveLength(0);
  });
});
