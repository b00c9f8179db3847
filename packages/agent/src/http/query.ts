import { BadRequestError } from './responses.js';

/** How a `Query` reads its string, beyond the keys it takes. */
export interface QueryOptions {
  /** The one key that may be given more than once (`secretId` of `batch-get`). */
  readonly repeatable?: string;
  /**
   * Refuse keys the route does not take (a 400) instead of ignoring them. The HTTP routes ignore them, as the AWS
   * extension does (clients send `withDecryption` to the secrets route); the prefetch list refuses them, so that a
   * misspelt key in the configuration is reported instead of silently reading another value. @default false
   */
  readonly refuseUnknown?: boolean;
}

/** A query string read for the keys a route takes. */
export class Query {
  /** First value of each key; only the route's keys are stored, so no prototype key can get in. */
  readonly #first: Record<string, string> = {};
  /** Every value of the repeatable key, when it is given more than once. */
  #more: string[] | undefined;
  readonly #repeatable: string | undefined;

  /**
   * Parses `raw` (without the `?`). A key the route does not take is ignored (or a 400 with `refuseUnknown`). A
   * key it takes given twice is a 400, but the `repeatable` one: which of two `name` or `secretId` values is meant
   * is ambiguous, and a proxy or filter in front could read the other one than the agent.
   *
   * @example
   * ```ts
   * const query = new Query('name=%2Fapp%2Fdb&withDecryption=true', ['name', 'withDecryption']);
   * query.required('name'); // '/app/db'
   * ```
   */
  constructor(raw: string, allowed: readonly string[], options: QueryOptions = {}) {
    this.#repeatable = options.repeatable;
    if (raw === '') return;
    const refuseUnknown = options.refuseUnknown === true;
    let start = 0;
    while (start <= raw.length) {
      let end = raw.indexOf('&', start);
      if (end === -1) end = raw.length;
      if (end > start) this.#add(raw.slice(start, end), allowed, refuseUnknown);
      start = end + 1;
    }
  }

  #add(pair: string, allowed: readonly string[], refuseUnknown: boolean): void {
    const equals = pair.indexOf('=');
    const rawKey = equals === -1 ? pair : pair.slice(0, equals);
    // A key that does not decode cannot be one the route takes: with the value, it is ignored like any unknown key.
    const key = refuseUnknown ? decode(rawKey) : tryDecode(rawKey);
    if (key === undefined || !allowed.includes(key)) {
      if (refuseUnknown) {
        throw new BadRequestError(`Unknown query parameter '${key}'; accepted: ${allowed.join(', ')}`);
      }
      return;
    }
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    if (!Object.hasOwn(this.#first, key)) {
      this.#first[key] = value;
    } else if (key === this.#repeatable) {
      this.#more ??= [];
      this.#more.push(value);
    } else {
      throw new BadRequestError(`Query parameter '${key}' is given more than once`);
    }
  }

  /** The value of a key as given, an empty one included; `undefined` when absent. */
  given(key: string): string | undefined {
    return this.#first[key];
  }

  /** The value of a key, or `undefined` when absent. An empty value counts as absent. */
  optional(key: string): string | undefined {
    const value = this.#first[key];
    return value === '' ? undefined : value;
  }

  /** The value of a key; a 400 when absent or empty. */
  required(key: string): string {
    const value = this.optional(key);
    if (value === undefined) throw new BadRequestError(`Missing required query parameter '${key}'`);
    return value;
  }

  /** Every value of the repeatable key, empty ones dropped. */
  all(key: string): string[] {
    const first = this.#first[key];
    if (first === undefined) return [];
    const values = key === this.#repeatable && this.#more ? [first, ...this.#more] : [first];
    return values.filter((value) => value !== '');
  }

  /**
   * Which of `keys` comes first in the query with a value, or `undefined` when none has one: the AWS extension
   * uses the first of `version` and `label` when both are given.
   */
  firstGiven<K extends string>(keys: readonly K[]): K | undefined {
    // Keys are stored in the order they come: own string keys keep insertion order (none of a route's keys is an
    // integer, which would be listed first).
    const first = Object.keys(this.#first).find(
      (key) => this.#first[key] !== '' && (keys as readonly string[]).includes(key),
    );
    return first as K | undefined;
  }

  /** `true`/`false` (any case) for a key, `fallback` when absent; anything else is a 400. */
  flag(key: string, fallback = false): boolean {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw new BadRequestError(`Query parameter '${key}' must be true or false`);
  }
}

/**
 * Decodes one query component: percent-encoding only. A `+` is itself, not a space as in a form: no secret,
 * parameter, label or stage name can hold a space, `a+b` is a valid name, and AWS's samples do not encode names.
 * Bad percent-encoding is a 400.
 */
function decode(component: string): string {
  const decoded = tryDecode(component);
  if (decoded === undefined) throw new BadRequestError('The query string is not valid URL encoding');
  return decoded;
}

/** `decode`, with `undefined` for bad percent-encoding. */
function tryDecode(component: string): string | undefined {
  if (!component.includes('%')) return component;
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}
