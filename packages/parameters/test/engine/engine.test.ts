import { describe, expect, it } from 'vitest';
import { CacheEngine, readBatch } from '../../src/engine/index.js';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Path listings of `/app/` whose fetches answer when the test calls `finishes[i]`, in the order they started. */
function deferredListings(engine: CacheEngine<string> | CacheEngine<string | undefined>) {
  const finishes: ((value: string) => void)[] = [];
  const listing = (forceFetch: boolean) =>
    (engine as CacheEngine<string>).read({
      name: '/app/',
      variant: 'm',
      maxAgeMs: 60_000,
      forceFetch,
      fetch: () => new Promise<string>((resolve) => finishes.push(resolve)),
    });
  return { listing, finishes };
}

describe('CacheEngine', () => {
  it('keys by name and variant as data: a variant holding any character is its own key', async () => {
    const engine = new CacheEngine<string>();
    await engine.read({ name: 'app/db', variant: 'v1\u001eAWSPREVIOUS', maxAgeMs: 60_000, fetch: async () => 'old' });
    await engine.read({ name: 'app/db', variant: '', maxAgeMs: 60_000, fetch: async () => 'current' });
    expect(engine.hit('app/db', 'v1\u001eAWSPREVIOUS', 60_000)?.value).toBe('old');
    expect(engine.hit('app/db', '', 60_000)?.value).toBe('current');
    expect(engine.hit('app/db\u001ev1', 'AWSPREVIOUS', 60_000)).toBeUndefined();
  });

  it('judges ages exactly on wall-clock-sized and fractional clocks, and after a clear', async () => {
    const time = clock(Date.now() + 0.25);
    const engine = new CacheEngine<number>({ now: time.now });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 1 });
    time.advance(999.5);
    const entry = engine.hit('k', '', 1000);
    expect(entry?.value).toBe(1);
    expect(entry && engine.ageOf(entry)).toBe(999.5);
    time.advance(0.5);
    expect(engine.hit('k', '', 1000)).toBeUndefined();
    engine.clear();
    time.advance(1e9);
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 2 });
    time.advance(999);
    expect(engine.hit('k', '', 1000)?.value).toBe(2);
    time.advance(1);
    expect(engine.hit('k', '', 1000)).toBeUndefined();
  });

  it('a forced read supersedes a request already in flight: the older answer never overwrites the newer', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now });
    let finishSlow!: (value: string) => void;
    const slow = engine.read({
      name: 'k',
      variant: 'a',
      maxAgeMs: 60_000,
      fetch: () => new Promise<string>((resolve) => (finishSlow = resolve)),
    });
    time.advance(1);
    const forced = await engine.read({
      name: 'k',
      variant: 'a',
      maxAgeMs: 60_000,
      forceFetch: true,
      fetch: async () => 'new',
    });
    expect(forced).toBe('new');
    finishSlow('old');
    expect(await slow).toBe('old'); // its caller still gets its answer
    expect(engine.hit('k', 'a', 60_000)?.value).toBe('new');
  });

  it('a write also stops the requests in flight for the keys it drops (a path listing) from filling the cache', async () => {
    const engine = new CacheEngine<string>();
    let finishListing!: (value: string) => void;
    const listing = engine.read({
      name: '/app',
      variant: 'multiple',
      maxAgeMs: 60_000,
      fetch: () => new Promise<string>((resolve) => (finishListing = resolve)),
    });
    engine.invalidate('/app/x', (name) => name === '/app');
    finishListing('{x: old}');
    expect(await listing).toBe('{x: old}');
    expect(engine.hit('/app', 'multiple', 60_000)).toBeUndefined();
    expect(engine.inflight('/app', 'multiple')).toBeUndefined();
  });

  it('after a not-found or access-denied, nothing of the name fetched before is served stale; fresh entries stay', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now });
    for (const variant of ['', 'json', 'decrypt']) {
      await engine.read({ name: '/a', variant, maxAgeMs: 1000, fetch: async () => `v-${variant}` });
    }
    await engine.read({ name: '/b', variant: '', maxAgeMs: 1000, fetch: async () => 'other' });
    time.advance(1500);
    const gone = Object.assign(new Error('gone'), { name: 'ParameterNotFound' });
    await expect(
      engine.read({ name: '/a', variant: '', maxAgeMs: 1000, fetch: () => Promise.reject(gone) }),
    ).rejects.toBe(gone);
    const outage = () => Promise.reject(throttled());
    for (const variant of ['json', 'decrypt']) {
      await expect(engine.read({ name: '/a', variant, maxAgeMs: 1000, fetch: outage }), variant).rejects.toThrow(
        'Rate exceeded',
      );
    }
    expect(await engine.read({ name: '/b', variant: '', maxAgeMs: 1000, fetch: outage })).toBe('other');
    // A value fetched after the not-found is served stale again.
    time.advance(60_000);
    await engine.read({ name: '/a', variant: 'json', maxAgeMs: 1000, fetch: async () => 'back' });
    time.advance(1500);
    expect(await engine.read({ name: '/a', variant: 'json', maxAgeMs: 1000, fetch: outage })).toBe('back');
  });

  it('a not-found of one version leaves the current value cached (a rotation function probing AWSPENDING)', async () => {
    const engine = new CacheEngine<string>();
    await engine.read({ name: 's', variant: '', maxAgeMs: 60_000, fetch: async () => 'current' });
    const noPending = Object.assign(new Error('no AWSPENDING'), { name: 'ResourceNotFoundException' });
    await expect(
      engine.read({ name: 's', variant: 'stage:AWSPENDING', maxAgeMs: 60_000, fetch: () => Promise.reject(noPending) }),
    ).rejects.toBe(noPending);
    expect(engine.hit('s', '', 60_000)?.value).toBe('current');
  });

  it('overlapping forced reads: the first to answer is cached, and no older answer replaces it', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 60_000, fetch: async () => 'old' });
    const finishes: ((value: string) => void)[] = [];
    const forced = () =>
      engine.read({
        name: 'k',
        variant: '',
        maxAgeMs: 60_000,
        forceFetch: true,
        fetch: () => new Promise<string>((resolve) => finishes.push(resolve)),
      });
    const first = forced();
    time.advance(5);
    const second = forced();
    finishes[0]?.('new');
    await first;
    expect(engine.hit('k', '', 60_000)?.value).toBe('new');
    // A normal read of another variant, in flight meanwhile, still fills the cache.
    await engine.read({ name: 'k', variant: 'json', maxAgeMs: 60_000, fetch: async () => 'json' });
    expect(engine.hit('k', 'json', 60_000)?.value).toBe('json');
    finishes[1]?.('newer');
    await second;
    expect(engine.hit('k', '', 60_000)?.value).toBe('newer'); // it started later: its answer is the newer one
  });

  it('an entry stored before a lifetime end that passed stays unfresh when the end moves on (a rotation)', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now });
    engine.limitLifetime('db', time.now() + 1000);
    await engine.read({ name: 'db', variant: '', maxAgeMs: 60_000, fetch: async () => 'before' });
    time.advance(1000);
    expect(engine.hit('db', '', 60_000)).toBeUndefined();
    engine.limitLifetime('db', time.now() + 3_600_000); // the next rotation
    expect(engine.hit('db', '', 60_000)).toBeUndefined();
    expect(engine.stale('db', '', 60_000)?.value).toBe('before'); // still there to serve through an outage
    await engine.read({ name: 'db', variant: '', maxAgeMs: 60_000, fetch: async () => 'after' });
    expect(engine.hit('db', '', 60_000)?.value).toBe('after');
    engine.limitLifetime('db', undefined);
    expect(engine.hit('db', '', 60_000)?.value).toBe('after');
  });

  it('an older request’s failure or empty answer never undoes a newer stored answer, even in the same millisecond', async () => {
    const engine = new CacheEngine<string | undefined>({ now: () => 1_000_000 }); // a clock that never moves
    const gone = Object.assign(new Error('gone'), { name: 'ParameterNotFound' });
    for (const [label, outcome] of [
      ['not found', () => Promise.reject(gone)],
      ['throttled', () => Promise.reject(throttled())],
      ['empty', async () => undefined],
      ['an older value', async () => 'old'],
    ] as const) {
      engine.clear();
      let finishSlow!: () => void;
      const slow = engine.read({
        name: 'k',
        variant: '',
        maxAgeMs: 60_000,
        fetch: () => new Promise<void>((resolve) => (finishSlow = resolve)).then(outcome),
      });
      await engine.read({ name: 'k', variant: '', maxAgeMs: 60_000, forceFetch: true, fetch: async () => 'new' });
      finishSlow();
      await slow.catch(() => undefined);
      expect(engine.hit('k', '', 60_000)?.value, label).toBe('new');
      expect(engine.backingOff('k', ''), label).toBeUndefined();
    }
  });

  it('a path listing in flight when a write drops it never caches, even after a forced listing replaced it', async () => {
    const engine = new CacheEngine<string>();
    const { listing, finishes } = deferredListings(engine);
    const older = listing(false);
    const forced = listing(true);
    engine.invalidate('/app/x', (name) => name === '/app/');
    finishes[0]?.('{x: old}');
    finishes[1]?.('{x: old, forced}');
    await Promise.all([older, forced]);
    expect(engine.hit('/app/', 'm', 60_000)).toBeUndefined();
  });

  it('a value is dated when it arrives: a slow fetch, or a refresh retried after a freeze, is cached fresh', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now, refreshAhead: 0.8 });
    await engine.read({
      name: 'slow',
      variant: '',
      maxAgeMs: 1000,
      fetch: async () => {
        time.advance(1200); // longer than maxAge
        return 'v';
      },
    });
    expect(engine.hit('slow', '', 1000)?.value).toBe('v');
    let calls = 0;
    const fetch = async () => {
      calls++;
      if (calls === 2) {
        time.advance(120_000); // frozen between invocations; the socket is reset on thaw
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return `v${calls}`;
    };
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch });
    time.advance(850);
    expect(engine.hit('k', '', 1000)?.value).toBe('v1'); // queues the refresh
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.hit('k', '', 1000)?.value).toBe('v3');
    expect(calls).toBe(3);
  });

  it('after a not-found, values of the name from fetches that started later are served stale again', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now });
    const noPending = Object.assign(new Error('no AWSPENDING'), { name: 'ResourceNotFoundException' });
    let finishCurrent!: (value: string) => void;
    const pending = engine.read({
      name: 's',
      variant: 'stage:AWSPENDING',
      maxAgeMs: 1000,
      fetch: () => Promise.reject(noPending),
    });
    const current = engine.read({
      name: 's',
      variant: '',
      maxAgeMs: 1000,
      fetch: () => new Promise<string>((resolve) => (finishCurrent = resolve)),
    });
    await pending.catch(() => undefined);
    finishCurrent('cur'); // started after the not-found's fetch, answered after it
    await current;
    time.advance(1500);
    expect(
      await engine.read({ name: 's', variant: '', maxAgeMs: 1000, fetch: () => Promise.reject(throttled()) }),
    ).toBe('cur');
  });

  it('a newer "gone" or empty answer is never undone by an older value, a later failure, or a replaced listing', async () => {
    const engine = new CacheEngine<string | undefined>({ now: () => 1_000_000 });
    const gone = Object.assign(new Error('gone'), { name: 'ParameterNotFound' });
    for (const [label, newer] of [
      ['not found', () => Promise.reject(gone)],
      ['empty', async () => undefined],
    ] as const) {
      for (const [older, expectBackoff] of [
        [async () => 'OLD', false],
        [() => Promise.reject(throttled()), false],
      ] as const) {
        engine.clear();
        let finishOlder!: () => void;
        const slow = engine.read({
          name: 'n',
          variant: '',
          maxAgeMs: 60_000,
          fetch: () => new Promise<void>((resolve) => (finishOlder = resolve)).then(older),
        });
        await engine.read({ name: 'n', variant: '', maxAgeMs: 60_000, forceFetch: true, fetch: newer }).catch(() => 0);
        finishOlder();
        await slow.catch(() => undefined);
        expect(engine.hit('n', '', 60_000), label).toBeUndefined();
        expect(engine.backingOff('n', '') !== undefined, label).toBe(expectBackoff);
      }
    }
    // A listing replaced in flight by a forced one, then dropped by a write: the old listing never caches.
    engine.clear();
    const { listing, finishes } = deferredListings(engine);
    const older = listing(false);
    const forced = listing(true);
    finishes[1]?.('{x: v1, forced}');
    await forced;
    engine.invalidate('/app/x', (name) => name === '/app/');
    finishes[0]?.('{x: v1-old}');
    await older;
    expect(engine.hit('/app/', 'm', 60_000)).toBeUndefined();
  });

  it('coalesces concurrent misses into one fetch', async () => {
    const engine = new CacheEngine<number>();
    let calls = 0;
    const fetch = async () => ++calls;
    const values = await Promise.all(
      Array.from({ length: 20 }, () => engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch })),
    );
    expect(values).toEqual(Array(20).fill(1));
    expect(engine.stats()).toMatchObject({ misses: 20, coalesced: 19 });
  });

  it('refreshes ahead of expiry in the background, once, and keeps answering from the cache', async () => {
    const time = clock();
    const engine = new CacheEngine<number>({ now: time.now, refreshAhead: 0.5 });
    let calls = 0;
    const fetch = async () => ++calls;
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch });
    time.advance(600);
    expect(engine.hit('k', '', 1000)?.value).toBe(1);
    expect(engine.hit('k', '', 1000)?.value).toBe(1);
    expect(engine.inflight('k', '')).toBeUndefined(); // queued: the hits return before any work on the refresh
    await new Promise((resolve) => setImmediate(resolve));
    await engine.inflight('k', '');
    expect(calls).toBe(2);
    expect(engine.hit('k', '', 1000)?.value).toBe(2);
    expect(engine.stats()).toMatchObject({ refreshes: 1, refreshFailures: 0, hits: 3 });
  });

  it('backs off after a transient failure: stale value served, no call until the wait is over', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now, random: () => 0 });
    let calls = 0;
    let fail = false;
    const fetch = async () => {
      calls++;
      if (fail) throw throttled();
      return 'v';
    };
    const read = () => engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch });
    await read();
    fail = true;
    time.advance(1500);
    await expect(read()).resolves.toBe('v');
    await expect(read()).resolves.toBe('v');
    expect(calls).toBe(2);
    time.advance(1000);
    await read();
    expect(calls).toBe(3);
    await read(); // second failure waits 2 s
    time.advance(1500);
    await read();
    expect(calls).toBe(3);
    expect(engine.stats()).toMatchObject({ backoffs: 3 });
  });

  it('fails fast with the last error during a backoff when there is no value to serve', async () => {
    const engine = new CacheEngine<string>();
    let calls = 0;
    const fetch = async (): Promise<string> => {
      calls++;
      throw throttled();
    };
    await expect(engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch })).rejects.toThrow('Rate exceeded');
    await expect(engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch })).rejects.toThrow('Rate exceeded');
    expect(calls).toBe(1);
  });

  it('answers an expired value within staleAnswerMs while a slow refresh goes on', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now, staleAnswerMs: 10 });
    await engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: async () => 'old' });
    time.advance(1500);
    let finish!: (value: string) => void;
    const slow = () => new Promise<string>((resolve) => (finish = resolve));
    await expect(engine.read({ name: 'k', variant: '', maxAgeMs: 1000, fetch: slow })).resolves.toBe('old');
    finish('new');
    await new Promise((resolve) => setImmediate(resolve));
    expect(engine.hit('k', '', 1000)?.value).toBe('new');
    expect(engine.stats()).toMatchObject({ staleServed: 1, refreshes: 1 });
  });

  it('a write during a fetch keeps the fetched value out of the cache', async () => {
    const engine = new CacheEngine<string>();
    let finish!: (value: string) => void;
    const pending = engine.read({
      name: 'k',
      variant: '',
      maxAgeMs: 1000,
      fetch: () => new Promise((resolve) => (finish = resolve)),
    });
    engine.invalidate('k');
    finish('before the write');
    await pending;
    expect(engine.peek('k', '')).toBeUndefined();
  });

  it('refreshes a stored value ahead by the share its source or set gives, else the engine’s', async () => {
    const time = clock();
    const engine = new CacheEngine<number>({ now: time.now, refreshAhead: 0.9 });
    let calls = 0;
    const source = { fetch: async () => ++calls };
    engine.set('engine-share', '', 0, 1000, source);
    engine.set('own-share', '', 0, 1000, { ...source, refreshAhead: 0.5 });
    engine.set('given-share', '', 0, 1000, source, 0.2);
    engine.set('no-source', '', 0, 1000);
    time.advance(600);
    for (const name of ['engine-share', 'own-share', 'given-share', 'no-source']) engine.hit(name, '', 1000);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([engine.inflight('own-share', ''), engine.inflight('given-share', '')]);
    expect(calls).toBe(2); // past 0.5 and 0.2 of the life, not past 0.9; nothing to refresh without a source
    expect(engine.peek('engine-share', '')?.value).toBe(0);
    expect(engine.peek('no-source', '')?.value).toBe(0);
    time.advance(300);
    engine.hit('engine-share', '', 1000);
    await new Promise((resolve) => setImmediate(resolve));
    await engine.inflight('engine-share', '');
    expect(calls).toBe(3);
  });

  it('keeps no source for an entry that never refreshes ahead', () => {
    const engine = new CacheEngine<number>();
    engine.set('k', '', 1, 1000, { fetch: async () => 2 });
    expect(engine.peek('k', '')?.source).toBeUndefined();
    engine.set('k', '', 1, 1000, { fetch: async () => 2 }, 0.5);
    expect(engine.peek('k', '')?.source?.refreshAhead).toBe(0.5);
  });

  it('checks a share that comes with a source or set, and keeps a source whose fetch is inherited', () => {
    const engine = new CacheEngine<number>();
    expect(() => engine.set('k', '', 1, 1000, { fetch: async () => 2, refreshAhead: 0 })).toThrow(RangeError);
    expect(() => engine.set('k', '', 1, 1000, { fetch: async () => 2 }, 1.5)).toThrow(/refreshAhead must be/);
    class Source {
      fetch(): Promise<number> {
        return Promise.resolve(2);
      }
    }
    engine.set('k', '', 1, 1000, new Source(), 0.5);
    expect(typeof engine.peek('k', '')?.source?.fetch).toBe('function');
  });

  it('caps an entry at limitLifetime whatever the reader’s maxAge', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now });
    engine.limitLifetime('s', time.now() + 100);
    await engine.read({ name: 's', variant: '', maxAgeMs: 60_000, fetch: async () => 'v' });
    time.advance(99);
    expect(engine.hit('s', '', 60_000)).toBeDefined();
    time.advance(1);
    expect(engine.hit('s', '', 60_000)).toBeUndefined();
  });
});

