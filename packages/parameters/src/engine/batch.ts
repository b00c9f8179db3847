import type { CacheEngine, WriteToken } from './CacheEngine.js';
import type { SourceRequest } from './EntryStore.js';
import { classifyError } from './errorKinds.js';

/** One key a batch read wants. */
export interface BatchItem {
  readonly name: string;
  readonly variant: string;
  /** Freshness in ms; `0` skips the cache both ways. */
  readonly maxAgeMs: number;
}

/** What one call answered for one item: its value, or the error the service listed for it. Absent: missing. */
export type BatchAnswer<V> = { value: V } | { error: unknown };

/** How a batch read went for one item. */
export type BatchOutcome<V> =
  /** `hit`: fresh in the cache; `fetched`: by this batch; `joined`: a request in flight answered it; `stale`: an
   * expired value served because the fetch failed transiently or the key is backing off. */
  | { status: 'hit' | 'fetched' | 'joined' | 'stale'; value: V }
  /** The service did not return the item (nor an error for it). */
  | { status: 'missing' }
  /** The call, or the item, failed (or the key is backing off with this error and has no value to serve). */
  | { status: 'failed'; error: unknown };

/** A batch read: the items, how many one call takes, and the call. */
export interface BatchPlan<I extends BatchItem, V> {
  items: readonly I[];
  /** Most items one call takes (`GetParameters` 10, `BatchGetSecretValue` 20). */
  maxPerCall: number;
  /** Items of one call must share this group (decrypted apart from plain, say). */
  groupOf?: (item: I) => string;
  /** Skip the cache, requests in flight and backoffs, and fetch every item (the results are cached). */
  forceFetch?: boolean;
  /** One call for up to `maxPerCall` items; rejects when the whole call failed. */
  fetch: (items: I[]) => Promise<Map<I, BatchAnswer<V>>>;
  /** How a single read fetches an item, so that refresh-ahead can refresh what the batch cached. */
  sourceOf?: (item: I) => SourceRequest<V>;
  /**
   * The error a single read that joined the batch fails with when the service did not return its item (for a
   * provider whose single read of a missing value fails, as `GetParameter` does). Without it such a read gets
   * `undefined`.
   */
  missingError?: (item: I) => unknown;
}

interface Pending<I, V> {
  item: I;
  index: number;
  token: WriteToken;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
  /** Resolves with the item's outcome once its call settles. */
  settled: (outcome: BatchOutcome<V>) => void;
}

/**
 * The one batch step of the library and the agent: cache first; keys with a request in flight join it; keys that
 * are backing off answer at once (stale value or last error); the rest are fetched `maxPerCall` at a time, every
 * call in parallel, and shared with single reads that arrive meanwhile; a transient failure falls back to the
 * stale value per key. Returns one outcome per item, in order.
 *
 * @example
 * ```ts
 * import { CacheEngine, readBatch } from '@paramkit/parameters/engine';
 *
 * const engine = new CacheEngine<string>();
 * const items = ['/a', '/b'].map((name) => ({ name, variant: '', maxAgeMs: 60_000 }));
 * const outcomes = await readBatch(engine, {
 *   items,
 *   maxPerCall: 10,
 *   fetch: async (batch) => new Map(batch.map((item) => [item, { value: `value of ${item.name}` }])),
 * });
 * ```
 */
export async function readBatch<I extends BatchItem, V>(
  engine: CacheEngine<V>,
  plan: BatchPlan<I, V>,
): Promise<BatchOutcome<V>[]> {
  const outcomes: (BatchOutcome<V> | Promise<BatchOutcome<V>>)[] = [];
  const groups = new Map<string, Pending<I, V>[]>();
  let misses = 0;
  for (const [index, item] of plan.items.entries()) {
    const { name, variant, maxAgeMs } = item;
    const hit = plan.forceFetch || maxAgeMs <= 0 ? undefined : engine.hit(name, variant, maxAgeMs);
    if (hit !== undefined) {
      outcomes.push({ status: 'hit', value: hit.value });
      continue;
    }
    misses++;
    const joined = plan.forceFetch ? undefined : engine.inflight(name, variant);
    if (joined !== undefined) {
      engine.countCoalesced(1);
      const failed = (error: unknown) => staleOrFailed(engine, item, error);
      outcomes.push(withinDeadline(engine, item, joined.then(joinedOutcome<V>, failed)));
      continue;
    }
    // As for single reads, a forced or uncached item asks AWS whatever happened before.
    const backoff = plan.forceFetch || maxAgeMs <= 0 ? undefined : engine.backingOff(name, variant);
    if (backoff !== undefined) {
      const stale = engine.stale(name, variant, maxAgeMs);
      outcomes.push(stale ? { status: 'stale', value: stale.value } : { status: 'failed', error: backoff.error });
      continue;
    }
    outcomes.push({ status: 'missing' }); // replaced when the item's call settles
    const group = plan.groupOf?.(item) ?? '';
    const pending = groups.get(group) ?? [];
    if (pending.length === 0) groups.set(group, pending);
    let resolve!: (value: V) => void;
    let reject!: (error: unknown) => void;
    const shared = new Promise<V>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const token = engine.writeToken(name);
    engine.share(name, variant, shared);
    let settled!: (outcome: BatchOutcome<V>) => void;
    const outcome = new Promise<BatchOutcome<V>>((res) => {
      settled = res;
    });
    // An item with an expired value to fall back on gets it within staleAnswerMs, as a single read does; its call
    // goes on and fills the cache when it answers.
    outcomes[index] =
      plan.forceFetch || maxAgeMs <= 0
        ? outcome
        : withinDeadline(
            engine,
            item,
            shared.then(
              () => outcome,
              () => outcome,
            ),
            shared,
          );
    pending.push({ item, index, token, resolve, reject, settled });
  }
  engine.countMisses(misses);

  for (const pending of groups.values()) {
    for (let start = 0; start < pending.length; start += plan.maxPerCall) {
      const chunk = pending.slice(start, start + plan.maxPerCall);
      // Settling never throws in practice; should it, no item may wait forever.
      runCall(engine, plan, chunk).catch((error: unknown) => {
        for (const item of chunk) item.settled(marked({ status: 'failed', error }));
      });
    }
  }
  return Promise.all(outcomes);
}

