import type { RunningEmulator } from '@paramkit/emulator';
import { describe, expect, it } from 'vitest';
import type { BaseProvider } from '../../src/base/BaseProvider.js';
import type { ProviderCacheOptions } from '../../src/types/BaseProvider.js';

/** What the conformance suite needs to know of one provider. */
export interface ProviderCase {
  /** Creates the provider under test with these cache options (the suite's clock included). */
  create(options: ProviderCacheOptions): BaseProvider;
  /** Two names whose values exist (`values` gives them as text), and one that does not. */
  names: readonly [string, string];
  missing: string;
  values: Readonly<Record<string, string>>;
  /** A value as text (bytes decoded). */
  text(value: unknown): string;
  /** Replaces a value in the store, through the real service API. */
  write(name: string, value: string): Promise<void>;
  /** Where a read's calls land: the emulator's service (for fault rules) and the operations counted. */
  service: string;
  operations: readonly string[];
  /** Calls a first read makes (AppConfig: a session, then a poll). @default 1 */
  coldCalls?: number;
  /** The shortest time between two fetches of one value the service allows (AppConfig's poll interval). @default 0 */
  pollIntervalMs?: number;
}

/** What the suite reads of the running test environment. */
export interface ConformanceContext {
  readonly emulator: RunningEmulator;
  now(): number;
  advance(ms: number): void;
}

const MAX_AGE = 200;
const AFTER_EXPIRY_MS = MAX_AGE * 1000 + 1;

