/** One cached value. */
export interface CacheEntry {
  value: unknown;
  /** When the value was fetched, in ms. Freshness is judged against the caller's `maxAge`. */
  fetchedAt: number;
  /** `maxAge` of the call that stored it, in ms: after this (plus the stale window) the entry is dead. */
  ttlMs: number;
  /** Recency tick, for least-recently-used eviction. */
  lastUsed: number;
}

/**
 * The cache behind every provider: fresh/stale lookups, least-recently-used eviction and dropping of dead entries.
 *
 * A hit only writes a counter into the entry; the order is reconstructed when an insert finds the cache full.
 * That keeps hits as cheap as a `Map` lookup and moves the O(n) scan to the miss path, which waits for an AWS
 * call anyway.
 */
export class ParameterCache {
  readonly #entries = new Map<string, CacheEntry>();
  #tick = 0;
  #insertsSinceSweep = 0;
  evictions = 0;

  constructor(
    readonly maxEntries: number,
    readonly staleMs: number,
    readonly now: () => number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The entry if it is younger than `maxAgeMs`, marking it recently used. */
  fresh(key: string, maxAgeMs: number): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || this.now() - entry.fetchedAt >= maxAgeMs) return undefined;
    entry.lastUsed = ++this.#tick;
    return entry;
  }

  /** The entry if it may still be served after a failed refresh, i.e. within `maxAgeMs` plus the stale window. */
  stale(key: string, maxAgeMs: number): CacheEntry | undefined {
    if (this.staleMs <= 0) return undefined;
    const entry = this.#entries.get(key);
    if (entry === undefined || this.now() - entry.fetchedAt >= maxAgeMs + this.staleMs) return undefined;
    entry.lastUsed = ++this.#tick;
    return entry;
  }

  /** The entry whatever its age. */
  peek(key: string): CacheEntry | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: unknown, ttlMs: number): void {
    if (this.maxEntries <= 0) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries || ++this.#insertsSinceSweep >= this.maxEntries) {
      this.#sweep();
    }
    this.#entries.set(key, { value, fetchedAt: this.now(), ttlMs, lastUsed: ++this.#tick });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Deletes every key for which `predicate` is true. */
  deleteWhere(predicate: (key: string) => boolean): void {
    for (const key of this.#entries.keys()) if (predicate(key)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Drops dead entries, then the least recently used ones until there is room for one more. */
  #sweep(): void {
    this.#insertsSinceSweep = 0;
    const now = this.now();
    for (const [key, entry] of this.#entries) {
      if (now - entry.fetchedAt >= entry.ttlMs + this.staleMs) this.#entries.delete(key);
    }
    while (this.#entries.size >= this.maxEntries) {
      let oldestKey: string | undefined;
      let oldestTick = Number.POSITIVE_INFINITY;
      for (const [key, entry] of this.#entries) {
        if (entry.lastUsed < oldestTick) {
          oldestTick = entry.lastUsed;
          oldestKey = key;
        }
      }
      if (oldestKey === undefined) break;
      this.#entries.delete(oldestKey);
      this.evictions += 1;
    }
  }
}
