import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { SEED, startTestAgent, type TestAgent } from './agent.js';

/** One seeded emulator for a test file, and agents against it that stop after their test. */
export interface SharedEmulator {
  /** The file's emulator (started before the first test). */
  readonly emulator: RunningEmulator;
  /** `startTestAgent` against the file's emulator; the agent is stopped after the test. */
  startAgent(env?: NodeJS.ProcessEnv, options?: { now?: () => number; endpoint?: string }): Promise<TestAgent>;
}

/**
 * Starts one seeded emulator for the calling test file; after each test, stops the agents the test started,
 * removes injected faults and restores the seed (so a test's writes and faults never reach the next).
 */
export function useSharedEmulator(): SharedEmulator {
  let emulator: RunningEmulator | undefined;
  const started: TestAgent[] = [];
  const running = (): RunningEmulator => {
    if (emulator === undefined) throw new Error('the shared emulator is used before it started (use it in a test)');
    return emulator;
  };
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: SEED });
  });
  afterAll(() => emulator?.stop());
  afterEach(async () => {
    for (const agent of started.splice(0)) await agent.stop();
    running().faults.clear();
    running().reset();
    running().load(SEED);
  });
  return {
    get emulator() {
      return running();
    },
    async startAgent(env = {}, options = {}) {
      const agent = await startTestAgent(env, { ...options, emulator: running() });
      started.push(agent);
      return agent;
    },
  };
}