/** Lets background work (a refresh, a settled fetch) run to its end. */
async function settle(count: () => number, calls: number): Promise<void> {
  for (let round = 0; round < 200 && count() < calls; round++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (let round = 0; round < 10; round++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * The behaviour every provider shares, run against the emulator: caching, expiry, coalescing, eviction,
 * stale-if-error, refresh-ahead, backoff, stale answers within a deadline, prefetch, errors and counters.
 * Time moves by the injected clock, never by sleeping.
 */
export function testProvider(label: string, ctx: ConformanceContext, define: () => ProviderCase): void {
  describe(`${label} conformance`, () => {
    const setup = (options: ProviderCacheOptions = {}) => {
      const spec = define();
      const provider = spec.create({ now: ctx.now, random: () => 0, ...options });
      const [first, second] = spec.names;
      const calls = () => spec.operations.reduce((sum, operation) => sum + ctx.emulator.requests.count(operation), 0);
      const cold = spec.coldCalls ?? 1;
      const poll = () => ctx.advance(spec.pollIntervalMs ?? 0);
      const read = (name = first, extra: object = {}) =>
        provider
          .get(name, { maxAge: MAX_AGE, ...extra })
          .then((value) => (value === undefined ? value : spec.text(value)));
      return { spec, provider, first, second, calls, cold, poll, read };
    };

    it('caches a value for maxAge, counting the hit, the miss and the call', async () => {
      const { spec, provider, first, calls, cold, read } = setup();
      expect(await read()).toBe(spec.values[first]);
      expect(await read()).toBe(spec.values[first]);
      expect(calls()).toBe(cold);
      expect(provider.stats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
      expect(provider.stats().apiCalls).toBeGreaterThanOrEqual(1);
    });

    it('fetches again after maxAge, and at once with forceFetch', async () => {
      const { spec, first, calls, cold, poll, read } = setup();
      await read();
      await spec.write(first, 'second value');
      ctx.advance(MAX_AGE * 1000 - 1);
      expect(await read()).toBe(spec.values[first]);
      ctx.advance(2);
      expect(await read()).toBe('second value');
      await spec.write(first, 'third value');
      poll();
      expect(await read(first, { forceFetch: true })).toBe('third value');
      expect(calls()).toBe(cold + 2);
    });

    it('makes one call for 20 concurrent cold reads', async () => {
      const { spec, provider, first, calls, cold, read } = setup();
      const values = await Promise.all(Array.from({ length: 20 }, () => read()));
      expect(new Set(values)).toEqual(new Set([spec.values[first]]));
      expect(calls()).toBe(cold);
      expect(provider.stats()).toMatchObject({ misses: 20, coalesced: 19 });
    });

    it('holds at most maxEntries values, evicting the least recently used', async () => {
      const { provider, first, second, calls, cold, poll, read } = setup({ maxEntries: 1 });
      await read(first);
      await read(second);
      expect(provider.stats()).toMatchObject({ size: 1, evictions: 1 });
      await read(second);
      expect(calls()).toBe(2 * cold);
      poll();
      await read(first);
      expect(calls()).toBe(2 * cold + 1);
    });

    it('serves the last good value when a refresh is throttled, fails with 5xx or loses its connection', async () => {
      const { spec, provider, first, second, read } = setup();
      await read(first);
      ctx.advance(AFTER_EXPIRY_MS);
      for (const fault of [{ throttleRate: 1 }, { serverErrorRate: 1 }, { dropRate: 1 }]) {
        ctx.emulator.faults.add({ service: spec.service, ...fault, times: 1 });
        expect(await read(first)).toBe(spec.values[first]);
        ctx.advance(10_000); // past the backoff the failure started
      }
      expect(provider.stats().staleServed).toBe(3);
      ctx.emulator.faults.add({ service: spec.service, throttleRate: 1 });
      await expect(read(second)).rejects.toMatchObject({ name: 'GetParameterError' });
      ctx.emulator.faults.clear();
    });

    it('backs off after a failure: reads get the stale value (or the last error) without calling, then retry', async () => {
      const { spec, provider, first, second, calls, read } = setup();
      await read(first);
      ctx.advance(AFTER_EXPIRY_MS);
      ctx.emulator.faults.add({ service: spec.service, throttleRate: 1 });
      const before = calls();
      for (let i = 0; i < 5; i++) expect(await read(first)).toBe(spec.values[first]);
      const second1 = await read(second).catch((error: unknown) => error);
      const second2 = await read(second).catch((error: unknown) => error);
      expect(second2).toBe(second1);
      expect(calls() - before).toBe(2); // one call per key, then the backoff answers
      // The first wait is 1 s (random() = 0: no stretch); 1.5 s also outlasts an agent's own jittered first wait.
      ctx.advance(1500);
      expect(await read(first)).toBe(spec.values[first]);
      expect(calls() - before).toBe(3);
      ctx.emulator.faults.clear();
      ctx.advance(2000); // the second wait is 2 s
      expect(await read(first)).toBe(spec.values[first]);
      expect(provider.stats().backoffs).toBeGreaterThanOrEqual(5);
      expect(provider.stats().staleServed).toBeGreaterThanOrEqual(6);
    });

    it('never backs off a missing value: each read asks again', async () => {
      const { spec, provider, calls } = setup();
      // Without throwOnMissing a provider answers undefined or (SSM, Secrets Manager, as Powertools) the SDK error.
      const answer = await provider.get(spec.missing, { maxAge: MAX_AGE }).catch((error: unknown) => error);
      if (answer !== undefined) expect(answer).toMatchObject({ name: 'GetParameterError' });
      await provider.get(spec.missing, { maxAge: MAX_AGE }).catch(() => undefined);
      expect(calls()).toBe(2);
      await expect(provider.get(spec.missing, { maxAge: MAX_AGE, throwOnMissing: true })).rejects.toMatchObject({
        name: 'ParameterNotFoundError',
      });
      expect(provider.stats().backoffs).toBe(0);
    });

    it('refreshes ahead: a read past the share gets the cached value at once and starts one background refresh', async () => {
      const { spec, provider, first, calls, cold, read } = setup({ refreshAhead: 0.5 });
      await read();
      await spec.write(first, 'refreshed');
      ctx.advance(MAX_AGE * 600);
      expect(await read()).toBe(spec.values[first]);
      expect(await read()).toBe(spec.values[first]);
      await settle(calls, cold + 1);
      expect(calls()).toBe(cold + 1);
      expect(await read()).toBe('refreshed');
      expect(provider.stats()).toMatchObject({ refreshes: 1, refreshFailures: 0 });
    });

    it('counts a failed background refresh and keeps serving the cached value, never rejecting', async () => {
      const { spec, provider, first, calls, cold, read } = setup({ refreshAhead: 0.5 });
      await read();
      ctx.advance(MAX_AGE * 600);
      ctx.emulator.faults.add({ service: spec.service, throttleRate: 1, times: 1 });
      expect(await read()).toBe(spec.values[first]);
      await settle(calls, cold + 1);
      expect(calls()).toBe(cold + 1);
      expect(await read()).toBe(spec.values[first]);
      expect(provider.stats()).toMatchObject({ refreshes: 1, refreshFailures: 1 });
    });

    it('answers an expired value within staleAnswerMs while a slow refresh goes on', async () => {
      const { spec, provider, first, calls, cold, read } = setup({ staleAnswerMs: 20 });
      await read();
      await spec.write(first, 'slow');
      ctx.advance(AFTER_EXPIRY_MS);
      ctx.emulator.faults.add({ service: spec.service, latencyMs: 300, times: 1 });
      expect(await read()).toBe(spec.values[first]);
      expect(provider.stats()).toMatchObject({ staleServed: 1, refreshes: 1 });
      await settle(calls, cold + 1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await read()).toBe('slow');
    });

    it('prefetches: later reads share the request, and a failure waits for the first read that needs it', async () => {
      const { spec, provider, first, second, calls, cold, read } = setup();
      const prefetched = provider.prefetch([
        { name: first, options: { maxAge: MAX_AGE } },
        { name: spec.missing, options: { maxAge: MAX_AGE, throwOnMissing: true } },
      ]);
      expect(await read()).toBe(spec.values[first]);
      await expect(prefetched).resolves.toBeUndefined();
      expect(calls()).toBe(cold + 1);
      expect(provider.stats().coalesced).toBe(1);
      await expect(provider.get(spec.missing, { maxAge: MAX_AGE, throwOnMissing: true })).rejects.toMatchObject({
        name: 'ParameterNotFoundError',
      });
      ctx.emulator.faults.add({ service: spec.service, throttleRate: 1, times: 1 });
      await expect(provider.prefetch([second])).resolves.toBeUndefined();
      ctx.emulator.faults.clear();
      await expect(provider.get(second)).rejects.toMatchObject({ name: 'GetParameterError' });
    });

    it('wraps a failed call in GetParameterError with the service error as cause', async () => {
      const { spec, provider, first } = setup({ backoff: false });
      ctx.emulator.faults.add({ service: spec.service, serverErrorRate: 1, times: 1 });
      const error = await provider.get(first).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'GetParameterError' });
      expect((error as Error).cause).toBeDefined();
      ctx.advance(2000); // past the backoff an agent in between may keep of its own
      expect(await provider.get(first).then(spec.text)).toBe(spec.values[first]);
    });
  });
}
