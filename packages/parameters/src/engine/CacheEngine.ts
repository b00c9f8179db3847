import { type CacheEntry, EntryStore, type SourceRequest } from './EntryStore.js';
import { classifyError, isConnectionReset } from './errorKinds.js';
import { KeyedMap } from './KeyedMap.js';
import { type EngineOptions, engineOptionsOf, type ResolvedEngineOptions, resolveRefreshAhead } from './options.js';

/** One read through the engine. */
export interface ReadRequest<V> {
  name: string;
  variant: string;
  /** How long the value is fresh, in ms; `0` neither reads nor fills the cache. */
  maxAgeMs: number;
  /** Fetches the value (one AWS call, a transform...). */
  fetch: () => Promise<V>;
  /** Skip the cache, in-flight requests and the backoff, and fetch (the result is cached). */
  forceFetch?: boolean;
  /** Whether a fetched value is cached. @default value !== undefined */
  cacheable?: (value: V) => boolean;
  /** Overrides the engine's `refreshAhead` for the entry this read stores (a share of `maxAge`; 1 for off). */
  refreshAhead?: number;
}

/** Counters since the engine was made; `clear` keeps them. */
export interface EngineStats {
  /** Reads answered from a fresh entry. */
  hits: number;
  /** Reads that had to fetch (or join a fetch). */
  misses: number;
  /** Misses that joined a request already in flight instead of making their own. */
  coalesced: number;
  /** Reads answered with an expired value (failed refresh, backoff, or a refresh slower than `staleAnswerMs`). */
  staleServed: number;
  /** AWS API calls made (counted by whoever makes them, with `countApiCalls`). */
  apiCalls: number;
  /** Entries dropped to stay within `maxEntries`. */
  evictions: number;
  /** Background refreshes started (refresh-ahead, and refreshes that outlived a stale answer). */
  refreshes: number;
  /** Background refreshes that failed; never seen by a caller. */
  refreshFailures: number;
  /** Reads answered without calling AWS because their key was backing off after a transient failure. */
  backoffs: number;
  /** Entries held now. */
  size: number;
}

/** What `writeToken` hands out. */
export interface WriteToken {
  readonly generation: number;
  readonly epoch: number;
  /** The order the fetch started in, among all of the engine's fetches and writes. */
  readonly seq: number;
  /** When the fetch started (the engine's clock). */
  readonly startedAt: number;
}

interface Backoff {
  failures: number;
  retryAt: number;
  error: unknown;
}

type Counters = Omit<EngineStats, 'size' | 'evictions'> & { evictions: number };

/** Most names (or keys) the engine remembers writes, drops and not-founds of at once; past it, it starts over. */
const MAX_TRACKED = 10_000;

/**
 * The cache every paramkit provider and the agent are built on: entries keyed by name and variant (as data),
 * bounded LRU eviction, requests in flight shared by concurrent reads, invalidation by writes, stale-if-error,
 * refresh-ahead, stale answers within a deadline, backoff with jitter, and counters.
 *
 * @example
 * ```ts
 * import { CacheEngine } from '@paramkit/parameters/engine';
 *
 * const engine = new CacheEngine<string>({ refreshAhead: 0.8 });
 * const fetch = async () => 'value from AWS';
 * const value = engine.hit('/app/url', '', 60_000)?.value
 *   ?? (await engine.read({ name: '/app/url', variant: '', maxAgeMs: 60_000, fetch }));
 * ```
 */
