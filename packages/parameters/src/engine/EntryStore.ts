/**
 * What an entry keeps of the read that fetched it, to refresh it ahead of its expiry. Its members are called as
 * plain functions (not as methods of this object).
 */
export interface SourceRequest<V> {
  fetch: () => Promise<V>;
  cacheable?: (value: V) => boolean;
  /** The read's own refresh-ahead share of `maxAge`, instead of the engine's. */
  refreshAhead?: number;
}

/**
 * One cached value. A hard end of freshness (a secret's next rotation) is kept per name by the engine, not here:
 * every entry carries only what most entries need.
 */
export interface CacheEntry<V = unknown> {
  value: V;
  /**
   * When the value was fetched, in ms after the store's `epoch` (its age is `CacheEngine.ageOf`). Freshness is
   * judged against the caller's `maxAge`. Relative, so that it stays a small integer that V8 keeps in the entry: an
   * absolute time in ms is too large for that and costs a boxed number (16 bytes) per entry.
   */
  storedAt: number;
  /** `maxAge` of the read that stored it, in ms: after this (plus the stale window) the entry is dead. */
  ttlMs: number;
  /** Recency tick, for least-recently-used eviction. */
  lastUsed: number;
  /** The variant (kind, transform, decryption, version...) the entry was stored under. */
  readonly variant: string;
  /** The order of the fetch or write that stored it (see `WriteToken.seq`): an older answer never replaces it. */
  readonly seq: number;
  /**
   * Set only when the entry refreshes ahead of its expiry: the read that fetched it, whose `refreshAhead` (else the
   * engine's) is the share of `maxAge` after which a hit refreshes it.
   */
  source: SourceRequest<V> | undefined;
}

/**
 * The same number, made a small integer when it is a whole one. V8 boxes the difference of two large numbers (two
 * `Date.now()` readings) even when it is whole, and a field that once held a box boxes every later value too.
 */
function smallIntegerIfWhole(ms: number): number {
  const whole = Math.floor(ms);
  return whole === ms ? whole : ms;
}

/** What the store holds for one name: its only entry, or (when several variants are cached) a map of them. */
type Slot<V> = CacheEntry<V> | Map<string, CacheEntry<V>>;

/**
 * Entries by name, then by variant, bounded with least-recently-used eviction.
 *
 * Name and variant are strings the caller already holds, so a lookup builds no key by concatenation (which, with
 * hashing the new string, costs more than the lookup). Most names are read one way only, so a name's single entry
 * is held directly and a second map is made only for a second variant: one `Map` lookup and one string comparison
 * on a hit, and no per-name map in memory.
 *
 * A hit only writes a counter into the entry; the LRU order is reconstructed when an insert finds the store full.
 * That keeps hits cheap and moves the O(n) scan to the miss path, which waits for an AWS call anyway.
 */
export class EntryStore<V = unknown> {
  readonly #byName = new Map<string, Slot<V>>();
  #size = 0;
  tick = 0;
  #insertsSinceSweep = 0;
  evictions = 0;
  /** What `storedAt` counts from: the clock when the store was made. */
  readonly epoch: number;

  constructor(
    readonly maxEntries: number,
    readonly staleMs: number,
    readonly now: () => number,
  ) {
    this.epoch = now();
  }

  get size(): number {
    return this.#size;
  }

  /** The entry whatever its age. */
  get(name: string, variant: string): CacheEntry<V> | undefined {
    const slot = this.#byName.get(name);
    if (slot === undefined) return undefined;
    if (slot instanceof Map) return slot.get(variant);
    return slot.variant === variant ? slot : undefined;
  }

  set(
    name: string,
    variant: string,
    value: V,
    fetchedAt: number,
    ttlMs: number,
    source: SourceRequest<V> | undefined,
    seq = 0,
  ): void {
    if (this.maxEntries <= 0) return;
    this.delete(name, variant);
    if (this.#size >= this.maxEntries || ++this.#insertsSinceSweep >= this.maxEntries) this.#sweep();
    // One literal with the same members in the same order, so that every entry shares one hidden class with its
    // fields in the object: an object spread into a new one gave each entry a shape of its own (~330 bytes more).
    const lastUsed = ++this.tick;
    const storedAt = smallIntegerIfWhole(fetchedAt - this.epoch);
    const stored: CacheEntry<V> = { value, storedAt, ttlMs, lastUsed, variant, source, seq };
    const slot = this.#byName.get(name);
    if (slot === undefined) this.#byName.set(name, stored);
    else if (slot instanceof Map) slot.set(variant, stored);
    else
      this.#byName.set(
        name,
        new Map([
          [slot.variant, slot],
          [variant, stored],
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

  /** Deletes every entry of a name, whatever its variant. */
  deleteName(name: string): void {
    const slot = this.#byName.get(name);
    if (slot === undefined) return;
    this.#byName.delete(name);
    this.#size -= slot instanceof Map ? slot.size : 1;
  }

  /** Deletes every entry for which `predicate` is true. */
  deleteWhere(predicate: (name: string, variant: string, entry: CacheEntry<V>) => boolean): void {
    for (const [name, entry] of this.#entries())
      if (predicate(name, entry.variant, entry)) this.delete(name, entry.variant);
  }

  /** Every entry with its name; a snapshot, so entries may be deleted while iterating. */
  #entries(): [string, CacheEntry<V>][] {
    const all: [string, CacheEntry<V>][] = [];
    for (const [name, slot] of this.#byName) {
      if (slot instanceof Map) for (const entry of slot.values()) all.push([name, entry]);
      else all.push([name, slot]);
    }
    return all;
  }

  /** Drops dead entries, then the least recently used ones until there is room for one more. */
  #sweep(): void {
    this.#insertsSinceSweep = 0;
    const now = this.now() - this.epoch;
    const live: [string, CacheEntry<V>][] = [];
    for (const item of this.#entries()) {
      const [name, entry] = item;
      if (now - entry.storedAt >= entry.ttlMs + this.staleMs) this.delete(name, entry.variant);
      else live.push(item);
    }
    // Usually one entry must go: a linear scan for the least recently used beats sorting them all.
    while (this.#size >= this.maxEntries && live.length > 0) {
      let oldestAt = 0;
      for (const [at, [, entry]] of live.entries()) {
        if (entry.lastUsed < (live[oldestAt] as [string, CacheEntry<V>])[1].lastUsed) oldestAt = at;
      }
      const [name, entry] = live.splice(oldestAt, 1)[0] as [string, CacheEntry<V>];
      this.delete(name, entry.variant);
      this.evictions += 1;
    }
  }
}
