import { onlyLoopback, urlHost } from './config/listen.js';
import { describeConfig } from './config/resolveConfig.js';
import type { AgentConfig } from './config/types.js';
import { createHandler } from './http/handler.js';
import { serve } from './http/nodeAdapter.js';
import type { AgentHandler } from './http/types.js';
import { describeUpstreamFailure, errorName } from './http/upstreamFailure.js';
import { Logger } from './log.js';
import { AgentMetrics } from './metrics.js';
import { type PrefetchReport, prefetch } from './prefetch.js';
import { type ClientOverrides, createClients, safetyNetFor, type UpstreamClients } from './upstream/clients.js';
import { endpointOf } from './upstream/endpoint.js';
import { ParameterReader } from './upstream/ParameterReader.js';
import { ConnectionPool } from './upstream/pool.js';
import { SecretReader } from './upstream/SecretReader.js';

/** Options of `createAgent` and `startAgent`. */
export interface AgentOptions {
  /** Settings, from `resolveConfig`. */
  config: AgentConfig;
  /** AWS SDK clients to use instead of creating them. */
  clients?: Partial<UpstreamClients>;
  /** Extra settings for the clients the agent creates (credentials, `maxAttempts`...). */
  clientOverrides?: ClientOverrides;
  /** Logger; one at `config.logLevel` on stderr by default. */
  logger?: Logger;
  /** Clock in milliseconds, for tests. @default Date.now */
  now?: () => number;
}

/** An agent without a server: call `handler` directly, or serve it with `startAgent`. */
export interface Agent {
  readonly config: AgentConfig;
  readonly handler: AgentHandler;
  readonly secrets: SecretReader;
  readonly ssm: ParameterReader;
  readonly metrics: AgentMetrics;
  readonly logger: Logger;
  /** Releases the SDK clients the agent created. */
  dispose(): void;
}

/** A listening agent. */
export interface RunningAgent extends Agent {
  readonly port: number;
  /**
   * The addresses bound: `config.listenAddresses`, by default `127.0.0.1` and `::1` (unless the machine has no
   * IPv6 loopback).
   */
  readonly hosts: readonly string[];
  /** How this machine reaches the agent: `http://127.0.0.1:<port>` by default (a wildcard address: loopback). */
  readonly url: string;
  /**
   * The prefetch list (`config.prefetch`) loading in the background, started once the agent listens; requests
   * are answered meanwhile. Never rejects: failures are logged and counted.
   */
  readonly prefetched: Promise<PrefetchReport>;
  /** Stops the server, closes every connection and releases the SDK clients. */
  close(): Promise<void>;
}

/**
 * Builds an agent: the two upstream readers (each on paramkit's cache engine), the metrics and the request handler.
 *
 * @example
 * ```ts
 * const agent = createAgent({ config: resolveConfig().config });
 * const response = await agent.handler({ method: 'GET', url: '/ping', headers: {} });
 * ```
 */
