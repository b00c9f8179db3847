import type { EngineStats } from '@paramkit/parameters/engine';

/** What `/metrics` reports. Cache counters come from each service's cache engine (`stats()`). */
export interface MetricsSnapshot {
  /** Requests answered, of every kind. */
  requests: number;
  /** Requests answered with a status of 400 or more. */
  errors: number;
  /** Reads answered from a fresh cached value. */
  hits: number;
  /** Reads that had to fetch, or join a fetch in flight. */
  misses: number;
  /** Misses that joined a fetch already in flight instead of making their own. */
  coalesced: number;
  /** Reads answered with an expired value because the refresh failed with a transient error. */
  staleServed: number;
  /** AWS API calls made (SDK retries inside one call are not counted apart). */
  upstreamCalls: number;
  /** Entries dropped to stay within the cache size. */
  evictions: number;
  /** Entries cached now. */
  cacheEntries: number;
  /** Background refreshes started (refresh-ahead, and refreshes that outlived a stale answer). */
  refreshes: number;
  /** Background refreshes that failed (logged; no caller saw them). */
  refreshFailures: number;
  /** Reads answered without calling AWS because their key was backing off after a transient failure. */
  backoffs: number;
  /** Seconds since the agent started. */
  uptimeSeconds: number;
  /** Answers per HTTP status. */
  responses: Record<string, number>;
  /** The same cache counters per service. */
  services: { secretsmanager: EngineStats; ssm: EngineStats };
}

/**
 * Request counters of one agent; the handler records each answer's status.
 *
 * @example
 * ```ts
 * const metrics = new AgentMetrics();
 * metrics.record(200);
 * const snapshot = metrics.snapshot(secrets.stats(), ssm.stats());
 * ```
 */
export class AgentMetrics {
  #requests = 0;
  #errors = 0;
  /** Answers per status, indexed by status code (a plain array: one increment per request). */
  readonly #byStatus: number[] = new Array(600).fill(0);
  readonly #startedAt: number;

  constructor(readonly now: () => number = Date.now) {
    this.#startedAt = now();
  }

  /** Counts one answer. */
  record(status: number): void {
    this.#requests++;
    if (status >= 400) this.#errors++;
    this.#byStatus[status] = (this.#byStatus[status] ?? 0) + 1;
  }

  snapshot(secretsmanager: EngineStats, ssm: EngineStats): MetricsSnapshot {
    const sum = (key: keyof EngineStats) => secretsmanager[key] + ssm[key];
    return {
      requests: this.#requests,
      errors: this.#errors,
      hits: sum('hits'),
      misses: sum('misses'),
      coalesced: sum('coalesced'),
      staleServed: sum('staleServed'),
      upstreamCalls: sum('apiCalls'),
      evictions: sum('evictions'),
      cacheEntries: sum('size'),
      refreshes: sum('refreshes'),
      refreshFailures: sum('refreshFailures'),
      backoffs: sum('backoffs'),
      uptimeSeconds: Math.floor((this.now() - this.#startedAt) / 1000),
      responses: Object.fromEntries(
        this.#byStatus.flatMap((count, status) => (count > 0 ? [[String(status), count]] : [])),
      ),
      services: { secretsmanager, ssm },
    };
  }
}

const SERVICE_COUNTERS: readonly [keyof EngineStats, string, string][] = [
  ['hits', 'cache_hits_total', 'Reads answered from a fresh cached value.'],
  ['misses', 'cache_misses_total', 'Reads that fetched or joined a fetch in flight.'],
  ['coalesced', 'cache_coalesced_total', 'Misses that joined a fetch already in flight.'],
  ['staleServed', 'cache_stale_served_total', 'Reads answered stale after a transient upstream error.'],
  ['apiCalls', 'upstream_calls_total', 'AWS API calls made.'],
  ['evictions', 'cache_evictions_total', 'Entries dropped to stay within the cache size.'],
  ['refreshes', 'cache_refreshes_total', 'Background refreshes started (refresh-ahead, after a stale answer).'],
  ['refreshFailures', 'cache_refresh_failures_total', 'Background refreshes that failed.'],
  ['backoffs', 'cache_backoffs_total', 'Reads answered without an AWS call while their key backed off.'],
];

/**
 * The snapshot in the Prometheus text exposition format, every name prefixed `paramkit_agent_`.
 *
 * @example
 * ```ts
 * const body = toPrometheus(metrics.snapshot(secrets.stats(), ssm.stats()));
 * ```
 */
export function toPrometheus(snapshot: MetricsSnapshot): string {
  const lines: string[] = [];
  const family = (name: string, type: 'counter' | 'gauge', help: string) => {
    lines.push(`# HELP paramkit_agent_${name} ${help}`, `# TYPE paramkit_agent_${name} ${type}`);
  };
  family('requests_total', 'counter', 'Requests answered, by HTTP status.');
  for (const [status, count] of Object.entries(snapshot.responses)) {
    lines.push(`paramkit_agent_requests_total{status="${status}"} ${count}`);
  }
  family('errors_total', 'counter', 'Requests answered with a status of 400 or more.');
  lines.push(`paramkit_agent_errors_total ${snapshot.errors}`);
  for (const [key, name, help] of SERVICE_COUNTERS) {
    family(name, 'counter', help);
    for (const [service, stats] of Object.entries(snapshot.services)) {
      lines.push(`paramkit_agent_${name}{service="${service}"} ${stats[key]}`);
    }
  }
  family('cache_entries', 'gauge', 'Entries cached now.');
  for (const [service, stats] of Object.entries(snapshot.services)) {
    lines.push(`paramkit_agent_cache_entries{service="${service}"} ${stats.size}`);
  }
  family('uptime_seconds', 'gauge', 'Seconds since the agent started.');
  lines.push(`paramkit_agent_uptime_seconds ${snapshot.uptimeSeconds}`);
  return `${lines.join('\n')}\n`;
}
