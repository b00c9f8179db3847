/**
 * Adds methods to a class's prototype as a class body would define them (writable, configurable, not enumerable),
 * and returns the class. The provider classes are assembled this way so that a bundler can leave out what a bundle
 * never imports: each `withXMethods(Class)` call is marked pure where it is made.
 */
export function addMethods<T extends abstract new (...args: never[]) => unknown>(
  target: T,
  methods: Record<string, unknown>,
): T {
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(target.prototype, name, { value, writable: true, configurable: true });
  }
  return target;
}
