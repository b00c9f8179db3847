import { checkEndpoint } from './endpoint.js';
import { LOOPBACK_ADDRESSES, parseListenAddresses } from './listen.js';
import { PREFETCH_ENV, parsePrefetch } from './prefetch.js';
import { resolveToken } from './token.js';
import type { AgentConfig, ConfigOverrides, LogLevel, ResolvedConfig } from './types.js';

/** Environment variables the agent reads, with the AWS extension's names. */
export const ENV = {
  port: 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT',
  cacheEnabled: 'PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED',
  cacheSize: 'PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE',
  secretsTtl: 'SECRETS_MANAGER_TTL',
  ssmTtl: 'SSM_PARAMETER_STORE_TTL',
  logLevel: 'PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL',
  maxConnections: 'PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS',
  maxInboundRequests: 'PARAMKIT_AGENT_MAX_INBOUND_REQUESTS',
  secretsTimeout: 'SECRETS_MANAGER_TIMEOUT_MILLIS',
  ssmTimeout: 'SSM_PARAMETER_STORE_TIMEOUT_MILLIS',
  connectTimeout: 'PARAMKIT_AGENT_CONNECT_TIMEOUT_MS',
  idleTimeout: 'PARAMKIT_AGENT_IDLE_TIMEOUT_MS',
  staleIfError: 'PARAMKIT_AGENT_STALE_IF_ERROR_SECONDS',
  secretsTtlLong: 'PARAMKIT_AGENT_SECRETS_TTL_SECONDS',
  ssmTtlLong: 'PARAMKIT_AGENT_SSM_TTL_SECONDS',
  listenAddress: 'PARAMKIT_AGENT_LISTEN_ADDRESS',
  refreshAhead: 'PARAMKIT_AGENT_REFRESH_AHEAD',
  staleAnswer: 'PARAMKIT_AGENT_STALE_ANSWER_MS',
  backoff: 'PARAMKIT_AGENT_BACKOFF_MS',
  backoffMax: 'PARAMKIT_AGENT_BACKOFF_MAX_MS',
  prefetch: PREFETCH_ENV,
  endpoint: 'AWS_ENDPOINT_URL',
} as const;

/** An integer setting: its range, its default, and whether a value outside the range is clamped or ignored. */
interface IntegerRule {
  readonly env: string;
  readonly min: number;
  readonly max: number;
  readonly fallback: number;
  /** `false` for settings where the nearest valid value means nothing (a port): out of range → default. */
  readonly clamp: boolean;
}

/**
 * The longest timer Node.js can set (2^31 − 1 ms, about 24.8 days): a longer delay fires after 1 ms instead. AWS
 * documents no maximum for its `*_TIMEOUT_MILLIS`; past this one a value is clamped to it, with a warning.
 */
const LONGEST_TIMER_MS = 2_147_483_647;

/**
 * Ranges and defaults, in one place. The AWS variables keep the ranges AWS documents; where it documents none
 * (`MAX_CONNECTIONS`, `*_TIMEOUT_MILLIS`) the bound is only what Node.js can take. paramkit's own timeouts stop at
 * 15 minutes, Lambda's longest invocation.
 */
