/**
 * The caching engine under every paramkit provider and the agent: entries keyed by name and variant, requests in
 * flight, write invalidation, bounded LRU eviction, freshness policies (stale-if-error, refresh-ahead, stale
 * answers within a deadline, backoff with jitter), counters, the batch step, the error classifier and the secret
 * ARN matcher.
 */

export { type BatchAnswer, type BatchItem, type BatchOutcome, type BatchPlan, readBatch } from './batch.js';
export { CacheEngine, type EngineStats, type ReadRequest, type WriteToken } from './CacheEngine.js';
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
