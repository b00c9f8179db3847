import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { AgentConfig } from '../config/types.js';

/** The two AWS SDK clients the agent reads through. */
export interface UpstreamClients {
  secretsManager: SecretsManagerClient;
  ssm: SSMClient;
}

/** Extra AWS SDK client settings (credentials, `maxAttempts`...), merged over the agent's. */
export type ClientOverrides = Record<string, unknown>;

/**
 * Creates the SDK clients: the configured endpoint and region when set (a region is required with an endpoint,
 * so `us-east-1` stands in), else the SDK's own resolution (`AWS_REGION`, `AWS_ENDPOINT_URL_*`, ...).
 *
 * @example
 * ```ts
 * const { secretsManager, ssm } = createClients(config, { maxAttempts: 1 });
 * ```
 */
export function createClients(config: AgentConfig, overrides: ClientOverrides = {}): UpstreamClients {
  const base: Record<string, unknown> = {};
  if (config.endpoint !== undefined) {
    base.endpoint = config.endpoint;
    base.region = config.region ?? 'us-east-1';
  } else if (config.region !== undefined) {
    base.region = config.region;
  }
  const settings = { ...base, ...overrides };
  return { secretsManager: new SecretsManagerClient(settings), ssm: new SSMClient(settings) };
}
