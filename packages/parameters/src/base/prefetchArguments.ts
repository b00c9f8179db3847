/**
 * The checks of what `prefetch` and `prefetchByName` are handed. They throw at once, not in the promise: a prefetch
 * runs at module scope, unawaited, where a rejection would be an unhandled one with a vaguer message.
 */

/** A name, or `{ name, options }`: what one request to `prefetch` is. */
function isRequest(request: unknown): boolean {
  if (typeof request === 'string') return true;
  return request !== null && typeof request === 'object' && typeof (request as { name?: unknown }).name === 'string';
}

/** Throws a `TypeError` unless `requests` is an array of names or `{ name, options }` requests. */
export function assertPrefetchRequests(requests: unknown): void {
  if (!Array.isArray(requests)) {
    throw new TypeError(`prefetch takes an array of names or { name, options } requests, got ${kindOf(requests)}`);
  }
  const bad = requests.findIndex((request) => !isRequest(request));
  if (bad !== -1) {
    throw new TypeError(`prefetch request ${bad} must be a name or { name, options }, got ${kindOf(requests[bad])}`);
  }
}

/** Throws a `TypeError` unless `record` is an object of names to options, as `getParametersByName` takes. */
export function assertPrefetchRecord(record: unknown, method: string): void {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new TypeError(`${method} takes an object of names to options, got ${kindOf(record)}`);
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
