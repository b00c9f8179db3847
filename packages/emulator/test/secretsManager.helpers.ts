import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EmulatorCore } from '../src/core/emulator.js';
import { close, listen } from '../src/core/nodeAdapter.js';
import { SecretsManagerService } from '../src/services/secretsManager.js';

/** A Secrets Manager emulator on a free port, with a movable clock and a real SDK client pointed at it. */
export interface SecretsManagerHarness {
  readonly core: EmulatorCore;
  readonly service: SecretsManagerService;
  readonly client: SecretsManagerClient;
  readonly endpoint: string;
  /** Moves the emulator's clock forward. */
  advance(ms: number): void;
  /** Forgets all state and sets the clock back to `START`. */
  reset(): void;
  /** Sends a raw JSON 1.1 request, for malformed input the SDK would never produce. */
  raw(operation: string, body: string): Promise<{ status: number; json: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/** The epoch the harness clock starts at. */
export const START = Date.UTC(2025, 0, 15, 12, 0, 0);

/** Makes an SDK client for an endpoint, failing fast (no retries). */
export function secretsClient(endpoint: string): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
}

/** Starts the service the way the lead's `startEmulator` will, until it is wired in there. */
export async function startSecretsManager(): Promise<SecretsManagerHarness> {
  let now = START;
  const core = new EmulatorCore({ now: () => now });
  const service = core.register(new SecretsManagerService(core.context));
  const { server, port } = await listen((r) => core.handle(r), 0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${port}`;
  const client = secretsClient(endpoint);
  return {
    core,
    service,
    client,
    endpoint,
    advance: (ms) => {
      now += ms;
    },
    reset: () => {
      core.reset();
      now = START;
    },
    raw: async (operation, body) => {
      const response = await fetch(`${endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `secretsmanager.${operation}` },
        body,
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    stop: async () => {
      client.destroy();
      await close(server);
    },
  };
}

/** The error a promise rejects with, so tests can check `name` and `message`. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** A version id / ClientRequestToken of the length AWS requires (32..64). */
export function token(n: number): string {
  return `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}
