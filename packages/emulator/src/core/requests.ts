/** Counts the requests an emulator answered, per AWS operation name (`GetParameter`, `GetSecretValue`, ...). */
export class RequestCounter {
  readonly #counts = new Map<string, number>();

  /** Records one request for `operation`. */
  record(operation: string): void {
    this.#counts.set(operation, (this.#counts.get(operation) ?? 0) + 1);
  }

  /** Requests made for one operation, or for all of them when `operation` is omitted. */
  count(operation?: string): number {
    if (operation !== undefined) return this.#counts.get(operation) ?? 0;
    let total = 0;
    for (const n of this.#counts.values()) total += n;
    return total;
  }

  /** Every operation with its count, as a plain object. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  /** Sets every count back to zero. */
  reset(): void {
    this.#counts.clear();
  }
}
