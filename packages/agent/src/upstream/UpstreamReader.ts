import type { CacheEngine, EngineStats } from '@paramkit/parameters/engine';
import { deadlineSignal, type SendsCommands, UpstreamChannel } from './deadline.js';
import { engineFor, type UpstreamOptions } from './options.js';
import { ConnectionPool } from './pool.js';

/** One read through the cache: the key, whether to skip a fresh value, and how to fetch. */
interface ThroughRead<V> {
  name: string;
  variant: string;
  refresh: boolean;
  fetch: () => Promise<V>;
  /** Whether a fetched value is stored; every value by default. */
  cacheable?: (value: V) => boolean;
}

/**
 * What every service behind the agent shares: its cache engine, its connection channel (counting each call),
 * the TTL and the read deadline. The service readers add their own commands on top.
 *
 * @example
 * ```ts
 * class QueueReader extends UpstreamReader<Output, SQSClient> {
 *   constructor(options: UpstreamOptions<SQSClient>) { super('SQS', options); }
 * }
 * ```
 */
export abstract class UpstreamReader<V, Client extends SendsCommands> {
  readonly engine: CacheEngine<V>;
  readonly #channel: UpstreamChannel;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;

  protected constructor(service: string, options: UpstreamOptions<Client>) {
    this.engine = engineFor<V>(options);
    this.#channel = new UpstreamChannel({
      client: options.client,
      service,
      timeoutMs: options.timeoutMs,
      pool: options.pool ?? new ConnectionPool(service, 3, 800),
      endpoint: options.endpoint,
      onCall: () => this.engine.countApiCalls(1),
      safetyNet: options.safetyNet,
    });
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#timeoutMs = options.timeoutMs;
  }

  /** Counters of the cache and of the calls. */
  stats(): EngineStats {
    return this.engine.stats();
  }

  /** Empties the cache (counters stay). */
  clearCache(): void {
    this.engine.clear();
  }

  /** How long a value stays fresh, in milliseconds. */
  protected get ttlMs(): number {
    return this.#ttlMs;
  }

  /** The fresh cached value of a key (counted as a hit), else `undefined`; never fetches. */
  protected hit(name: string, variant: string): V | undefined {
    return this.engine.hit(name, variant, this.#ttlMs)?.value;
  }

  /**
   * A key's value from the cache when fresh (without a promise of the engine's), else fetched through the engine:
   * coalesced, refreshed ahead, served stale and backed off as the engine's options say.
   */
  protected readThrough(read: ThroughRead<V>): Promise<V> {
    const { name, variant, refresh, fetch, cacheable } = read;
    const hit = refresh ? undefined : this.engine.hit(name, variant, this.#ttlMs);
    if (hit !== undefined) return Promise.resolve(hit.value);
    return this.engine.read({
      name,
      variant,
      maxAgeMs: this.#ttlMs,
      forceFetch: refresh,
      ...(cacheable === undefined ? {} : { cacheable }),
      fetch,
    });
  }

  /** A fresh deadline for one read (`undefined`: none); pass it to every call of a paged read. */
  protected deadline(): AbortSignal | undefined {
    return deadlineSignal(this.#timeoutMs);
  }

  /** Sends one command through the service's connections, under `signal`. */
  protected send<Output>(command: unknown, signal: AbortSignal | undefined): Promise<Output> {
    return this.#channel.send<Output>(command, signal);
  }
}
