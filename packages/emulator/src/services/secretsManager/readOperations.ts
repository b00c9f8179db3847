import { AwsServiceError } from '../../core/awsJson.js';
import { constraintViolation, invalidParameter } from './errors.js';
import { readSecretId, readVersionId, readVersionStage } from './fields.js';
import { matchesFilters, readFilters } from './filters.js';
import {
  type Input,
  memberPath,
  optionalBoolean,
  optionalInteger,
  optionalString,
  optionalStringList,
} from './input.js';
import { paginate } from './paging.js';
import { describeShape, listEntryShape, secretValueShape, versionEntryShape } from './shapes.js';
import { resolveVersion } from './stages.js';
import type { SecretStore, StoredSecret } from './store.js';

type Output = Record<string, unknown>;

/** GetSecretValue: a version by id, by staging label, or AWSCURRENT. */
export function getSecretValue(input: Input, store: SecretStore): Output {
  const secretId = readSecretId(input);
  const versionId = readVersionId(input, 'VersionId');
  const stage = readVersionStage(input);
  const secret = store.requireActive(secretId);
  const version = resolveVersion(secret, versionId, stage);
  store.markAccessed(secret, version);
  return secretValueShape(secret, version);
}

/**
 * BatchGetSecretValue: the AWSCURRENT values of up to 20 secrets, named in `SecretIdList` or chosen by `Filters`.
 * A secret that can't be read becomes an entry of `Errors`; it never fails the whole call.
 */
export function batchGetSecretValue(input: Input, store: SecretStore): Output {
  const ids = optionalStringList(input, 'SecretIdList', { min: 1, max: 20 }, { min: 1, max: 2048 });
  const filters = readFilters(input);
  const maxResults = optionalInteger(input, 'MaxResults', 1, 20);
  const nextToken = optionalString(input, 'NextToken', { min: 1, max: 4096 });
  if (ids && filters) throw invalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  if (!ids && !filters) throw invalidParameter("Either 'SecretIdList' or 'Filters' must be provided.");
  if (maxResults !== undefined && !filters) {
    throw invalidParameter("'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.");
  }
  const values: Output[] = [];
  const errors: Output[] = [];
  const read = (secretId: string, find: () => StoredSecret): void => {
    try {
      const secret = find();
      const version = resolveVersion(secret);
      store.markAccessed(secret, version);
      values.push(secretValueShape(secret, version));
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      errors.push({ SecretId: secretId, ErrorCode: error.code, Message: error.message });
    }
  };
  if (ids) {
    for (const id of ids) read(id, () => store.requireActive(id));
    return { SecretValues: values, Errors: errors };
  }
  const matching = store.list().filter((s) => s.deletedDate === undefined && matchesFilters(s, filters ?? []));
  const page = paginate(matching, maxResults ?? 20, nextToken);
  for (const secret of page.items) read(secret.name, () => secret);
  return { SecretValues: values, Errors: errors, NextToken: page.nextToken };
}

/** DescribeSecret: metadata, also of a secret scheduled for deletion (with `DeletedDate`). */
export function describeSecret(input: Input, store: SecretStore): Output {
  return describeShape(store.require(readSecretId(input)));
}

const SORT_KEYS = ['created-date', 'last-accessed-date', 'last-changed-date', 'name'] as const;
type SortKey = (typeof SORT_KEYS)[number];

/** ListSecrets: metadata of every secret (no values), filtered, sorted and paged. */
export function listSecrets(input: Input, store: SecretStore): Output {
  const includePlannedDeletion = optionalBoolean(input, 'IncludePlannedDeletion') ?? false;
  const maxResults = optionalInteger(input, 'MaxResults', 1, 100) ?? 100;
  const nextToken = optionalString(input, 'NextToken', { min: 1, max: 4096 });
  const filters = readFilters(input) ?? [];
  const sortBy = readEnum(input, 'SortBy', SORT_KEYS) ?? 'created-date';
  // AWS documents no default order; creation order (oldest first) keeps listings stable for tests.
  const descending = readEnum(input, 'SortOrder', ['asc', 'desc'] as const) === 'desc';
  const secrets = store
    .list()
    .filter((s) => includePlannedDeletion || s.deletedDate === undefined)
    .filter((s) => matchesFilters(s, filters));
  const sorted = stableSort(secrets, sortBy, descending);
  const page = paginate(sorted, maxResults, nextToken);
  return { SecretList: page.items.map(listEntryShape), NextToken: page.nextToken };
}

/** ListSecretVersionIds: the versions with labels, and with `IncludeDeprecated` those without. */
export function listSecretVersionIds(input: Input, store: SecretStore): Output {
  const secret = store.require(readSecretId(input));
  const maxResults = optionalInteger(input, 'MaxResults', 1, 100) ?? 100;
  const nextToken = optionalString(input, 'NextToken', { min: 1, max: 4096 });
  const includeDeprecated = optionalBoolean(input, 'IncludeDeprecated') ?? false;
  const versions = [...secret.versions.values()].filter((v) => includeDeprecated || v.stages.length > 0);
  const page = paginate(versions, maxResults, nextToken);
  return { Versions: page.items.map(versionEntryShape), NextToken: page.nextToken, ARN: secret.arn, Name: secret.name };
}

function readEnum<T extends string>(input: Input, member: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(input, member);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw constraintViolation(
      memberPath(member),
      `Member must satisfy enum value set: [${allowed.join(', ')}]`,
      `'${value}'`,
    );
  }
  return value as T;
}

function stableSort(secrets: StoredSecret[], key: SortKey, descending: boolean): StoredSecret[] {
  const value = (s: StoredSecret): string | number => {
    if (key === 'name') return s.name;
    if (key === 'last-accessed-date') return s.lastAccessedDate ?? 0;
    if (key === 'last-changed-date') return s.lastChangedDate;
    return s.createdDate;
  };
  const sorted = secrets
    .map((secret, index) => ({ secret, index }))
    .sort((a, b) => {
      const [x, y] = [value(a.secret), value(b.secret)];
      const order = x < y ? -1 : x > y ? 1 : 0;
      return order === 0 ? a.index - b.index : order;
    })
    .map((e) => e.secret);
  return descending ? sorted.reverse() : sorted;
}
