import {
  BatchGetSecretValueCommand,
  type BatchGetSecretValueCommandOutput,
  type Filter,
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  ListSecretsCommand,
  type ListSecretsCommandOutput,
  type SecretsManagerClient,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import {
  type BatchAnswer,
  type BatchItem,
  isTransientError,
  readBatch,
  secretRefersTo,
} from '@paramkit/parameters/engine';
import type { UpstreamOptions } from './options.js';
import { type SecretVersion, variantOf } from './secretVersion.js';
import { UpstreamReader } from './UpstreamReader.js';

const SERVICE = 'Secrets Manager';
/** Most ids one `BatchGetSecretValue` call takes. */
const MAX_BATCH_IDS = 20;

/** A cached secret: a `GetSecretValue` output, or a `BatchGetSecretValue` entry (the same members). */
export type SecretOutput = GetSecretValueCommandOutput | SecretValueEntry;

/** One id a batch read could not return, as `BatchGetSecretValue` reports it. */
export interface BatchError {
  SecretId?: string;
  ErrorCode?: string;
  Message?: string;
}

/** What `readTagged` did. */
export interface TaggedRead {
  /** Secrets read and cached. */
  readonly loaded: number;
  /** Secrets listed with the tag but not read, each with the service's error code. */
  readonly failed: readonly BatchError[];
  /** Why the listing stopped early: the cache was full, or `MAX_LIST_PAGES` pages were listed. */
  readonly truncated: 'cache' | 'listing' | undefined;
  /** Nothing was read, because the secret cache stores nothing (off, or a TTL of 0). */
  readonly skipped: boolean;
}

/** Most `ListSecrets` pages a tag prefetch reads (100 secrets each). */
export const MAX_LIST_PAGES = 100;
/** What `ListSecrets` takes in a filter value (beyond a leading `!`, which negates it), and at most how much. */
const FILTER_CHARACTERS = /^[a-zA-Z0-9 :_@/+=.-]*/;
const MAX_FILTER_LENGTH = 512;

/** The longest prefix of a tag key or value that a `ListSecrets` filter takes. */
function filterPrefix(text: string): string {
  return (FILTER_CHARACTERS.exec(text)?.[0] ?? '').slice(0, MAX_FILTER_LENGTH);
}

/** What `readBatch` returns: values in the order of the ids asked for, then the ids that failed. */
export interface BatchResult {
  values: SecretOutput[];
  errors: BatchError[];
}

/** An id `BatchGetSecretValue` listed in `Errors`: its `ErrorCode` is the name the engine's classifier reads. */
class BatchItemError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

/** Errors thrown by a whole `BatchGetSecretValue` call, as opposed to an error of one id. */
const callFailures = new WeakSet<object>();

/**
 * Whether a failed id failed with the call rather than on its own: the batch call's error, or a transient error
 * (the key backing off after a failed call, a single read it joined). Errors of one id (listed by the service,
 * not found, access denied to that secret) are reported for that id.
 */
function failedWithTheCall(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && callFailures.has(error)) return true;
  return !(error instanceof BatchItemError) && isTransientError(error);
}

/**
 * Secrets Manager behind the agent, on paramkit's cache engine: `GetSecretValue` outputs cached whole under the
 * secret id and the version asked (the current version one key, however named), coalesced, refreshed ahead of
 * expiry, served stale on transient failures and backed off; `BatchGetSecretValue` through the engine's batch
 * step, sharing the same entries.
 *
 * @example
 * ```ts
 * const secrets = new SecretReader({ client, cacheSize: 1000, ttlSeconds: 300, timeoutMs: 0, staleIfErrorSeconds: 300 });
 * const output = secrets.cached('app/db', CURRENT_VERSION) ?? (await secrets.read('app/db', CURRENT_VERSION, false));
 * ```
 */
export class SecretReader extends UpstreamReader<SecretOutput, SecretsManagerClient> {
  constructor(options: UpstreamOptions<SecretsManagerClient>) {
    super(SERVICE, options);
  }

  /**
   * The cached output when it is fresh (counted as a hit), else `undefined`; never fetches. Lets the agent answer
   * a hit without a promise, for any version; a miss then goes through `read`.
   */
  cached(secretId: string, version: SecretVersion): SecretOutput | undefined {
    return this.hit(secretId, variantOf(version));
  }

  /** The output for a secret's version, from the cache when fresh; `refresh` skips the cache and stores anew. */
  read(secretId: string, version: SecretVersion, refresh: boolean): Promise<SecretOutput> {
    const { versionId, versionStage } = version;
    return this.readThrough({
      name: secretId,
      variant: variantOf(version),
      refresh,
      fetch: () => this.#getSecretValue(secretId, versionId, versionStage),
    });
  }

