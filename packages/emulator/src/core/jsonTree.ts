/**
 * How deeply a request body may nest objects and arrays. No AWS request the emulator speaks needs more than about
 * 70 levels (DynamoDB's 32 document levels take two JSON levels each); the cap keeps every recursive walker in the
 * emulator far from the stack limit, whatever a client sends.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * The deepest nesting of objects and arrays in a parsed JSON value (a scalar is 0, `{}` is 1), counted without
 * recursion. Stops counting once `limit` is passed, so a hostile value costs no more than a legal one.
 */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return deepest;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether JSON text nests objects and arrays deeper than `limit`, found in one pass over the text without parsing
 * it: `JSON.parse` of megabytes of `[[[[…` takes seconds, blocking the event loop, while this stops at the first
 * bracket past the limit. Brackets inside strings do not count. For valid JSON the answer agrees with `jsonDepth`
 * of the parsed value. Other text `JSON.parse` refuses at its first fault, and the count is exact up to there, so
 * text this lets through never makes `JSON.parse` nest deeper than `limit` either.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      // An escape hides the character after the backslash (`\"` does not end the string); `\u0022` is only hex.
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPENERS.has(code)) {
      depth++;
      if (depth > limit) return true;
    } else if (CLOSERS.has(code)) {
      depth--;
    }
  }
  return false;
}

/**
 * Gives every object in a parsed JSON value a null prototype, in place and without recursion, so member lookups
 * by names a client chose (`constructor`, `__proto__`, `toString`) find only what the client sent. `JSON.parse`
 * already stores a `"__proto__"` key as an own property; this keeps it one.
 */
export function detachPrototypes(value: unknown): void {
  const pending: unknown[] = [value];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node)) Object.setPrototypeOf(node, null);
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object') pending.push(child);
    }
  }
}

/** An empty record with no prototype, for maps keyed by names a client chose. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