/**
 * The item's outcome when it comes within `staleAnswerMs`, else its expired value (the call goes on and fills the
 * cache). `outcome` never rejects.
 */
function withinDeadline<V>(
  engine: CacheEngine<V>,
  item: BatchItem,
  outcome: Promise<BatchOutcome<V>>,
  request?: Promise<V>,
): Promise<BatchOutcome<V>> {
  return engine.withinStaleDeadline(item.name, item.variant, item.maxAgeMs, outcome, request).then((answer) => {
    if (!isOutcome<V>(answer)) return { status: 'stale', value: answer }; // counted by the deadline
    // A stale value the item's own call fell back on is counted here, once it is the answer.
    if (answer.status === 'stale') engine.countStale(1);
    return answer;
  });
}

/** Tells an item's own outcome from a stale value the deadline answered with. */
function isOutcome<V>(answer: unknown): answer is BatchOutcome<V> {
  return answer !== null && typeof answer === 'object' && OUTCOMES.has(answer as object);
}
const OUTCOMES = new WeakSet<object>();

async function runCall<I extends BatchItem, V>(
  engine: CacheEngine<V>,
  plan: BatchPlan<I, V>,
  chunk: Pending<I, V>[],
): Promise<void> {
  let answers: Map<I, BatchAnswer<V>> | undefined;
  let callError: unknown;
  try {
    answers = await plan.fetch(chunk.map((pending) => pending.item));
  } catch (error) {
    callError = error;
  }
  for (const pending of chunk) {
    const answer: BatchAnswer<V> | undefined = answers === undefined ? { error: callError } : answers.get(pending.item);
    pending.settled(marked(settleItem(engine, plan, pending, answer)));
  }
}

function settleItem<I extends BatchItem, V>(
  engine: CacheEngine<V>,
  plan: BatchPlan<I, V>,
  pending: Pending<I, V>,
  answer: BatchAnswer<V> | undefined,
): BatchOutcome<V> {
  const { name, variant, maxAgeMs } = pending.item;
  // A call that started before a write or a clear says nothing about the key as it is now, and an older answer,
  // failure or empty answer never undoes a newer one (see `maySettle`).
  const current = engine.maySettle(name, variant, pending.token);
  if (answer === undefined) {
    if (current) {
      engine.settle(name, variant);
      engine.forget(name, variant, pending.token.seq);
    }
    if (plan.missingError === undefined) pending.resolve(undefined as V);
    else pending.reject(plan.missingError(pending.item));
    return { status: 'missing' };
  }
  if ('value' in answer) {
    if (current) {
      engine.settle(name, variant);
      if (maxAgeMs > 0)
        engine.store(name, variant, answer.value, maxAgeMs, pending.token, plan.sourceOf?.(pending.item));
    }
    pending.resolve(answer.value);
    return { status: 'fetched', value: answer.value };
  }
  if (current) engine.settle(name, variant, answer.error, pending.token.seq);
  // Reads that joined the item's request decide for themselves what to serve, as they do for a single read's.
  pending.reject(answer.error);
  return plan.forceFetch
    ? { status: 'failed', error: answer.error }
    : staleOrFailed(engine, pending.item, answer.error);
}

/**
 * The item's expired value when its fetch failed transiently and one is held, else the failure. The stale value is
 * counted when it answers (see `withinDeadline`): past the deadline, the item was answered already.
 */
function staleOrFailed<V>(engine: CacheEngine<V>, item: BatchItem, error: unknown): BatchOutcome<V> {
  const stale = classifyError(error).transient
    ? engine.stale(item.name, item.variant, item.maxAgeMs, false)
    : undefined;
  return marked(stale === undefined ? { status: 'failed', error } : { status: 'stale', value: stale.value });
}

function joinedOutcome<V>(value: V): BatchOutcome<V> {
  return marked(value === undefined ? { status: 'missing' } : { status: 'joined', value });
}

function marked<V>(outcome: BatchOutcome<V>): BatchOutcome<V> {
  OUTCOMES.add(outcome);
  return outcome;
}
