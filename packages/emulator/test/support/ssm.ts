import { SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '../../src/index.js';
import { clientConfig } from './clientConfig.js';

/** An SSM client for `endpoint` with dummy credentials, as a user would point one at the emulator. */
export function ssmClient(endpoint: string, config: SSMClientConfig = {}): SSMClient {
  return new SSMClient({ ...clientConfig(endpoint), ...config });
}

/** A running emulator with a fixed clock and an SSM client pointed at it. */
export async function startSsm(options: StartEmulatorOptions = {}): Promise<{
  emulator: RunningEmulator;
  client: SSMClient;
}> {
  const emulator = await startEmulator({ now: () => Date.UTC(2024, 0, 2, 3, 4, 5, 678), ...options });
  return { emulator, client: ssmClient(emulator.endpoint) };
}

/** The emulator and client of a test file that uses `useSsm`. */
export interface SsmForTests {
  readonly emulator: RunningEmulator;
  readonly client: SSMClient;
}

/**
 * For the calling test file: one `startSsm` emulator and client for all its tests, reset before each test, and
 * both closed after the last.
 */
export function useSsm(options: StartEmulatorOptions = {}): SsmForTests {
  let started: { emulator: RunningEmulator; client: SSMClient } | undefined;
  const running = () => {
    if (started === undefined) throw new Error('the SSM emulator is used before it started (use it in a test)');
    return started;
  };
  beforeAll(async () => {
    started = await startSsm(options);
  });
  beforeEach(() => running().emulator.reset());
  afterAll(async () => {
    started?.client.destroy();
    await started?.emulator.stop();
  });
  return {
    get emulator() {
      return running().emulator;
    },
    get client() {
      return running().client;
    },
  };
}
