import { SSMClient } from '@aws-sdk/client-ssm';
import { type EmulatorSeed, type RunningEmulator, type StartEmulatorOptions, startEmulator } from '@paramkit/emulator';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Client settings that point an SDK client at a test emulator. */
export interface TestClientConfig {
  endpoint: string;
  region: string;
  credentials: typeof credentials;
  maxAttempts: number;
}

/** Starts an emulator on a free port; returns it with client settings that point at it. */
export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<{
  emulator: RunningEmulator;
  clientConfig: TestClientConfig;
}> {
  const emulator = await startEmulator({ port: 0, ...options });
  return {
    emulator,
    // One attempt: fault tests see the injected error at once instead of after the SDK's retries.
    clientConfig: { endpoint: emulator.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 },
  };
}

/** The emulator of a test file and its client settings, readable once the file's `beforeAll` has run. */
export interface TestEmulator {
  readonly emulator: RunningEmulator;
  readonly clientConfig: TestClientConfig;
}

/**
 * Starts an emulator for the tests of the current file (stopped after them), and before each test resets it and
 * loads `seed`: a seed, or a function that fills the emulator itself. Returns a live context: its getters read the
 * running emulator, so it can be kept in a top-level constant and read in tests and hooks.
 */
export function useTestEmulator(
  seed?: EmulatorSeed | ((emulator: RunningEmulator) => void),
  options: StartEmulatorOptions = {},
): TestEmulator {
  let started: TestEmulator | undefined;
  const current = (): TestEmulator => {
    if (!started) throw new Error('The test emulator is not started: read it inside a test or hook');
    return started;
  };
  beforeAll(async () => {
    started = await startTestEmulator(options);
  });
  afterAll(async () => {
    await started?.emulator.stop();
  });
  beforeEach(() => {
    const { emulator } = current();
    emulator.reset();
    if (typeof seed === 'function') seed(emulator);
    else if (seed) emulator.load(seed);
  });
  return {
    get emulator() {
      return current().emulator;
    },
    get clientConfig() {
      return current().clientConfig;
    },
  };
}

/**
 * Points the SDK's defaults at the emulator through the environment, the way a user would, for each test of the
 * file (undone after it): the endpoint (`AWS_ENDPOINT_URL`, or a service's own variable such as
 * `AWS_ENDPOINT_URL_APPCONFIGDATA`), the region, dummy credentials and one attempt. For the helper functions, which
 * build their own clients.
 */
export function useEmulatorEnvironment(context: TestEmulator, endpointVariable = 'AWS_ENDPOINT_URL'): void {
  beforeEach(() => {
    vi.stubEnv(endpointVariable, context.emulator.endpoint);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
}

export function ssmClient(endpoint: string): SSMClient {
  return new SSMClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}
