/**
 * A map keyed by name and variant without building a joined string (and so without a separator that a variant
 * could contain). Used for requests in flight and backoff states, which are touched on misses only.
 */
export class KeyedMap<T> {
  readonly #byName = new Map<string, Map<string, T>>();
  #size = 0;

  /** How many values are held. */
  get size(): number {
    return this.#size;
  }

  get(name: string, variant: string): T | undefined {
    return this.#byName.get(name)?.get(variant);
  }

  set(name: string, variant: string, value: T): void {
    let variants = this.#byName.get(name);
    if (variants === undefined) {
      variants = new Map();
      this.#byName.set(name, variants);
    }
    if (!variants.has(variant)) this.#size++;
    variants.set(variant, value);
  }

  /** Deletes the value when it is still `expected` (a newer one may have replaced it). */
  delete(name: string, variant: string, expected?: T): void {
    const variants = this.#byName.get(name);
    if (variants === undefined) return;
    if (expected !== undefined && variants.get(variant) !== expected) return;
    if (variants.delete(variant)) this.#size--;
    if (variants.size === 0) this.#byName.delete(name);
  }

  /** Deletes every variant of a name. */
  deleteName(name: string): void {
    this.#size -= this.#byName.get(name)?.size ?? 0;
    this.#byName.delete(name);
  }

  /** Deletes every value for which `predicate` is true. */
  deleteWhere(predicate: (value: T) => boolean): void {
    for (const [name, variants] of this.#byName) {
      for (const [variant, value] of variants) {
        if (predicate(value) && variants.delete(variant)) this.#size--;
      }
      if (variants.size === 0) this.#byName.delete(name);
    }
  }

  /** Every key held, as `[name, variant]`; a snapshot, so keys may be deleted while iterating. */
  keys(): [string, string][] {
    const all: [string, string][] = [];
    for (const [name, variants] of this.#byName) for (const variant of variants.keys()) all.push([name, variant]);
    return all;
  }

  clear(): void {
    this.#byName.clear();
    this.#size = 0;
  }
}
