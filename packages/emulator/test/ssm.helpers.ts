import { SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '../src/index.js';

/** An SSM client for `endpoint` with dummy credentials, as a user would point one at the emulator. */
export function ssmClient(endpoint: string, config: SSMClientConfig = {}): SSMClient {
  return new SSMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
    ...config,
  });
}

/** A running emulator with a fixed clock and an SSM client pointed at it. */
export async function startSsm(options: StartEmulatorOptions = {}): Promise<{
  emulator: RunningEmulator;
  client: SSMClient;
}> {
  const emulator = await startEmulator({ now: () => Date.UTC(2024, 0, 2, 3, 4, 5, 678), ...options });
  return { emulator, client: ssmClient(emulator.endpoint) };
}

/** Sends a raw JSON 1.1 request, for inputs the SDK would never produce. */
export async function rawSsmRequest(
  endpoint: string,
  target: string,
  body: string,
): Promise<{ status: number; errorType: string | null; json: Record<string, unknown> }> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
  });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    json: (await response.json()) as Record<string, unknown>,
  };
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
