import { AwsServiceError } from '../../core/awsJson.js';
import type { RequestMembers } from '../../core/members.js';
import type { ServiceContext } from '../../core/types.js';
import { LIMITS, latestVersion, PARAMETER_TYPES, type ParameterVersion, type StoredParameter } from './model.js';
import { parameterKey } from './names.js';
import { paginate } from './paging.js';
import { renderParameter } from './render.js';
import type { ParameterStore } from './store.js';

/**
 * A `ParameterFilters` entry GetParametersByPath supports. AWS's `ParameterStringFilter` documents the keys `Type`,
 * `KeyId` and `Label` for this operation, with the options `Equals` and `BeginsWith`, except that `Label` only
 * takes `Equals`.
 */
interface PathFilter {
  readonly key: 'Type' | 'KeyId' | 'Label';
  readonly option: FilterOption;
  readonly values: readonly string[];
}

type FilterOption = 'Equals' | 'BeginsWith';

const SUPPORTED_KEYS = ['Type', 'KeyId', 'Label'] as const;

/** GetParametersByPath: direct children of `Path`, or all descendants with `Recursive`, paged by name. */
export function getParametersByPath(members: RequestMembers, store: ParameterStore, context: ServiceContext): unknown {
  const path = normalizePath(members.requiredString('Path', { min: 1, max: 2048 }));
  const recursive = members.optionalBoolean('Recursive') ?? false;
  const withDecryption = members.optionalBoolean('WithDecryption') ?? false;
  const maxResults = members.optionalInteger('MaxResults', { min: 1, max: LIMITS.maxResultsByPath });
  const token = members.optionalString('NextToken');
  const filters = (members.optionalStructureList('ParameterFilters') ?? []).map(readFilter);

  const matches: { parameter: StoredParameter; version: ParameterVersion }[] = [];
  for (const parameter of store.list()) {
    if (!isUnderPath(parameterKey(parameter.name), path, recursive)) continue;
    const version = selectVersion(parameter, filters);
    if (version) matches.push({ parameter, version });
  }
  const page = paginate(matches, {
    query: JSON.stringify({ path, recursive, filters }),
    token,
    maxResults: maxResults ?? LIMITS.maxResultsByPath,
    positionOf: (match) => parameterKey(match.parameter.name),
  });
  const render = { region: context.region, accountId: context.accountId, withDecryption };
  return {
    Parameters: page.items.map((match) => renderParameter(match.parameter, match.version, render)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

/** `/app/` and `/app` are the same path; a path must be fully qualified. */
export function normalizePath(path: string): string {
  if (!path.startsWith('/') || path.includes('//') || !/^[a-zA-Z0-9_.\-/]+$/.test(path)) {
    throw new AwsServiceError(
      'ValidationException',
      `The parameter path ${path} is not valid: it must begin with a slash (/) and contain only letters, numbers, ` +
        'the symbols .-_ and sub-paths divided by a slash.',
    );
  }
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}

/**
 * Whether the parameter stored under `key` is below `path`. Top-level parameters have keys without a slash
 * (see `parameterKey`) and are the direct children of `/`.
 */
export function isUnderPath(key: string, path: string, recursive: boolean): boolean {
  if (path === '/') return recursive || !key.includes('/');
  if (!key.startsWith(`${path}/`)) return false;
  return recursive || !key.slice(path.length + 1).includes('/');
}

/**
 * The version a parameter contributes, or `undefined` when the filters exclude it. A `Label` filter selects the
 * version carrying the label (the newest, if several labels match) rather than the latest version.
 */
function selectVersion(parameter: StoredParameter, filters: readonly PathFilter[]): ParameterVersion | undefined {
  let version: ParameterVersion | undefined = latestVersion(parameter);
  const labelFilter = filters.find((filter) => filter.key === 'Label');
  if (labelFilter) {
    version = [...parameter.versions]
      .reverse()
      .find((v) => v.labels.some((label) => labelFilter.values.includes(label)));
  }
  if (!version) return undefined;
  for (const filter of filters) {
    if (filter.key === 'Type' && !matchesFilter(filter, version.type)) return undefined;
    if (filter.key === 'KeyId' && !matchesFilter(filter, version.keyId)) return undefined;
  }
  return version;
}

function matchesFilter(filter: PathFilter, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return filter.values.some((value) => (filter.option === 'Equals' ? actual === value : actual.startsWith(value)));
}

function readFilter(filter: RequestMembers): PathFilter {
  const key = filter.requiredString('Key', { min: 1, max: 132 });
  if (!(SUPPORTED_KEYS as readonly string[]).includes(key)) {
    throw new AwsServiceError(
      'InvalidFilterKey',
      `The filter key ${key} is not supported by GetParametersByPath; use one of: ${SUPPORTED_KEYS.join(', ')}.`,
    );
  }
  const option = filter.optionalString('Option') ?? 'Equals';
  const validOptions: readonly FilterOption[] = key === 'Label' ? ['Equals'] : ['BeginsWith', 'Equals'];
  if (!(validOptions as readonly string[]).includes(option)) {
    throw new AwsServiceError(
      'InvalidFilterOption',
      `The following filter option is not valid: ${option}. Valid options include: [${validOptions.join(', ')}].`,
    );
  }
  const values = filter.raw('Values') === undefined ? [] : filter.requiredStringList('Values', { max: 50 });
  if (values.length === 0) {
    throw new AwsServiceError('InvalidFilterValue', `The filter with key ${key} needs at least one value.`);
  }
  if (key === 'Type') checkTypeValues(option, values);
  return { key: key as PathFilter['key'], option: option as FilterOption, values };
}

/** The values of a `Type` filter: a `BeginsWith` value is a prefix, so only `Equals` values must be whole type names. */
export function checkTypeValues(option: string, values: readonly string[]): void {
  if (option !== 'Equals') return;
  const invalid = values.find((value) => !(PARAMETER_TYPES as readonly string[]).includes(value));
  if (invalid !== undefined) {
    throw new AwsServiceError(
      'InvalidFilterValue',
      `The filter value ${invalid} is not valid for key Type. Valid values are: ${PARAMETER_TYPES.join(', ')}.`,
    );
  }
}
