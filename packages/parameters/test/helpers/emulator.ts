import { SSMClient } from '@aws-sdk/client-ssm';
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '@paramkit/emulator';

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Starts an emulator on a free port; returns it with client settings that point at it. */
export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<{
  emulator: RunningEmulator;
  clientConfig: { endpoint: string; region: string; credentials: typeof credentials; maxAttempts: number };
}> {
  const emulator = await startEmulator({ port: 0, ...options });
  return {
    emulator,
    // One attempt: fault tests see the injected error at once instead of after the SDK's retries.
    clientConfig: { endpoint: emulator.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 },
  };
}

export function ssmClient(endpoint: string): SSMClient {
  return new SSMClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}