export class CacheEngine<V = unknown> {
  readonly options: ResolvedEngineOptions;
  readonly now: () => number;
  #store: EntryStore<V>;
  readonly #inflight = new KeyedMap<Promise<V>>();
  readonly #backgrounded = new WeakSet<Promise<unknown>>();
  /** Entries whose refresh-ahead is queued for the next turn of the event loop. */
  readonly #refreshQueued = new WeakSet<CacheEntry<V>>();
  readonly #backoff = new KeyedMap<Backoff>();
  #backoffInserts = 0;
  /** Bumped by every write of a name, so that a read that started before the write cannot cache the old value. */
  readonly #writeEpochs = new Map<string, number>();
  /** Numbers fetches and writes in the order they start, so that an older answer never replaces a newer one. */
  #seq = 0;
  /** Per key, the order of the last answer that dropped it (`forget`): older answers may not settle it. */
  #floors = new KeyedMap<number>();
  /**
   * For a name found gone (not found, access denied), the order of the fetch that found it so: values of the name
   * from fetches that started before it are not served stale.
   */
  readonly #goneSeq = new Map<string, number>();
  /**
   * Per-name hard ends of freshness (a secret's next rotation), applied to entries stored later too, and the last
   * such end that passed: an entry stored before it was stored before a rotation, and is never fresh again, even
   * once the end moves on to the next rotation (it may still be served stale).
   */
  readonly #lifetimes = new Map<string, { notAfter: number; freshAfter: number }>();
  #generation = 0;
  readonly #counts: Counters = {
    hits: 0,
    misses: 0,
    coalesced: 0,
    staleServed: 0,
    apiCalls: 0,
    evictions: 0,
    refreshes: 0,
    refreshFailures: 0,
    backoffs: 0,
  };

  constructor(options: EngineOptions | ResolvedEngineOptions = {}) {
    this.options = engineOptionsOf(options);
    this.now = this.options.now;
    this.#store = new EntryStore(this.options.maxEntries, this.options.staleMs, this.now);
  }

  /**
   * The entry when it is fresh for `maxAgeMs` (counted as a hit), else `undefined`; never waits. Past the
   * refresh-ahead share of its life it starts one background refresh.
   */
  hit(name: string, variant: string, maxAgeMs: number): CacheEntry<V> | undefined {
    const entry = this.#store.get(name, variant);
    if (entry === undefined) return undefined;
    const now = this.now();
    const age = now - this.#store.epoch - entry.storedAt;
    if (age >= maxAgeMs || (this.#lifetimes.size !== 0 && this.#pastLifetime(name, entry, now))) return undefined;
    entry.lastUsed = ++this.#store.tick;
    this.#counts.hits++;
    const { source } = entry;
    if (source !== undefined && age >= maxAgeMs * (source.refreshAhead ?? this.options.refreshAhead)) {
      this.#refreshAhead(name, variant, entry, source);
    }
    return entry;
  }

  /** How long ago an entry (from `hit`, `peek` or `stale`) was fetched, in ms. */
  ageOf(entry: CacheEntry<V>): number {
    return this.now() - this.#store.epoch - entry.storedAt;
  }

  /** The entry whatever its age, counting nothing. */
  peek(name: string, variant: string): CacheEntry<V> | undefined {
    return this.#store.get(name, variant);
  }

  /**
   * An expired entry still inside the stale-if-error window for `maxAgeMs`, counted as served stale unless `count`
   * is `false` (for a caller that may not serve it, and counts it with `countStale` when it does).
   */
  stale(name: string, variant: string, maxAgeMs: number, count = true): CacheEntry<V> | undefined {
    const entry = this.#staleEntry(name, variant, maxAgeMs);
    if (entry !== undefined && count) this.#counts.staleServed++;
    return entry;
  }

  /**
   * A read that missed `hit`: joins the request in flight for the key or starts one, serves an expired value when
   * the fetch fails transiently or takes longer than `staleAnswerMs`, and during a backoff answers without calling.
   */
  read(request: ReadRequest<V>): Promise<V> {
    this.#counts.misses++;
    const { name, variant, forceFetch, maxAgeMs } = request;
    let pending = forceFetch ? undefined : this.#inflight.get(name, variant);
    if (pending !== undefined) {
      this.#counts.coalesced++;
    } else {
      // A forced or uncached read (`maxAge: 0`) asks AWS whatever happened before: it serves nothing stale either.
      if (!forceFetch && maxAgeMs > 0) {
        const backoff = this.#backoff.get(name, variant);
        if (backoff !== undefined && this.now() < backoff.retryAt) {
          this.#counts.backoffs++;
          const stale = this.stale(name, variant, maxAgeMs);
          return stale === undefined ? Promise.reject(backoff.error) : Promise.resolve(stale.value);
        }
      }
      pending = this.#start(request, false);
    }
    // The request may be another read's, a forced one or a background one: this read's own rules decide what it
    // answers when the request fails or is slow.
    if (forceFetch) return pending;
    return this.#answer(name, variant, maxAgeMs, pending);
  }

  /**
   * `pending` when it settles within `staleAnswerMs`; past that, the key's expired value (counted as served stale)
   * while `pending` goes on in the background. `pending` itself when the key has no value to fall back on.
   * `background` is the request whose failure, once a stale value has answered, counts as a failed refresh
   * (`pending` itself unless given).
   */
  withinStaleDeadline<T = V>(
    name: string,
    variant: string,
    maxAgeMs: number,
    pending: Promise<T>,
    background: Promise<unknown> = pending,
  ): Promise<T | V> {
    if (this.options.staleAnswerMs === Infinity) return pending;
    const fallback = this.#staleEntry(name, variant, maxAgeMs);
    if (fallback === undefined) return pending;
    return new Promise<T | V>((resolve, reject) => {
      const answer = this.#deadline(name, variant, fallback, background, resolve);
      pending.then(
        (value) => {
          if (answer()) resolve(value);
        },
        (error: unknown) => {
          if (answer()) reject(error);
        },
      );
    });
  }

  /**
   * Stores a value fetched outside `read` (a batch call, a write) for `ttlMs`. With `source`, a hit past the
   * refresh-ahead share refreshes it with `source.fetch`.
   */
  set(name: string, variant: string, value: V, ttlMs: number, source?: SourceRequest<V>, refreshAhead?: number): void {
    // A value stored directly (a write, addToCache) is newer than any fetch that started before it.
    this.#setAt(name, variant, value, ttlMs, this.now(), source, refreshAhead, ++this.#seq);
  }

  #setAt(
    name: string,
    variant: string,
    value: V,
    ttlMs: number,
    fetchedAt: number,
    source: SourceRequest<V> | undefined,
    refreshAhead: number | undefined,
    seq: number,
  ): void {
    if (ttlMs <= 0 || value === undefined) return;
    // The read (its closure and the options it holds) is kept only when it will be used: it costs memory per entry.
    // A hit reads the share from it, so a share given here that the read does not carry goes on a copy.
    let kept: SourceRequest<V> | undefined;
    if (source !== undefined) {
      const own = refreshAhead ?? source.refreshAhead;
      // Checked here, once per stored entry, because a share handed to the engine directly is checked nowhere else.
      if (own !== undefined) resolveRefreshAhead(own);
      if ((own ?? this.options.refreshAhead) < 1) {
        kept =
          own === source.refreshAhead
            ? source
            : { fetch: source.fetch, ...(source.cacheable ? { cacheable: source.cacheable } : {}), refreshAhead: own };
      }
    }
    this.#store.set(name, variant, value, fetchedAt, ttlMs, kept, seq);
  }

  /** Forgets one entry. */
  delete(name: string, variant: string): void {
    this.#store.delete(name, variant);
  }

  /**
   * After a write of `name`: forgets its entries, requests in flight and backoff, and makes reads that started
   * before the write unable to cache what they fetch. `alsoDrop` names further entries that held the name (a path
   * listing, say).
   */
  invalidate(name: string, alsoDrop?: (name: string, variant: string) => boolean): void {
    this.#bumpWriteEpoch(name);
    this.#inflight.deleteName(name);
    this.#backoff.deleteName(name);
    const dropped = new Set<string>();
    this.#store.deleteWhere((entryName, variant) => {
      if (entryName === name) return true;
      if (!(alsoDrop?.(entryName, variant) ?? false)) return false;
      dropped.add(entryName);
      return true;
    });
    if (alsoDrop === undefined) return;
    // Requests in flight for the other keys that held the name (a path listing) would store what they read
    // before the write: they answer their callers, but their names' requests may no longer fill the cache. That
    // holds for a request no longer registered too (one a forced read replaced), so every name dropped counts.
    for (const [otherName, variant] of this.#inflight.keys()) {
      if (otherName === name || !alsoDrop(otherName, variant)) continue;
      dropped.add(otherName);
      this.#inflight.delete(otherName, variant);
    }
    for (const other of dropped) this.#bumpWriteEpoch(other);
  }

  /**
   * Drops a key for an answer that says it holds nothing (an empty or not cacheable answer, a batch's missing
   * item, a not-found): requests for the key that started before that answer's (`seq`) may no longer settle it
   * (they answer their callers), so an older value or failure cannot come back over the newer "nothing".
   */
  forget(name: string, variant: string, seq = ++this.#seq): void {
    this.#store.delete(name, variant);
    if (this.#floors.size >= MAX_TRACKED) {
      // Too many keys remembered: start over, and make every request in flight stale with a new generation.
      this.#floors = new KeyedMap<number>();
      this.#generation++;
    }
    this.#floors.set(name, variant, Math.max(seq, this.#floors.get(name, variant) ?? 0));
  }

  /**
   * Makes every write token of `name` taken so far stale. Past a bound on the names tracked, the whole table
   * starts over with a new generation instead (which makes every token stale): it cannot grow without end.
   */
  #bumpWriteEpoch(name: string): void {
    if (!this.#writeEpochs.has(name) && this.#writeEpochs.size >= MAX_TRACKED) {
      this.#writeEpochs.clear();
      this.#generation++;
      return;
    }
    this.#writeEpochs.set(name, (this.#writeEpochs.get(name) ?? 0) + 1);
  }

  /**
   * Ends the backoff of every variant of `name`, so that its next read asks AWS: for a caller that promised a retry
   * (a declaration's first `get` after a prefetch that failed).
   */
  endBackoff(name: string): void {
    this.#backoff.deleteName(name);
  }

  /** Deletes every entry for which `predicate` is true. */
  deleteWhere(predicate: (name: string, variant: string) => boolean): void {
    this.#store.deleteWhere(predicate);
  }

  /**
   * Caps the freshness of every entry of `name`, present and future, at `atMs` (a secret's next rotation);
   * `undefined` lifts the cap.
   */
  limitLifetime(name: string, atMs: number | undefined): void {
    const previous = this.#lifetimes.get(name);
    // An end that has passed stays the line entries must be stored after, whatever the new end.
    const freshAfter =
      previous === undefined ? -Infinity : this.now() >= previous.notAfter ? previous.notAfter : previous.freshAfter;
    if (atMs === undefined && freshAfter === -Infinity) this.#lifetimes.delete(name);
    else this.#lifetimes.set(name, { notAfter: atMs ?? Infinity, freshAfter });
  }

  /** When every entry of `name` stops being fresh whatever its `maxAge` (`limitLifetime`), in ms; else `Infinity`. */
  lifetimeLimit(name: string): number {
    return this.#lifetimes.get(name)?.notAfter ?? Infinity;
  }

  /**
   * Whether an entry of `name` is past what `limitLifetime` allows: the end of its life has come, or it was
   * stored before an end that has passed.
   */
  pastLifetime(name: string, entry: CacheEntry<V>): boolean {
    return this.#lifetimes.size !== 0 && this.#pastLifetime(name, entry, this.now());
  }

  #pastLifetime(name: string, entry: CacheEntry<V>, now: number): boolean {
    const lifetime = this.#lifetimes.get(name);
    if (lifetime === undefined) return false;
    return now >= lifetime.notAfter || this.#store.epoch + entry.storedAt < lifetime.freshAfter;
  }

  /** Empties the engine; requests in flight still answer their callers but no longer fill it. Counters stay. */
  clear(): void {
    this.#counts.evictions += this.#store.evictions;
    this.#generation++;
    // Tokens of the old generation are stale whatever their epochs: the epochs can start over.
    this.#writeEpochs.clear();
    this.#goneSeq.clear();
    this.#floors = new KeyedMap<number>();
    this.#inflight.clear();
    this.#backoff.clear();
    this.#lifetimes.clear();
    this.#store = new EntryStore(this.options.maxEntries, this.options.staleMs, this.now);
  }

  /** Counts AWS calls made for the engine's reads. */
  countApiCalls(count: number): void {
    this.#counts.apiCalls += count;
  }

  /** Counts reads answered with an expired value outside `read` (batch reads). */
  countStale(count: number): void {
    this.#counts.staleServed += count;
  }

  /** Counts misses resolved outside `read` (batch reads). */
  countMisses(count: number): void {
    this.#counts.misses += count;
  }

  /** Counts misses outside `read` that joined a request in flight (batch reads). */
  countCoalesced(count: number): void {
    this.#counts.coalesced += count;
  }

  /** The counters, and the entries held now. */
  stats(): EngineStats {
    return { ...this.#counts, evictions: this.#counts.evictions + this.#store.evictions, size: this.#store.size };
  }

  /** The request in flight for a key, if any (for batch reads joining single ones). */
  inflight(name: string, variant: string): Promise<V> | undefined {
    return this.#inflight.get(name, variant);
  }

  /** Registers a request made outside `read` (a batch call) so that reads of its keys join it. */
  share(name: string, variant: string, promise: Promise<V>): void {
    this.#inflight.set(name, variant, promise);
    // Joiners handle the rejection; with no joiner, nobody must hear of it.
    const settle = () => this.#inflight.delete(name, variant, promise);
    promise.then(settle, settle);
  }

  /** The backoff error when the key waits out a backoff now, counted; `undefined` when it may be fetched. */
  backingOff(name: string, variant: string): { error: unknown } | undefined {
    const backoff = this.#backoff.get(name, variant);
    if (backoff === undefined || this.now() >= backoff.retryAt) return undefined;
    this.#counts.backoffs++;
    return backoff;
  }

  /**
   * Records how a fetch made outside `read` ended: a success clears the key's backoff, a transient failure extends
   * it, and not-found or access-denied drop the entry (and no value of the name fetched before is served stale).
   * `seq` is the failing fetch's (`WriteToken.seq`); a caller without one passes nothing.
   */
  settle(name: string, variant: string, error?: unknown, seq?: number): void {
    if (error === undefined) {
      this.#backoff.delete(name, variant);
      return;
    }
    const { kind, transient } = classifyError(error);
    if (kind === 'not-found' || kind === 'access-denied') this.#gone(name, variant, seq ?? ++this.#seq);
    const policy = this.options.backoff;
    if (!transient || policy === undefined) return;
    const previous = this.#backoff.get(name, variant);
    if (previous === undefined && ++this.#backoffInserts >= Math.max(this.options.maxEntries, 100)) {
      // Keys that failed and were never read again would pile up: every so many new ones, those whose wait ended
      // a whole cap ago go (a later failure of such a key starts its backoff over).
      this.#backoffInserts = 0;
      const now = this.now();
      this.#backoff.deleteWhere((state) => now >= state.retryAt + policy.capMs);
    }
    const failures = (previous?.failures ?? 0) + 1;
    const delay = policy.baseMs * policy.factor ** (failures - 1) * (1 + policy.jitter * this.options.random());
    this.#backoff.set(name, variant, { failures, retryAt: this.now() + Math.min(policy.capMs, delay), error });
  }

  /** A token a fetch takes at its start; `stillCurrent` says whether it may still fill the cache. */
  writeToken(name: string): WriteToken {
    return {
      generation: this.#generation,
      epoch: this.#writeEpochs.get(name) ?? 0,
      seq: ++this.#seq,
      startedAt: this.now(),
    };
  }

  /** Whether no write of `name` and no `clear` happened since the token was taken. */
  stillCurrent(name: string, token: WriteToken): boolean {
    return token.generation === this.#generation && token.epoch === (this.#writeEpochs.get(name) ?? 0);
  }

  /**
   * Whether the outcome of a fetch that took `token` may still change the key: no write or clear since, and no
   * fetch that started later has stored the key already (a forced read overtaking a slow one). An older
   * answer, failure or empty answer never undoes a newer one.
   */
  maySettle(name: string, variant: string, token: WriteToken): boolean {
    if (!this.stillCurrent(name, token)) return false;
    if (this.#floors.size !== 0 && token.seq < (this.#floors.get(name, variant) ?? 0)) return false;
    const held = this.#store.get(name, variant);
    return held === undefined || held.seq <= token.seq;
  }

  /**
   * Stores what a fetch that took `token` got, when `maySettle` allows it and the fetch did not start before a
   * lifetime end of the name that has passed (a secret's rotation): such a value answers its caller uncached.
   */
  store(
    name: string,
    variant: string,
    value: V,
    ttlMs: number,
    token: WriteToken,
    source?: SourceRequest<V>,
    refreshAhead?: number,
  ): void {
    if (!this.maySettle(name, variant, token)) return;
    const lifetime = this.#lifetimes.size === 0 ? undefined : this.#lifetimes.get(name);
    if (lifetime !== undefined) {
      const passedEnd = this.now() >= lifetime.notAfter ? lifetime.notAfter : lifetime.freshAfter;
      if (token.startedAt < passedEnd) return;
    }
    this.#setAt(name, variant, value, ttlMs, this.now(), source, refreshAhead, token.seq);
  }

  /**
   * A not-found or access-denied of one key: the key's entry goes, and no value of the name from a fetch that
   * started before the failing one is served stale (another transform or decryption of a deleted parameter, say),
   * while each stays cached until it expires. Past a bound on the names remembered, every entry of the name goes
   * instead.
   */
  #gone(name: string, variant: string, seq: number): void {
    this.forget(name, variant, seq);
    if (!this.#goneSeq.has(name) && this.#goneSeq.size >= MAX_TRACKED) {
      this.#store.deleteName(name);
      return;
    }
    this.#goneSeq.set(name, Math.max(seq, this.#goneSeq.get(name) ?? 0));
  }

  #staleEntry(name: string, variant: string, maxAgeMs: number): CacheEntry<V> | undefined {
    if (this.options.staleMs <= 0 || maxAgeMs <= 0) return undefined;
    const entry = this.#store.get(name, variant);
    if (entry === undefined || this.ageOf(entry) >= maxAgeMs + this.options.staleMs) return undefined;
    const goneSeq = this.#goneSeq.size === 0 ? undefined : this.#goneSeq.get(name);
    if (goneSeq !== undefined && entry.seq < goneSeq) return undefined;
    entry.lastUsed = ++this.#store.tick;
    return entry;
  }

  /** Fetches for a read (or, `tolerant`, a background refresh) and registers the request in flight. */
  #start(request: ReadRequest<V>, tolerant = false): Promise<V> {
    const { name, variant } = request;
    const token = this.writeToken(name);
    const promise = this.#fetchAndStore(request, token, tolerant);
    this.#inflight.set(name, variant, promise);
    // Only this request's own entry is removed: `clear` or a write may have replaced it with a newer one.
    const settle = () => this.#inflight.delete(name, variant, promise);
    promise.then(settle, settle);
    return promise;
  }

  /** The request itself: it stores what it fetches and rejects when the fetch fails (readers decide what to serve). */
  async #fetchAndStore(request: ReadRequest<V>, token: WriteToken, background: boolean): Promise<V> {
    const { name, variant, maxAgeMs } = request;
    let value: V;
    try {
      value = await (background ? this.#fetchTolerant(request) : request.fetch());
    } catch (error) {
      // A request that started before a write, a clear or a newer stored answer says nothing about the key now.
      if (this.maySettle(name, variant, token)) this.settle(name, variant, error, token.seq);
      throw error;
    }
    if (this.maySettle(name, variant, token)) {
      this.settle(name, variant);
      const cacheable = request.cacheable ? request.cacheable(value) : value !== undefined;
      if (!cacheable) this.forget(name, variant, token.seq);
      else if (maxAgeMs > 0) this.store(name, variant, value, maxAgeMs, token, request, request.refreshAhead);
    }
    return value;
  }

  /**
   * A background fetch retried once when its connection broke: in Lambda, a refresh started before a freeze finds
   * its socket reset on thaw, and a new connection then succeeds.
   */
  async #fetchTolerant(request: ReadRequest<V>): Promise<V> {
    try {
      return await request.fetch();
    } catch (error) {
      if (!isConnectionReset(error)) throw error;
      return request.fetch();
    }
  }

  /**
   * Queues one background refresh of an entry past its refresh-ahead share. The hit that noticed only queues it: the
   * checks, the request and the SDK call's synchronous part (building, serialising, signing) run on the next turn
   * of the event loop, after that hit has returned.
   */
  #refreshAhead(name: string, variant: string, entry: CacheEntry<V>, source: SourceRequest<V>): void {
    if (this.#refreshQueued.has(entry)) return;
    this.#refreshQueued.add(entry);
    setImmediate(() => {
      this.#refreshQueued.delete(entry);
      if (this.#store.get(name, variant) !== entry) return;
      if (this.#inflight.get(name, variant) !== undefined) return;
      const backoff = this.#backoff.get(name, variant);
      if (backoff !== undefined && this.now() < backoff.retryAt) return;
      const request: ReadRequest<V> = {
        name,
        variant,
        maxAgeMs: entry.ttlMs,
        fetch: source.fetch,
        forceFetch: true,
        refreshAhead: source.refreshAhead ?? this.options.refreshAhead,
        ...(source.cacheable ? { cacheable: source.cacheable } : {}),
      };
      this.#background(name, variant, this.#start(request, true));
    });
  }

  /**
   * What a read answers from a request: its value; on a transient failure the key's expired value when one is held;
   * past `staleAnswerMs`, that expired value at once while the request goes on in the background.
   */
  #answer(name: string, variant: string, maxAgeMs: number, pending: Promise<V>): Promise<V> {
    const orStale = (error: unknown): V => {
      const stale = classifyError(error).transient ? this.stale(name, variant, maxAgeMs) : undefined;
      if (stale === undefined) throw error;
      return stale.value;
    };
    const fallback = this.options.staleAnswerMs === Infinity ? undefined : this.#staleEntry(name, variant, maxAgeMs);
    // With nothing to answer early with (a cold read, most misses), no timer and one promise more.
    if (fallback === undefined) return pending.catch(orStale);
    return new Promise<V>((resolve, reject) => {
      const answer = this.#deadline(name, variant, fallback, pending, resolve);
      pending.then(
        (value) => {
          if (answer()) resolve(value);
        },
        (error: unknown) => {
          if (!answer()) return;
          try {
            resolve(orStale(error));
          } catch (failure) {
            reject(failure);
          }
        },
      );
    });
  }

  /**
   * Arms the `staleAnswerMs` timer of one read: when it fires first, the read is answered with `fallback` (counted)
   * and `pending` goes on as a background refresh. The function returned tells, once `pending` settles, whether the
   * read is still unanswered (and stops the timer).
   */
  #deadline(
    name: string,
    variant: string,
    fallback: CacheEntry<V>,
    pending: Promise<unknown>,
    resolve: (value: V) => void,
  ): () => boolean {
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      this.#counts.staleServed++;
      resolve(fallback.value);
      this.#background(name, variant, pending);
    }, this.options.staleAnswerMs);
    // The fetch it waits on holds the process open if it must; this timer need not.
    (timer as { unref?: () => void }).unref?.();
    return () => {
      clearTimeout(timer);
      return !answered;
    };
  }

  #background(name: string, variant: string, promise: Promise<unknown>): void {
    // Several readers may give up waiting on one fetch: it is one refresh, counted and reported once.
    if (this.#backgrounded.has(promise)) return;
    this.#backgrounded.add(promise);
    this.#counts.refreshes++;
    promise.catch((error: unknown) => {
      this.#counts.refreshFailures++;
      try {
        this.options.onBackgroundError?.(error, { name, variant });
      } catch {
        // A failing hook must not turn a refresh nobody waits for into an unhandled rejection.
      }
    });
  }
}
