import { SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';
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
