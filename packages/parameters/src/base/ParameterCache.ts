/** One cached value. */
export interface CacheEntry {
  value: unknown;
  /** When the value was fetched, in ms. Freshness is judged against the caller's `maxAge`. */
  fetchedAt: number;
  /** `maxAge` of the call that stored it, in ms: after this (plus the stale window) the entry is dead. */
  ttlMs: number;
  /** Recency tick, for least-recently-used eviction. */
  lastUsed: number;
  /** The variant (kind, transform, decryption...) the entry was stored under. */
  readonly variant: string;
}

/** What the cache holds for one name: its only entry, or (when several variants are cached) a map of them. */
type Slot = CacheEntry | Map<string, CacheEntry>;

/**
 * The cache behind every provider: fresh/stale lookups, least-recently-used eviction and dropping of dead entries.
 *
 * Entries are found by name, then by variant (kind, transform, decryption...). Both are strings the caller already
 * holds, so a hit builds no key by concatenation (which, with hashing the new string, costs more than a lookup).
 * Most names are read one way only, so a name's single entry is held directly and a second map is made only for a
 * second variant: one `Map` lookup and one string comparison on a hit, and no per-name map in memory.
 *
 * A hit only writes a counter into the entry; the LRU order is reconstructed when an insert finds the cache full.
 * That keeps hits cheap and moves the O(n) scan to the miss path, which waits for an AWS call anyway.
 */
export class ParameterCache {
  readonly #byName = new Map<string, Slot>();
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
    const entry = this.peek(name, variant);
    if (entry === undefined || this.now() - entry.fetchedAt >= maxAgeMs) return undefined;
    entry.lastUsed = ++this.#tick;
    return entry;
  }

  /** The entry if it may still be served after a failed refresh, i.e. within `maxAgeMs` plus the stale window. */
  stale(name: string, variant: string, maxAgeMs: number): CacheEntry | undefined {
    if (this.staleMs <= 0) return undefined;
    const entry = this.peek(name, variant);
    if (entry === undefined || this.now() - entry.fetchedAt >= maxAgeMs + this.staleMs) return undefined;
    entry.lastUsed = ++this.#tick;
    return entry;
  }

  /** The entry whatever its age. */
  peek(name: string, variant: string): CacheEntry | undefined {
    const slot = this.#byName.get(name);
    if (slot === undefined) return undefined;
    if (slot instanceof Map) return slot.get(variant);
    return slot.variant === variant ? slot : undefined;
  }

  set(name: string, variant: string, value: unknown, ttlMs: number): void {
    if (this.maxEntries <= 0) return;
    this.delete(name, variant);
    if (this.#size >= this.maxEntries || ++this.#insertsSinceSweep >= this.maxEntries) this.#sweep();
    const entry: CacheEntry = { value, fetchedAt: this.now(), ttlMs, lastUsed: ++this.#tick, variant };
    const slot = this.#byName.get(name);
    if (slot === undefined) this.#byName.set(name, entry);
    else if (slot instanceof Map) slot.set(variant, entry);
    else
      this.#byName.set(
        name,
        new Map([
          [slot.variant, slot],
          [variant, entry],
        ]),
      );
    this.#size++;
  }

  delete(name: string, variant: string): void {
    const slot = this.#byName.get(name);
    if (slot === undefined) return;
    if (!(slot instanceof Map)) {
      if (slot.variant !== variant) return;
      this.#byName.delete(name);
    } else {
      if (!slot.delete(variant)) return;
      if (slot.size === 0) this.#byName.delete(name);
    }
    this.#size--;
  }

  /** Deletes every entry for which `predicate` is true. */
  deleteWhere(predicate: (name: string, variant: string, entry: CacheEntry) => boolean): void {
    for (const [name, entry] of this.#entries())
      if (predicate(name, entry.variant, entry)) this.delete(name, entry.variant);
  }

  /** Every entry with its name; a snapshot, so entries may be deleted while iterating. */
  #entries(): [string, CacheEntry][] {
    const all: [string, CacheEntry][] = [];
    for (const [name, slot] of this.#byName) {
      if (slot instanceof Map) for (const entry of slot.values()) all.push([name, entry]);
      else all.push([name, slot]);
    }
    return all;
  }

  /** Drops dead entries, then the least recently used ones until there is room for one more. */
  #sweep(): void {
    this.#insertsSinceSweep = 0;
    const now = this.now();
    const live: [string, CacheEntry][] = [];
    for (const item of this.#entries()) {
      const [name, entry] = item;
      if (now - entry.fetchedAt >= entry.ttlMs + this.staleMs) this.delete(name, entry.variant);
      else live.push(item);
    }
    // Usually one entry must go: a linear scan for the least recently used beats sorting them all.
    while (this.#size >= this.maxEntries && live.length > 0) {
      let oldestAt = 0;
      for (const [at, [, entry]] of live.entries()) {
        if (entry.lastUsed < (live[oldestAt] as [string, CacheEntry])[1].lastUsed) oldestAt = at;
      }
      const [name, entry] = live.splice(oldestAt, 1)[0] as [string, CacheEntry];
      this.delete(name, entry.variant);
      this.evictions += 1;
    }
  }
}
