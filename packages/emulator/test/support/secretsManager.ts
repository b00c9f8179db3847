import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { beforeEach } from 'vitest';
import { type SecretsManagerOptions, SecretsManagerService } from '../../src/services/secretsManager.js';
import { clientConfig } from './clientConfig.js';
import { AWS_JSON_1_1, type RawJsonResponse, rawJsonRequest } from './rawJsonRequest.js';
import { type ServedService, serveService } from './serveService.js';
import { useHarness } from './useHarness.js';

/** A Secrets Manager emulator on a free port, with a movable clock and a real SDK client pointed at it. */
export interface SecretsManagerHarness extends ServedService<SecretsManagerService> {
  readonly client: SecretsManagerClient;
  /** Moves the emulator's clock forward. */
  advance(ms: number): void;
  /** Forgets all state and sets the clock back to `START`. */
  reset(): void;
  /** Sends a raw JSON 1.1 request, for malformed input the SDK would never produce. */
  raw(operation: string, body: string): Promise<RawJsonResponse>;
}

/** The epoch the harness clock starts at. */
export const START = Date.UTC(2025, 0, 15, 12, 0, 0);

/** Makes an SDK client for an endpoint, failing fast (no retries). */
export function secretsClient(endpoint: string): SecretsManagerClient {
  return new SecretsManagerClient(clientConfig(endpoint));
}

/** Starts the service the way the lead's `startEmulator` will, until it is wired in there. */
export async function startSecretsManager(options: SecretsManagerOptions = {}): Promise<SecretsManagerHarness> {
  let now = START;
  const served = await serveService((context) => new SecretsManagerService(context, options), { now: () => now });
  const { core, endpoint } = served;
  const client = secretsClient(endpoint);
  return {
    ...served,
    client,
    advance: (ms) => {
      now += ms;
    },
    reset: () => {
      core.reset();
      now = START;
    },
    raw: (operation, body) =>
      rawJsonRequest(endpoint, { target: `secretsmanager.${operation}`, contentType: AWS_JSON_1_1, body }),
    stop: async () => {
      client.destroy();
      await served.stop();
    },
  };
}

/**
 * Starts a harness for the tests of this file (stopped after them) and resets it before each test, then runs
 * `prepare` when given.
 */
export function useSecretsManager(prepare?: (h: SecretsManagerHarness) => Promise<void>): SecretsManagerHarness {
  const h = useHarness(startSecretsManager);
  beforeEach(async () => {
    h.reset();
    await prepare?.(h);
  });
  return h;
}

/** A version id / ClientRequestToken of the length AWS requires (32..64). */
export function token(n: number): string {
  return `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}
