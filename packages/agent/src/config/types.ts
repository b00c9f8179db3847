import type { PrefetchEntry } from './prefetch.js';

/** Levels of the agent's log, most verbose first; `none` turns it off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'none';

/** The agent's settings, every default applied and every range checked (see `resolveConfig`). */
export interface AgentConfig {
  /** TCP port on every listen address; `0` picks a free one (tests). @default 2773 */
  readonly port: number;
  /**
   * IP addresses served (`PARAMKIT_AGENT_LISTEN_ADDRESS`, `--listen`): `0.0.0.0` or `::` for a container sidecar
   * reached by its pod or task. The token is required on every address. @default ['127.0.0.1', '::1']
   */
  readonly listenAddresses: readonly string[];
  /** Whether values are cached at all. @default true */
  readonly cacheEnabled: boolean;
  /** Most entries each service's cache holds (0–1000); `0` turns caching off. @default 1000 */
  readonly cacheSize: number;
  /**
   * Seconds a secret stays fresh: `SECRETS_MANAGER_TTL` (0–300), or `PARAMKIT_AGENT_SECRETS_TTL_SECONDS` (0–3600)
   * when set; `0` turns secret caching off. @default 300
   */
  readonly secretsTtlSeconds: number;
  /**
   * Seconds a parameter stays fresh: `SSM_PARAMETER_STORE_TTL` (0–300), or `PARAMKIT_AGENT_SSM_TTL_SECONDS`
   * (0–3600) when set; `0` turns parameter caching off. @default 300
   */
  readonly ssmTtlSeconds: number;
  /** Seconds past its TTL a value is still served when a refresh fails with a transient error. @default 300 */
  readonly staleIfErrorSeconds: number;
  /**
   * Share of the TTL after which a hit answers at once and refreshes the value in the background
   * (`PARAMKIT_AGENT_REFRESH_AHEAD`); `undefined`: off. @default 0.8
   */
  readonly refreshAhead: number | undefined;
  /**
   * How long a read that has an expired value to fall back on waits for AWS, in ms, before it is answered with that
   * value while the refresh goes on (`PARAMKIT_AGENT_STALE_ANSWER_MS`). @default 250
   */
  readonly staleAnswerMs: number;
  /**
   * First wait, in ms, before a key whose refresh failed transiently is tried again; doubles (with up to 50%
   * jitter) each failure in a row, up to `backoffMaxMs`. `0`: no backoff. @default 1000
   */
  readonly backoffMs: number;
  /** Longest backoff wait in ms (at least `backoffMs`). @default 60000 */
  readonly backoffMaxMs: number;
  /** Log threshold. @default 'info' */
  readonly logLevel: LogLevel;
  /**
   * HTTP connections each upstream client (Secrets Manager, Parameter Store) opens at most, as the AWS extension
   * documents `PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS`; further calls wait for a free one. @default 3
   */
  readonly maxConnections: number;
  /** Most requests waiting on AWS at once; one more is answered 429 (cache hits never count). @default 800 */
  readonly maxInboundRequests: number;
  /**
   * Deadline of one Secrets Manager read in milliseconds (`SECRETS_MANAGER_TIMEOUT_MILLIS`); `0` means none, and
   * then the safety net below bounds each attempt. @default 0
   */
  readonly secretsTimeoutMs: number;
  /**
   * Deadline of one Parameter Store read in milliseconds (`SSM_PARAMETER_STORE_TIMEOUT_MILLIS`); `0` means none,
   * and then the safety net below bounds each attempt. @default 0
   */
  readonly ssmTimeoutMs: number;
  /**
   * For a service whose deadline is `0`: how long, in ms, a new connection to AWS may take to open (DNS and TCP)
   * before the attempt fails (`PARAMKIT_AGENT_CONNECT_TIMEOUT_MS`, 1–900000). @default 3000
   */
  readonly connectTimeoutMs: number;
  /**
   * For a service whose deadline is `0`: how long, in ms, a call's connection may stay silent (TLS handshake,
   * waiting for or reading the answer) before the attempt fails (`PARAMKIT_AGENT_IDLE_TIMEOUT_MS`, 1–900000).
   * @default 10000
   */
  readonly idleTimeoutMs: number;
  /** The value every request (but `/ping`) must carry in `X-Aws-Parameters-Secrets-Token`. Never logged. */
  readonly token: string;
  /** Where the token came from (a variable name, and the file when it was `file://`), for the debug log. */
  readonly tokenSource: string;
  /** AWS endpoint for both services (the emulator, LocalStack...); the SDK's default when undefined. */
  readonly endpoint: string | undefined;
  /** AWS region; the SDK's default chain when undefined. */
  readonly region: string | undefined;
  /** What the agent loads at start (`PARAMKIT_AGENT_PREFETCH`), in the background. @default [] */
  readonly prefetch: readonly PrefetchEntry[];
}

/** What `resolveConfig` returns: the settings, and one warning per variable it had to clamp or ignore. */
export interface ResolvedConfig {
  readonly config: AgentConfig;
  readonly warnings: readonly string[];
}

/** Settings given in code or on the command line; they win over the environment. */
export interface ConfigOverrides {
  /** AWS endpoint (`--endpoint`). */
  endpoint?: string;
  /** TCP port; `0` picks a free one. */
  port?: number;
  /** Listen addresses, comma-separated (`--listen`); wins over `PARAMKIT_AGENT_LISTEN_ADDRESS`. */
  listen?: string;
}