  /**
   * Current versions of up to 20 secrets: cached ones from the cache, the others with one `BatchGetSecretValue`
   * (values cached for later single and batch reads). When that call fails transiently, ids with a stale value get
   * it and the others are listed in `errors`; with no value at all to answer, or a failure that will not pass
   * (access denied), or on `refresh`, the call's error is thrown.
   */
  async readBatch(ids: readonly string[], refresh: boolean): Promise<BatchResult> {
    const items = ids.map((id): BatchItem => ({ name: id, variant: '', maxAgeMs: this.ttlMs }));
    const extra: BatchResult = { values: [], errors: [] };
    const outcomes = await readBatch(this.engine, {
      items,
      maxPerCall: MAX_BATCH_IDS,
      forceFetch: refresh,
      fetch: (batch) => this.#batchGet(batch, extra),
      sourceOf: (item) => ({ fetch: () => this.#getSecretValue(item.name, undefined, undefined) }),
    });
    const values: SecretOutput[] = [];
    const errors: BatchError[] = [];
    let callFailure: unknown;
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'missing') continue;
      if (outcome.status !== 'failed') {
        values.push(outcome.value);
        continue;
      }
      const { error } = outcome;
      if (failedWithTheCall(error)) callFailure ??= error;
      const { name, message, $metadata } = (error ?? {}) as { name?: unknown; message?: unknown; $metadata?: unknown };
      // Only AWS's own words are passed on (a listed entry, a service error); any other error's text stays out.
      const fromAws = error instanceof BatchItemError || $metadata !== undefined;
      errors.push({
        SecretId: ids[index] as string,
        ErrorCode: typeof name === 'string' && name !== '' ? name : 'Error',
        Message: fromAws && typeof message === 'string' ? (message.split('\n')[0] ?? '') : '',
      });
    }
    if (callFailure !== undefined && (refresh || values.length === 0 || !isTransientError(callFailure))) {
      throw callFailure;
    }
    return { values: [...values, ...extra.values], errors: [...errors, ...extra.errors] };
  }

  /**
   * Current versions of every secret carrying the tag `key` (with exactly `value`, when given), cached as reads by
   * their names are. The names come from `ListSecrets`, whose tag filters match prefixes and take only some
   * characters: the filters carry the longest prefix they take, and the tags listed are checked again, exactly. The
   * values are read 20 at a time with `BatchGetSecretValue`, one call after another, so that a large tag set holds one
   * connection, not all of them, while requests arrive. At most as many secrets as the cache has room for are read.
   * A failed call is thrown (what was read before it stays cached); a secret the service did not return is listed.
   */
  async readTagged(key: string, value: string | undefined): Promise<TaggedRead> {
    const { maxEntries } = this.engine.options;
    if (maxEntries <= 0 || this.ttlMs <= 0) return { loaded: 0, failed: [], truncated: undefined, skipped: true };
    const room = Math.max(0, maxEntries - this.engine.stats().size);
    const filters: Filter[] = [];
    const keyPrefix = filterPrefix(key);
    if (keyPrefix !== '') filters.push({ Key: 'tag-key', Values: [keyPrefix] });
    const valuePrefix = value === undefined ? '' : filterPrefix(value);
    if (valuePrefix !== '') filters.push({ Key: 'tag-value', Values: [valuePrefix] });
    const names: string[] = [];
    let truncated: TaggedRead['truncated'];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      if (++pages > MAX_LIST_PAGES) {
        truncated = 'listing';
        break;
      }
      const page = await this.send<ListSecretsCommandOutput>(
        new ListSecretsCommand({ Filters: filters, MaxResults: 100, NextToken: nextToken }),
        this.deadline(),
      );
      for (const secret of page.SecretList ?? []) {
        const tagged = (secret.Tags ?? []).some(
          (tag) => tag.Key === key && (value === undefined || tag.Value === value),
        );
        if (!tagged || secret.Name === undefined) continue;
        if (names.length === room) {
          truncated = 'cache';
          break;
        }
        names.push(secret.Name);
      }
      nextToken = truncated === undefined ? page.NextToken : undefined;
    } while (nextToken);
    let loaded = 0;
    const failed: BatchError[] = [];
    for (let start = 0; start < names.length; start += MAX_BATCH_IDS) {
      const slice = names.slice(start, start + MAX_BATCH_IDS);
      const { values, errors } = await this.readBatch(slice, false);
      const returned = new Set(values.map((output) => output.Name));
      loaded += slice.filter((name) => returned.has(name)).length;
      const listed = new Set(errors.map((error) => error.SecretId));
      failed.push(...errors);
      for (const name of slice) {
        if (!returned.has(name) && !listed.has(name)) failed.push({ SecretId: name, ErrorCode: 'NotReturned' });
      }
    }
    return { loaded, failed, truncated, skipped: false };
  }

  #getSecretValue(
    secretId: string,
    versionId: string | undefined,
    versionStage: string | undefined,
  ): Promise<GetSecretValueCommandOutput> {
    const command = new GetSecretValueCommand({ SecretId: secretId, VersionId: versionId, VersionStage: versionStage });
    return this.send(command, this.deadline());
  }

  /** One batch call (all its pages), each entry matched to the id asked for; what matches none goes to `extra`. */
  async #batchGet(batch: BatchItem[], extra: BatchResult): Promise<Map<BatchItem, BatchAnswer<SecretOutput>>> {
    const signal = this.deadline();
    const answers = new Map<BatchItem, BatchAnswer<SecretOutput>>();
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.send<BatchGetSecretValueCommandOutput>(
          new BatchGetSecretValueCommand({ SecretIdList: batch.map((item) => item.name), NextToken: nextToken }),
          signal,
        );
        for (const entry of page.SecretValues ?? []) {
          const item = batch.find((candidate) => !answers.has(candidate) && secretRefersTo(candidate.name, entry));
          if (item === undefined) extra.values.push(entry);
          else answers.set(item, { value: entry });
        }
        for (const listed of page.Errors ?? []) {
          const item = batch.find((candidate) => candidate.name === listed.SecretId && !answers.has(candidate));
          const error = new BatchItemError(listed.ErrorCode ?? 'Error', listed.Message ?? '');
          if (item === undefined) extra.errors.push(listed);
          else answers.set(item, { error });
        }
        nextToken = page.NextToken;
      } while (nextToken);
    } catch (error) {
      if (typeof error === 'object' && error !== null) callFailures.add(error);
      throw error;
    }
    return answers;
  }
}
