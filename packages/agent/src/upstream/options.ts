import { type BackoffOptions, CacheEngine, type CacheKey } from '@paramkit/parameters/engine';
import type { SafetyNet } from './clients.js';
import type { UpstreamEndpoint } from './errors.js';
import type { ConnectionPool } from './pool.js';

/** Settings of an upstream reader, taken from the agent's configuration. */
export interface UpstreamOptions<Client> {
  /** The AWS SDK client. */
  client: Client;
  /** Most entries cached; `0` caches nothing. */
  cacheSize: number;
  /** Seconds a value stays fresh; `0` caches nothing. */
  ttlSeconds: number;
  /** Deadline of one read in milliseconds; `0` means none. */
  timeoutMs: number;
  /** The connect and idle timeouts the client was created with (see `createClients`), named in its timeouts. */
  safetyNet?: SafetyNet | undefined;
  /** Seconds past its TTL a value is served when a refresh fails with a transient error. */
  staleIfErrorSeconds: number;
  /** Share of the TTL after which a hit refreshes the value in the background; `undefined`: never. */
  refreshAhead?: number | undefined;
  /** How long a read with an expired value to fall back on waits for AWS before it gets that value, in ms. */
  staleAnswerMs?: number;
  /** Backoff of a key after a transient failure; `false`: none. */
  backoff?: BackoffOptions | false;
  /** Told of each failed background refresh (the caller saw the cached value). */
  onBackgroundError?: (error: unknown, key: CacheKey) => void;
  /** The service's connections; 3 at a time, 800 waiting by default. */
  pool?: ConnectionPool;
  /** Where the service is reached, named when a connection fails without saying. */
  endpoint?: UpstreamEndpoint;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

/**
 * The engine behind one service: its entries, requests in flight, freshness policies and counters.
 *
 * @example
 * ```ts
 * const engine = engineFor<GetSecretValueCommandOutput>({ client, cacheSize: 1000, ttlSeconds: 300, timeoutMs: 0, staleIfErrorSeconds: 300 });
 * ```
 */
export function engineFor<V>(options: UpstreamOptions<unknown>): CacheEngine<V> {
  return new CacheEngine<V>({
    maxEntries: options.cacheSize,
    staleIfErrorSeconds: options.staleIfErrorSeconds,
    ...(options.refreshAhead === undefined ? {} : { refreshAhead: options.refreshAhead }),
    ...(options.staleAnswerMs === undefined ? {} : { staleAnswerMs: options.staleAnswerMs }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    ...(options.onBackgroundError ? { onBackgroundError: options.onBackgroundError } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
