import { afterAll, beforeAll } from 'vitest';

/**
 * Starts a harness before the tests of the current file or describe block and stops it after them. Returns a stand-in
 * that reads every member from the running harness, so it can be assigned once at the top of a file and used in
 * tests and hooks; reading it outside them fails with a clear error.
 */
export function useHarness<H extends { stop(): Promise<void> }>(start: () => Promise<H>): H {
  let harness: H | undefined;
  beforeAll(async () => {
    harness = await start();
  });
  afterAll(async () => {
    await harness?.stop();
  });
  return new Proxy({} as H, {
    get(_target, key) {
      if (!harness) throw new Error(`The harness is not started: read ${String(key)} inside a test or hook`);
      return Reflect.get(harness, key);
    },
  });
}
