import { BadRequestError } from './responses.js';

/** A query string checked against the keys a route accepts. */
export class Query {
  /** First value of each key; keys are checked against the route's, so no prototype key can get in. */
  readonly #first: Record<string, string> = {};
  /** Every value of the repeatable key, when it is given more than once. */
  #more: string[] | undefined;
  readonly #repeatable: string | undefined;

  /**
   * Parses `raw` (without the `?`). An unknown key, or a key given twice that is not `repeatable`, is a 400.
   *
   * @example
   * ```ts
   * const query = new Query('name=%2Fapp%2Fdb&withDecryption=true', ['name', 'withDecryption']);
   * query.required('name'); // '/app/db'
   * ```
   */
  constructor(raw: string, allowed: readonly string[], repeatable?: string) {
    this.#repeatable = repeatable;
    if (raw === '') return;
    let start = 0;
    while (start <= raw.length) {
      let end = raw.indexOf('&', start);
      if (end === -1) end = raw.length;
      if (end > start) this.#add(raw.slice(start, end), allowed);
      start = end + 1;
    }
  }

  #add(pair: string, allowed: readonly string[]): void {
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    if (!allowed.includes(key)) {
      throw new BadRequestError(`Unknown query parameter '${key}'; accepted: ${allowed.join(', ')}`);
    }
    if (!Object.hasOwn(this.#first, key)) {
      this.#first[key] = value;
    } else if (key === this.#repeatable) {
      this.#more ??= [];
      this.#more.push(value);
    } else {
      throw new BadRequestError(`Query parameter '${key}' is given more than once`);
    }
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
  if (!component.includes('%')) return component;
  try {
    return decodeURIComponent(component);
  } catch {
    throw new BadRequestError('The query string is not valid URL encoding');
  }
}
