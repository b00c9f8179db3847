import { UpstreamBusyError, UpstreamTimeoutError } from './errors.js';

interface Waiter {
  grant(): void;
  cancelled: boolean;
}

/**
 * The HTTP connections of one upstream client: at most `size` calls in flight (the SDK's sockets are capped to the
 * same number), later calls wait their turn in order. The queue is bounded (`maxWaiting`: past it a call fails at
 * once with `UpstreamBusyError`) and a call's deadline runs while it waits.
 *
 * @example
 * ```ts
 * const pool = new ConnectionPool('Secrets Manager', 3, 800);
 * const release = await pool.acquire(AbortSignal.timeout(1000), 1000);
 * try { await send(); } finally { release(); }
 * ```
 */
export class ConnectionPool {
  #active = 0;
  #waiting: Waiter[] = [];
  #head = 0;

  constructor(
    readonly service: string,
    readonly size: number,
    readonly maxWaiting: number,
  ) {}

  /** Calls in flight now. */
  get active(): number {
    return this.#active;
  }

  /** Calls waiting for a connection now. */
  get waiting(): number {
    return this.#waiting.length - this.#head;
  }

  /**
   * Resolves with a `release` function once a connection is free. Rejects with `UpstreamTimeoutError` when `signal`
   * fires first (`timeoutMs` names the deadline), and with `UpstreamBusyError` when the queue is full.
   */
  acquire(signal: AbortSignal | undefined, timeoutMs: number): Promise<() => void> {
    if (this.#active < this.size) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    if (this.waiting >= this.maxWaiting) return Promise.reject(new UpstreamBusyError(this.service, this.maxWaiting));
    if (signal?.aborted) return Promise.reject(new UpstreamTimeoutError(this.service, timeoutMs, 'waiting'));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        waiter.cancelled = true;
        reject(new UpstreamTimeoutError(this.service, timeoutMs, 'waiting'));
      };
      const waiter: Waiter = {
        cancelled: false,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#releaser());
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#handOver();
    };
  }

  /** Gives the freed connection to the first waiter still waiting, or returns it to the pool. */
  #handOver(): void {
    while (this.#head < this.#waiting.length) {
      const next = this.#waiting[this.#head] as Waiter;
      this.#head++;
      if (this.#head === this.#waiting.length) {
        this.#waiting = [];
        this.#head = 0;
      } else if (this.#head > 1024) {
        this.#waiting = this.#waiting.slice(this.#head);
        this.#head = 0;
      }
      if (!next.cancelled) {
        next.grant();
        return;
      }
    }
    this.#active--;
  }
}