export const INTEGER_RULES = {
  port: { env: ENV.port, min: 1, max: 65_535, fallback: 2773, clamp: false },
  cacheSize: { env: ENV.cacheSize, min: 0, max: 1000, fallback: 1000, clamp: true },
  secretsTtlSeconds: { env: ENV.secretsTtl, min: 0, max: 300, fallback: 300, clamp: true },
  ssmTtlSeconds: { env: ENV.ssmTtl, min: 0, max: 300, fallback: 300, clamp: true },
  // "Minimum of 1; No maximum limit" (AWS): the bound only keeps the count an exact integer.
  maxConnections: { env: ENV.maxConnections, min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 3, clamp: true },
  // The Secrets Manager Agent's connection limit: a safety net against a runaway caller, not a throttle.
  maxInboundRequests: { env: ENV.maxInboundRequests, min: 1, max: 10_000, fallback: 800, clamp: true },
  // "All whole numbers" (AWS), 0 for none.
  secretsTimeoutMs: { env: ENV.secretsTimeout, min: 0, max: LONGEST_TIMER_MS, fallback: 0, clamp: true },
  ssmTimeoutMs: { env: ENV.ssmTimeout, min: 0, max: LONGEST_TIMER_MS, fallback: 0, clamp: true },
  // The safety net of a service whose timeout is 0 (none, as AWS documents it): a connection that does not open,
  // or a call's connection that goes silent, fails the attempt instead of holding a pool slot for ever. Generous
  // next to AWS's latency (milliseconds to open, tens of milliseconds to answer); there is no "off".
  connectTimeoutMs: { env: ENV.connectTimeout, min: 1, max: 900_000, fallback: 3000, clamp: true },
  idleTimeoutMs: { env: ENV.idleTimeout, min: 1, max: 900_000, fallback: 10_000, clamp: true },
  staleIfErrorSeconds: { env: ENV.staleIfError, min: 0, max: 3600, fallback: 300, clamp: true },
  // paramkit's own TTLs, past the AWS extension's 300 s cap, up to the Secrets Manager Agent's 3600. Unset: the
  // AWS variable's value (the fallback here is replaced by it).
  secretsTtlLongSeconds: { env: ENV.secretsTtlLong, min: 0, max: 3600, fallback: 300, clamp: true },
  ssmTtlLongSeconds: { env: ENV.ssmTtlLong, min: 0, max: 3600, fallback: 300, clamp: true },
  staleAnswerMs: { env: ENV.staleAnswer, min: 0, max: 900_000, fallback: 250, clamp: true },
  // 0: no backoff (a failed key is retried on the next read).
  backoffMs: { env: ENV.backoff, min: 0, max: 60_000, fallback: 1000, clamp: true },
  backoffMaxMs: { env: ENV.backoffMax, min: 0, max: 3_600_000, fallback: 60_000, clamp: true },
} as const satisfies Record<string, IntegerRule>;

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'none'];
/** The agent refreshes a value read past 80% of its TTL: it runs for long, where refresh-ahead pays most. */
export const DEFAULT_REFRESH_AHEAD = 0.8;
const SHARE = /^0?\.\d+$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * Reads the agent's settings from the environment, once, into a complete typed object. Values out of range are
 * clamped and invalid ones replaced by the default, each with a warning in `warnings` (which never holds the
 * token). Throws `AgentConfigError` when no token source is set, `InvalidEndpointError` (a subclass, exit
 * code 2) when the endpoint is not an http(s) URL, and `InvalidListenAddressError` (exit code 2) when the listen
 * address is not a list of IP addresses.
 *
 * @example
 * ```ts
 * const { config, warnings } = resolveConfig(process.env, { endpoint: 'http://127.0.0.1:4566' });
 * for (const warning of warnings) console.warn(warning);
 * ```
 */
export function resolveConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): ResolvedConfig {
  const warnings: string[] = [];
  const integer = (rule: IntegerRule) => readInteger(env, rule, warnings);
  const { token, source } = resolveToken(env);
  // The AWS variables keep their documented cap; paramkit's, when set, win over them.
  const awsSecretsTtl = integer(INTEGER_RULES.secretsTtlSeconds);
  const awsSsmTtl = integer(INTEGER_RULES.ssmTtlSeconds);
  const config: AgentConfig = {
    port: overrides.port ?? integer(INTEGER_RULES.port),
    listenAddresses: readListen(overrides.listen, env[ENV.listenAddress]),
    cacheEnabled: readBoolean(env, ENV.cacheEnabled, true, warnings),
    cacheSize: integer(INTEGER_RULES.cacheSize),
    secretsTtlSeconds: integer({ ...INTEGER_RULES.secretsTtlLongSeconds, fallback: awsSecretsTtl }),
    ssmTtlSeconds: integer({ ...INTEGER_RULES.ssmTtlLongSeconds, fallback: awsSsmTtl }),
    staleIfErrorSeconds: integer(INTEGER_RULES.staleIfErrorSeconds),
    refreshAhead: readRefreshAhead(env, warnings),
    staleAnswerMs: integer(INTEGER_RULES.staleAnswerMs),
    ...readBackoff(integer),
    logLevel: readLogLevel(env, warnings),
    maxConnections: integer(INTEGER_RULES.maxConnections),
    maxInboundRequests: integer(INTEGER_RULES.maxInboundRequests),
    secretsTimeoutMs: integer(INTEGER_RULES.secretsTimeoutMs),
    ssmTimeoutMs: integer(INTEGER_RULES.ssmTimeoutMs),
    connectTimeoutMs: integer(INTEGER_RULES.connectTimeoutMs),
    idleTimeoutMs: integer(INTEGER_RULES.idleTimeoutMs),
    token,
    tokenSource: source,
    endpoint: readEndpoint(overrides.endpoint, env[ENV.endpoint]),
    region: nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION),
    prefetch: parsePrefetch(env[ENV.prefetch], warnings),
  };
  return { config, warnings };
}

