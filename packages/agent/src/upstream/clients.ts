import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
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
 * so `us-east-1` stands in), else the SDK's own resolution (`AWS_REGION`, `AWS_ENDPOINT_URL_*`, ...). Each client
 * keeps at most `config.maxConnections` keep-alive sockets (`PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS`, as
 * the AWS extension documents it); the agent's `ConnectionPool` queues the calls past them.
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
  // One handler per client: each service gets its own sockets. Destroying the client destroys its agents.
  const settings = () => ({ ...base, requestHandler: connectionSettings(config.maxConnections), ...overrides });
  return { secretsManager: new SecretsManagerClient(settings()), ssm: new SSMClient(settings()) };
}

/** `NodeHttpHandler` options: keep-alive agents capped at `maxSockets`, for http and https endpoints. */
function connectionSettings(maxSockets: number): Record<string, unknown> {
  return {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
  };
}