export function createAgent(options: AgentOptions): Agent {
  const { config } = options;
  const logger = options.logger ?? new Logger(config.logLevel);
  const given = options.clients ?? {};
  const created = given.secretsManager && given.ssm ? undefined : createClients(config, options.clientOverrides);
  const secretsManager = given.secretsManager ?? (created as UpstreamClients).secretsManager;
  const ssmClient = given.ssm ?? (created as UpstreamClients).ssm;
  const cacheSize = config.cacheEnabled ? config.cacheSize : 0;
  // The connect and idle timeouts are set on the clients made here, unless the caller gave its own handler.
  const ownHandler = options.clientOverrides?.requestHandler === undefined;
  const safetyNet = (client: unknown, made: unknown, timeoutMs: number) =>
    client === made && ownHandler ? safetyNetFor(config, timeoutMs) : undefined;
  // A failed background refresh reached no caller (they got the cached value): the log is where it shows.
  const onBackgroundError = (service: string) => (error: unknown, key: { name: string }) => {
    const { status, type, message } = describeUpstreamFailure(error, key.name);
    logger.warn('background refresh failed', {
      service,
      name: key.name,
      status,
      error: errorName(error),
      type,
      message,
    });
  };
  const shared = {
    cacheSize,
    staleIfErrorSeconds: config.staleIfErrorSeconds,
    refreshAhead: config.refreshAhead,
    staleAnswerMs: config.staleAnswerMs,
    ...(options.now ? { now: options.now } : {}),
  };
  // Each inbound request waits for at most one call at a time, so the inbound limit bounds each queue too.
  const pool = (service: string) => new ConnectionPool(service, config.maxConnections, config.maxInboundRequests);
  // Caching off means every read goes to AWS (as documented for the AWS extension): no backoff either.
  const backoff = (ttlSeconds: number) =>
    cacheSize > 0 && ttlSeconds > 0 && config.backoffMs > 0
      ? ({ baseMs: config.backoffMs, capMs: config.backoffMaxMs } as const)
      : (false as const);
  const secrets = new SecretReader({
    ...shared,
    backoff: backoff(config.secretsTtlSeconds),
    onBackgroundError: onBackgroundError('secretsmanager'),
    client: secretsManager,
    pool: pool('Secrets Manager'),
    endpoint: endpointOf(config, 'secretsmanager'),
    ttlSeconds: cacheSize > 0 ? config.secretsTtlSeconds : 0,
    timeoutMs: config.secretsTimeoutMs,
    safetyNet: safetyNet(secretsManager, created?.secretsManager, config.secretsTimeoutMs),
  });
  const ssm = new ParameterReader({
    ...shared,
    backoff: backoff(config.ssmTtlSeconds),
    onBackgroundError: onBackgroundError('ssm'),
    client: ssmClient,
    pool: pool('SSM Parameter Store'),
    endpoint: endpointOf(config, 'ssm'),
    ttlSeconds: cacheSize > 0 ? config.ssmTtlSeconds : 0,
    timeoutMs: config.ssmTimeoutMs,
    safetyNet: safetyNet(ssmClient, created?.ssm, config.ssmTimeoutMs),
  });
  const metrics = new AgentMetrics(options.now);
  const handler = createHandler({ token: config.token, secrets, ssm, metrics, logger });
  const dispose = () => {
    // Only the clients made here: the caller owns the ones it passed.
    if (secretsManager !== given.secretsManager) secretsManager.destroy();
    if (ssmClient !== given.ssm) ssmClient.destroy();
  };
  return { config, handler, secrets, ssm, metrics, logger, dispose };
}

/**
 * Creates an agent and serves it on `config.listenAddresses` (127.0.0.1 and ::1 by default) at `config.port` (`0`
 * picks a free port), then starts loading the prefetch list. Logs the effective configuration at debug level
 * (without the token), one `listening` line at info level, and a warning when an address is not loopback.
 *
 * @example
 * ```ts
 * const { config } = resolveConfig(process.env, { endpoint: emulator.endpoint, port: 0 });
 * const agent = await startAgent({ config });
 * await fetch(`${agent.url}/ping`);
 * await agent.close();
 * ```
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const agent = createAgent(options);
  const { config, logger, metrics } = agent;
  logger.debug('effective configuration', describeConfig(config));
  let listening: Awaited<ReturnType<typeof serve>>;
  try {
    listening = await serve(agent.handler, {
      port: config.port,
      hosts: config.listenAddresses,
      maxInboundRequests: config.maxInboundRequests,
      metrics,
      logger,
    });
  } catch (error) {
    agent.dispose();
    throw error;
  }
  logger.info('listening', { hosts: listening.hosts, port: listening.port });
  if (!onlyLoopback(listening.hosts)) {
    logger.warn('listening beyond loopback: other hosts can connect; every request must still carry the token', {
      hosts: listening.hosts,
    });
  }
  const prefetched = prefetch(config.prefetch, agent, logger);
  return {
    ...agent,
    port: listening.port,
    hosts: listening.hosts,
    url: `http://${urlHost(listening.hosts[0] ?? '127.0.0.1')}:${listening.port}`,
    prefetched,
    close: async () => {
      await listening.close();
      agent.dispose();
    },
  };
}
