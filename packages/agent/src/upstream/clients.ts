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
 * The bounds of each attempt of a service whose deadline is `0` (none): a connection must open within
 * `connectTimeoutMs` and a call's connection may not stay silent longer than `idleTimeoutMs`. Without them, an
 * endpoint that accepts and never answers would hold a connection (a pool slot) for ever.
 */
export interface SafetyNet {
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
}

/**
 * The safety net of a service: the configured one when its deadline is `0`, else `undefined` (the deadline
 * bounds the whole read, as AWS documents `*_TIMEOUT_MILLIS`).
 *
 * @example
 * ```ts
 * safetyNetFor(config, config.secretsTimeoutMs); // { connectTimeoutMs: 3000, idleTimeoutMs: 10000 } by default
 * ```
 */
export function safetyNetFor(config: AgentConfig, timeoutMs: number): SafetyNet | undefined {
  return timeoutMs > 0 ? undefined : { connectTimeoutMs: config.connectTimeoutMs, idleTimeoutMs: config.idleTimeoutMs };
}

/**
 * Creates the SDK clients: the configured endpoint and region when set (a region is required with an endpoint,
 * so `us-east-1` stands in), else the SDK's own resolution (`AWS_REGION`, `AWS_ENDPOINT_URL_*`, ...). Each client
 * keeps at most `config.maxConnections` keep-alive sockets (`PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS`, as
 * the AWS extension documents it); the agent's `ConnectionPool` queues the calls past them. A service whose
 * deadline is `0` gets the SDK's connection and socket timeouts from its safety net (`safetyNetFor`).
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
  const settings = (timeoutMs: number) => ({
    ...base,
    requestHandler: handlerSettings(config.maxConnections, safetyNetFor(config, timeoutMs)),
    ...overrides,
  });
  return {
    secretsManager: new SecretsManagerClient(settings(config.secretsTimeoutMs)),
    ssm: new SSMClient(settings(config.ssmTimeoutMs)),
  };
}

/**
 * `NodeHttpHandler` options: keep-alive agents capped at `maxSockets`, for http and https endpoints, and the
 * safety net's `connectionTimeout` (until the socket connects) and `socketTimeout` (inactivity of the socket
 * while a call uses it); either ends the attempt with a `TimeoutError` and destroys its socket.
 */
function handlerSettings(maxSockets: number, net: SafetyNet | undefined): Record<string, unknown> {
  return {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
    ...(net === undefined ? {} : { connectionTimeout: net.connectTimeoutMs, socketTimeout: net.idleTimeoutMs }),
  };
}