describe('readBatch', () => {
  it('serves hits, joins single reads in flight, fetches the rest in parallel calls and shares them', async () => {
    const engine = new CacheEngine<string>();
    engine.set('/hit', '', 'cached', 60_000);
    let finishSingle!: (value: string) => void;
    const single = engine.read({
      name: '/single',
      variant: '',
      maxAgeMs: 60_000,
      fetch: () => new Promise((resolve) => (finishSingle = resolve)),
    });
    const calls: string[][] = [];
    const names = ['/hit', '/single', ...Array.from({ length: 12 }, (_, i) => `/n${i}`)];
    const batch = readBatch(engine, {
      items: names.map((name) => ({ name, variant: '', maxAgeMs: 60_000 })),
      maxPerCall: 10,
      fetch: async (items) => {
        calls.push(items.map((item) => item.name));
        return new Map(items.map((item) => [item, { value: `v${item.name}` }]));
      },
    });
    const joiner = engine.read({ name: '/n0', variant: '', maxAgeMs: 60_000, fetch: async () => 'never' });
    finishSingle('single');
    const outcomes = await batch;
    expect(await single).toBe('single');
    expect(await joiner).toBe('v/n0');
    expect(calls.map((call) => call.length)).toEqual([10, 2]);
    expect(outcomes.slice(0, 3)).toEqual([
      { status: 'hit', value: 'cached' },
      { status: 'joined', value: 'single' },
      { status: 'fetched', value: 'v/n0' },
    ]);
  });

  it('falls back to the stale value per key when a call fails transiently', async () => {
    const time = clock();
    const engine = new CacheEngine<string>({ now: time.now });
    engine.set('/a', '', 'old a', 1000);
    time.advance(2000);
    const outcomes = await readBatch(engine, {
      items: ['/a', '/b'].map((name) => ({ name, variant: '', maxAgeMs: 1000 })),
      maxPerCall: 10,
      fetch: async () => {
        throw throttled();
      },
    });
    expect(outcomes[0]).toEqual({ status: 'stale', value: 'old a' });
    expect(outcomes[1]).toMatchObject({ status: 'failed' });
  });
});
