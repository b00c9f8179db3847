import type { PrefetchEntry } from './config/prefetch.js';
import type { RouteContext } from './http/routes/context.js';
import { describeUpstreamFailure, errorName } from './http/upstreamFailure.js';
import type { Logger } from './log.js';
import { MAX_LIST_PAGES } from './upstream/SecretReader.js';

/** How a prefetch went: entries loaded and entries that failed (each logged). */
export interface PrefetchReport {
  readonly loaded: number;
  readonly failed: number;
}

/**
 * Loads the prefetch list into the cache, through the same reads as the HTTP routes: a request arriving while an
 * entry loads joins that read instead of making its own, and later requests are hits. Entries go out together;
 * the connection pool paces them (`MAX_CONNECTIONS` at a time). A failure is logged (the entry, the status and the
 * error's name and message, never a value) and does not stop the others; the promise never rejects.
 *
 * @example
 * ```ts
 * const { loaded, failed } = await prefetch(config.prefetch, { secrets, ssm, metrics }, logger);
 * ```
 */
export async function prefetch(
  entries: readonly PrefetchEntry[],
  context: Pick<RouteContext, 'secrets' | 'ssm'>,
  logger: Logger,
): Promise<PrefetchReport> {
  if (entries.length === 0) return { loaded: 0, failed: 0 };
  const started = performance.now();
  const outcomes = await Promise.all(
    entries.map((entry) =>
      Promise.resolve()
        .then(() => load(entry, context, logger))
        .catch((error: unknown) => {
          const { status, type, message } = describeUpstreamFailure(error, entry.entry);
          logger.warn('prefetch failed', { entry: entry.entry, status, error: errorName(error), type, message });
          return false;
        }),
    ),
  );
  const loaded = outcomes.filter(Boolean).length;
  const report = { loaded, failed: entries.length - loaded };
  logger.info('prefetched', { ...report, ms: Math.round(performance.now() - started) });
  return report;
}

/** Loads one entry: `true` when all of it loaded; a failure of the whole entry is thrown. */
async function load(
  entry: PrefetchEntry,
  { secrets, ssm }: Pick<RouteContext, 'secrets' | 'ssm'>,
  logger: Logger,
): Promise<boolean> {
  switch (entry.kind) {
    case 'secret':
      await secrets.read(entry.secretId, entry.version, false);
      return true;
    case 'ssm':
      await ssm.read(entry.name, entry.decrypt, false);
      return true;
    case 'ssm-path':
      await ssm.readPath(entry.path, entry.recursive, entry.decrypt, false);
      return true;
    case 'secret-tag': {
      const { loaded, failed, truncated, skipped } = await secrets.readTagged(entry.key, entry.value);
      if (skipped) {
        logger.info('prefetch skipped: the secret cache stores nothing', { entry: entry.entry });
        return true;
      }
      if (truncated !== undefined) {
        const why = truncated === 'cache' ? 'the cache has no room for more' : `${MAX_LIST_PAGES} pages listed`;
        logger.warn(`prefetch truncated: ${why}`, { entry: entry.entry, loaded });
      }
      if (failed.length > 0) {
        // One line for the entry, however many secrets failed: the first ids and every distinct error code.
        logger.warn('prefetch failed', {
          entry: entry.entry,
          loaded,
          failed: failed.length,
          secretIds: failed.slice(0, 10).map((failure) => failure.SecretId ?? ''),
          errors: [...new Set(failed.map((failure) => failure.ErrorCode ?? 'Error'))],
        });
      }
      logger.debug('prefetched tagged secrets', { entry: entry.entry, loaded, failed: failed.length });
      return failed.length === 0;
    }
  }
}
