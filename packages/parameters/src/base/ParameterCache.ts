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
 * Entries are found by name, then by variant (kind, transform, decryption...). Both are strings the caller
 * already holds, so a hit is two `Map` lookups with no key built by concatenation (which, with hashing the new
 * string, cost more than the lookups themselves). A hit only writes a counter into the entry; the LRU order is
 * reconstructed when an insert finds the cache full. That keeps hits cheap and moves the O(n) scan to the miss
 * path, which waits for an AWS call anyway.
 */
export class ParameterCache {
  readonly #byName = new Map<string, Map<string, CacheEntry>>();
  #size = 0;
  #tick = 0;
  #insertsSinceSweep = 0;
  evictions = 0;

  constructor(
    readonly maxEntries: number,
    readonly staleMs: number,
    readonly now: () => number,
  ) {}

  get size(): number {
    return this.#size;
  }

  /** The entry if it is younger than `maxAgeMs`, marking it recently used. */
  fresh(name: string, variant: string, maxAgeMs: number): CacheEntry | undefined {
    const entry = this.#byName.get(name)?.get(variant);
    if (entry === undefined || this.now() - entry.fetchedAt >= maxAgeMs) return undefined;
    entry.lastUsed = ++this.#tick;
    return entry;
  }

  /** The entry if it may still be served after a failed refresh, i.e. within `maxAgeMs` plus the stale window. */
  stale(name: string, variant: string, maxAgeMs: number): CacheEntry | undefined {
    if (this.staleMs <= 0) return undefined;
    const entry = this.#byName.get(name)?.get(variant);
    if (entry === undefined || this.now() - entry.fetchedAt >= maxAgeMs + this.staleMs) return undefined;
    entry.lastUsed = ++this.#tick;
    return entry;
  }

  /** The entry whatever its age. */
  peek(name: string, variant: string): CacheEntry | undefined {
    return this.#byName.get(name)?.get(variant);
  }

  set(name: string, variant: string, value: unknown, ttlMs: number): void {
    if (this.maxEntries <= 0) return;
    this.delete(name, variant);
    if (this.#size >= this.maxEntries || ++this.#insertsSinceSweep >= this.maxEntries) this.#sweep();
    let variants = this.#byName.get(name);
    if (variants === undefined) {
      variants = new Map();
      this.#byName.set(name, variants);
    }
    variants.set(variant, { value, fetchedAt: this.now(), ttlMs, lastUsed: ++this.#tick });
    this.#size++;
  }

  delete(name: string, variant: string): void {
    const variants = this.#byName.get(name);
    if (variants?.delete(variant)) {
      this.#size--;
      if (variants.size === 0) this.#byName.delete(name);
    }
  }

  /** Deletes every entry for which `predicate` is true. */
  deleteWhere(predicate: (name: string, variant: string, entry: CacheEntry) => boolean): void {
    for (const [name, variants] of this.#byName) {
      for (const [variant, entry] of variants) if (predicate(name, variant, entry)) this.delete(name, variant);
    }
  }

  clear(): void {
    this.#byName.clear();
    this.#size = 0;
  }

  /** Drops dead entries, then the least recently used ones until there is room for one more. */
  #sweep(): void {
    this.#insertsSinceSweep = 0;
    const now = this.now();
    this.deleteWhere((_name, _variant, entry) => now - entry.fetchedAt >= entry.ttlMs + this.staleMs);
    while (this.#size >= this.maxEntries) {
      let oldest: { name: string; variant: string; tick: number } | undefined;
      for (const [name, variants] of this.#byName) {
        for (const [variant, entry] of variants) {
          if (oldest === undefined || entry.lastUsed < oldest.tick) oldest = { name, variant, tick: entry.lastUsed };
        }
      }
      if (oldest === undefined) break;
      this.delete(oldest.name, oldest.variant);
      this.evictions += 1;
    }
  }
}
