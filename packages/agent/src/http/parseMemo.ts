/**
 * Remembers what a query string parsed to, so that the requests a client repeats (the same secret, read again and
 * again) are not decoded and checked anew each time: a cache hit should cost about a map lookup. Only successful
 * parses are kept (a bad query throws each time, with its message), and at most `limit` of them: past it the memo
 * starts over, so arbitrary query strings cannot grow it.
 *
 * @example
 * ```ts
 * const memo = new ParseMemo<{ id: string }>(1024);
 * const parsed = memo.get(rawQuery, () => ({ id: new Query(rawQuery, ['secretId']).required('secretId') }));
 * ```
 */
export class ParseMemo<T> {
  #parsed = new Map<string, T>();

  constructor(readonly limit: number) {}

  get(raw: string, parse: (raw: string) => T): T {
    let parsed = this.#parsed.get(raw);
    if (parsed === undefined) {
      parsed = parse(raw);
      if (this.#parsed.size >= this.limit) this.#parsed = new Map();
      this.#parsed.set(raw, parsed);
    }
    return parsed;
  }
}
