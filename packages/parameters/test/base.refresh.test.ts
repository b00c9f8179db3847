import { describe, expect, it, vi } from 'vitest';
import { fakeClock, MemoryProvider, sdkError } from './helpers/MemoryProvider.js';

function setup(options: ConstructorParameters<typeof MemoryProvider>[0] = {}) {
  const clock = fakeClock();
  const provider = new MemoryProvider({ now: clock.now, ...options });
  provider.values.set('/a', 'one');
  return { clock, provider };
}

describe('BaseProvider coalescing', () => {
  it('makes one call for 100 concurrent cold gets of one name', async () => {
    const { provider } = setup();
    const values = await Promise.all(Array.from({ length: 100 }, () => provider.get('/a')));
    expect(new Set(values)).toEqual(new Set(['one']));
    expect(provider.calls).toHaveLength(1);
    expect(provider.stats()).toMatchObject({ misses: 100, coalesced: 99, apiCalls: 1 });
  });

  it('does not cache a failure, nor let it poison later calls', async () => {
    const { provider } = setup();
    provider.failures.push(sdkError('AccessDeniedException', 400));
    const results = await Promise.allSettled([provider.get('/a'), provider.get('/a')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await provider.get('/a')).toBe('one');
    expect(provider.calls).toHaveLength(2);
  });

  it('lets a fetch that clearCache overtook answer its callers without filling the new cache', async () => {
    const { provider } = setup();
    let release!: () => void;
    provider.hold = new Promise((resolve) => {
      release = resolve;
    });
    const pending = provider.get('/a');
    provider.clearCache();
    release();
    expect(await pending).toBe('one');
    expect(provider.stats().size).toBe(0);
  });
});

describe('BaseProvider writes', () => {
  class WritableProvider extends MemoryProvider {
    write(name: string, value: string) {
      this.values.set(name, value);
      this.invalidate(name);
    }

    // The store answers when the read starts; `hold` only delays the answer on its way back, so a read that began
    // before a write really carries the old value (MemoryProvider reads after the hold, which would hide the race).
    protected override async _get(name: string): Promise<string | Uint8Array | undefined> {
      this.calls.push(name);
      const value = this.values.get(name);
      if (this.hold) await this.hold;
      return value;
    }
  }

  it('does not let a read that started before a write cache the old value', async () => {
    const provider = new WritableProvider();
    provider.values.set('/w', 'old');
    let release!: () => void;
    provider.hold = new Promise((resolve) => {
      release = resolve;
    });
    const early = provider.get('/w');
    provider.write('/w', 'new');
    provider.hold = undefined;
    const late = provider.get('/w');
    // The later read fetches on its own rather than joining the one in flight (which would wait for `release`).
    expect(provider.calls).toEqual(['/w', '/w']);
    expect(await late).toBe('new');
    release();
    expect(await early).toBe('old');
    expect(await provider.get('/w')).toBe('new');
    expect(provider.calls).toEqual(['/w', '/w']);
  });
});

describe('BaseProvider stale-if-error', () => {
  it('serves the last good value when a refresh is throttled, within the window', async () => {
    const { clock, provider } = setup({ staleIfErrorSeconds: 60 });
    await provider.get('/a');
    clock.advance(6_000);
    provider.failures.push(sdkError('ThrottlingException', 400));
    expect(await provider.get('/a')).toBe('one');
    expect(provider.stats().staleServed).toBe(1);
    clock.advance(60_000);
    provider.failures.push(sdkError('ThrottlingException', 400));
    await expect(provider.get('/a')).rejects.toThrow(/ThrottlingException/);
  });

  it('serves stale on 5xx and network errors', async () => {
    const { clock, provider } = setup();
    await provider.get('/a');
    clock.advance(6_000);
    provider.failures.push(sdkError('SomethingBroke', 503));
    expect(await provider.get('/a')).toBe('one');
    provider.failures.push(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(await provider.get('/a')).toBe('one');
    expect(provider.stats().staleServed).toBe(2);
  });

  it('always throws not-found and access-denied', async () => {
    const { clock, provider } = setup();
    await provider.get('/a');
    clock.advance(6_000);
    provider.failures.push(sdkError('AccessDeniedException', 400));
    await expect(provider.get('/a')).rejects.toThrow(/AccessDeniedException/);
    provider.failures.push(sdkError('ParameterNotFound', 400));
    await expect(provider.get('/a')).rejects.toThrow(/ParameterNotFound/);
  });

  it('is off with staleIfErrorSeconds 0, and not used by forceFetch', async () => {
    const off = setup({ staleIfErrorSeconds: 0 });
    await off.provider.get('/a');
    off.clock.advance(6_000);
    off.provider.failures.push(sdkError('ThrottlingException', 400));
    await expect(off.provider.get('/a')).rejects.toThrow();

    const forced = setup();
    await forced.provider.get('/a');
    forced.provider.failures.push(sdkError('ThrottlingException', 400));
    await expect(forced.provider.get('/a', { forceFetch: true })).rejects.toThrow();
  });
});

describe('BaseProvider maxAgeJitter', () => {
  it('shortens every lifetime by the share drawn once for the provider', async () => {
    const clock = fakeClock();
    const provider = new MemoryProvider({ now: clock.now, maxAgeJitter: 0.5, random: () => 0.5 });
    provider.values.set('/j', 'v');
    await provider.get('/j', { maxAge: 10 });
    clock.advance(7_400);
    await provider.get('/j', { maxAge: 10 });
    expect(provider.calls).toHaveLength(1);
    clock.advance(100); // 7.5 s = 10 s × (1 − 0.5 × 0.5)
    await provider.get('/j', { maxAge: 10 });
    expect(provider.calls).toHaveLength(2);
  });

  it('applies to the default maxAge and is validated', async () => {
    const clock = fakeClock();
    const provider = new MemoryProvider({ now: clock.now, maxAgeJitter: 0.2, random: () => 0.999 });
    provider.values.set('/j', 'v');
    await provider.get('/j');
    clock.advance(4_000); // 5 s × (1 − 0.2 × 0.999) ≈ 4.001 s
    await provider.get('/j');
    expect(provider.calls).toHaveLength(1);
    clock.advance(10);
    await provider.get('/j');
    expect(provider.calls).toHaveLength(2);
    expect(() => new MemoryProvider({ maxAgeJitter: 1 })).toThrow(/maxAgeJitter/);
    expect(() => new MemoryProvider({ maxAgeJitter: -0.1 })).toThrow(/maxAgeJitter/);
  });
});

describe('BaseProvider default clock', () => {
  it('follows fake timers installed after the provider was created', async () => {
    const provider = new MemoryProvider();
    provider.values.set('/clock', 'v');
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      await provider.get('/clock');
      vi.setSystemTime(1_004_999);
      await provider.get('/clock');
      expect(provider.calls).toHaveLength(1);
      vi.setSystemTime(1_005_000);
      await provider.get('/clock');
      expect(provider.calls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
