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
