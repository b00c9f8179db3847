/**
 * The caching engine under every paramkit provider and the agent: entries keyed by name and variant, requests in
 * flight, write invalidation, bounded LRU eviction, freshness policies (stale-if-error, refresh-ahead, stale
 * answers within a deadline, backoff with jitter), counters, the batch step, the error classifier and the secret
 * ARN matcher.
 */

export { type BatchAnswer, type BatchItem, type BatchOutcome, type BatchPlan, readBatch } from './batch.js';

import { CacheEngine as CacheEngineCore } from './CacheEngine.js';
import { withCheckedOptions } from './options.js';

export type { EngineStats, ReadRequest, WriteToken } from './CacheEngine.js';
export type { CacheEntry, SourceRequest } from './EntryStore.js';
export {
  classifyError,
  type ErrorClass,
  type ErrorKind,
  isConnectionReset,
  isNotFoundError,
  isTransientError,
  messageOf,
} from './errorKinds.js';
export {
  type BackoffOptions,
  type CacheKey,
  DEFAULT_BACKOFF,
  DEFAULT_STALE_ANSWER_MS,
  type EngineOptions,
  type ResolvedEngineOptions,
  resolveEngineOptions,
  resolveRefreshAhead,
} from './options.js';
export { CURRENT_STAGE, type SecretIdentity, secretRefersTo, secretVariant } from './secretIds.js';

/**
 * The cache every paramkit provider and the agent are built on, with its options checked (a `RangeError` or
 * `TypeError` names a bad one).
 *
 * @example
 * ```ts
 * import { CacheEngine } from '@paramkit/parameters/engine';
 *
 * const engine = new CacheEngine<string>({ refreshAhead: 0.8, maxEntries: 500 });
 * ```
 */
export const CacheEngine: typeof CacheEngineCore = /* @__PURE__ */ withCheckedOptions(CacheEngineCore);
export type CacheEngine<V = unknown> = CacheEngineCore<V>;