/**
 * The settings as a plain object safe to log: the token is left out (its source is kept).
 *
 * @example
 * ```ts
 * logger.debug('effective configuration', describeConfig(config));
 * ```
 */
export function describeConfig(config: AgentConfig): Record<string, unknown> {
  const { token: _token, ...rest } = config;
  return { ...rest };
}

function readInteger(env: NodeJS.ProcessEnv, rule: IntegerRule, warnings: string[]): number {
  const raw = env[rule.env]?.trim();
  if (raw === undefined || raw === '') return rule.fallback;
  if (!INTEGER.test(raw)) {
    warnings.push(`${rule.env}: '${raw}' is not an integer; using the default ${rule.fallback}`);
    return rule.fallback;
  }
  const value = Number(raw);
  if (value >= rule.min && value <= rule.max) return value;
  if (!rule.clamp) {
    warnings.push(`${rule.env}: ${raw} is outside ${rule.min}–${rule.max}; using the default ${rule.fallback}`);
    return rule.fallback;
  }
  const clamped = Math.min(rule.max, Math.max(rule.min, value));
  warnings.push(`${rule.env}: ${raw} is outside ${rule.min}–${rule.max}; using ${clamped}`);
  return clamped;
}

/** `off`, or a share of the TTL between 0 and 1 (exclusive): `0.8`, `.5`. */
function readRefreshAhead(env: NodeJS.ProcessEnv, warnings: string[]): number | undefined {
  const raw = env[ENV.refreshAhead]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_REFRESH_AHEAD;
  if (raw.toLowerCase() === 'off') return undefined;
  const share = Number(raw);
  if (SHARE.test(raw) && share > 0 && share < 1) return share;
  warnings.push(
    `${ENV.refreshAhead}: '${raw}' is not off nor a share between 0 and 1 (e.g. 0.8); using ${DEFAULT_REFRESH_AHEAD}`,
  );
  return DEFAULT_REFRESH_AHEAD;
}

/** The backoff's first wait and its cap; a cap below the first wait is raised to it. */
function readBackoff(integer: (rule: IntegerRule) => number): { backoffMs: number; backoffMaxMs: number } {
  const backoffMs = integer(INTEGER_RULES.backoffMs);
  const backoffMaxMs = integer(INTEGER_RULES.backoffMaxMs);
  return { backoffMs, backoffMaxMs: Math.max(backoffMs, backoffMaxMs) };
}

function readBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean, warnings: string[]): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  warnings.push(`${name}: '${raw}' is not TRUE or FALSE; using the default ${String(fallback).toUpperCase()}`);
  return fallback;
}

function readLogLevel(env: NodeJS.ProcessEnv, warnings: string[]): LogLevel {
  const raw = env[ENV.logLevel]?.trim();
  if (raw === undefined || raw === '') return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw.toLowerCase());
  if (level !== undefined) return level;
  warnings.push(`${ENV.logLevel}: '${raw}' is not one of ${LOG_LEVELS.join(', ')}; using info`);
  return 'info';
}

/** `--endpoint` wins over `AWS_ENDPOINT_URL`; a bad one throws `InvalidEndpointError` (exit code 2). */
function readEndpoint(flag: string | undefined, variable: string | undefined): string | undefined {
  const fromFlag = nonEmpty(flag);
  if (fromFlag !== undefined) return checkEndpoint(fromFlag, '--endpoint');
  const fromEnv = nonEmpty(variable);
  return fromEnv === undefined ? undefined : checkEndpoint(fromEnv, ENV.endpoint);
}

/** `--listen` wins over `PARAMKIT_AGENT_LISTEN_ADDRESS`; neither: both loopback addresses. Bad: exit code 2. */
function readListen(flag: string | undefined, variable: string | undefined): readonly string[] {
  if (flag !== undefined) return parseListenAddresses(flag, '--listen');
  if (variable === undefined || variable.trim() === '') return LOOPBACK_ADDRESSES;
  return parseListenAddresses(variable, ENV.listenAddress);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
