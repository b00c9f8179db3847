import type { UpstreamEndpoint } from './errors.js';
import type { ConnectionPool } from './pool.js';

/** Settings of an upstream provider, taken from the agent's configuration. */
export interface UpstreamOptions<Client> {
  /** The AWS SDK client. */
  client: Client;
  /** Most entries cached; `0` caches nothing. */
  cacheSize: number;
  /** Seconds a value stays fresh; `0` caches nothing. */
  ttlSeconds: number;
  /** Deadline of one read in milliseconds; `0` means none. */
  timeoutMs: number;
  /** Seconds past its TTL a value is served when a refresh fails with a transient error. */
  staleIfErrorSeconds: number;
  /** The service's connections; 3 at a time, 800 waiting by default. */
  pool?: ConnectionPool;
  /** Where the service is reached, named when a connection fails without saying. */
  endpoint?: UpstreamEndpoint;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}
