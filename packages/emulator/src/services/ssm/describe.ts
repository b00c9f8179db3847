import { AwsServiceError } from '../../core/awsJson.js';
import { constraintViolation, type RequestMembers } from '../../core/members.js';
import type { ServiceContext } from '../../core/types.js';
import { checkTypeValues, isUnderPath, normalizePath } from './byPath.js';
import { LIMITS, latestVersion, PARAMETER_TIERS, type StoredParameter } from './model.js';
import { parameterArn, parameterKey } from './names.js';
import { paginate } from './paging.js';
import type { ParameterStore } from './store.js';

// DescribeParameters: the metadata of every parameter (never a value), narrowed by the `ParameterStringFilter`s of
// AWS's reference (`Name`, `Type`, `KeyId`, `Path`, `Tier`, `DataType`, `tag:<key>`) or by the deprecated
// `ParametersFilter`s (`Name`, `Type`, `KeyId`), never both.

/** One filter, checked: a parameter must match every filter of the request, and any one value of each. */
interface DescribeFilter {
  readonly key: string;
  readonly option: string;
  readonly values: readonly string[];
}

const KEY_PATTERN = 'tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType';
const KEY_REGEX = new RegExp(`^(${KEY_PATTERN})$`);
const LEGACY_KEYS = ['Name', 'Type', 'KeyId'] as const;
/** The options each key takes; a `tag:` key takes those of `Type`. */
const OPTIONS_BY_KEY: Readonly<Record<string, readonly string[]>> = {
  Name: ['BeginsWith', 'Equals', 'Contains'],
  Path: ['Recursive', 'OneLevel'],
  Type: ['BeginsWith', 'Equals'],
  KeyId: ['BeginsWith', 'Equals'],
  Tier: ['BeginsWith', 'Equals'],
  DataType: ['BeginsWith', 'Equals'],
};
const DESCRIBE_KEYS = ['Path', 'Name', 'Type', 'KeyId', 'Tier', 'DataType'];
const FILTER_VALUE = { min: 1, max: 1024 };
const FILTER_VALUES = { min: 1, max: 50 };

/** DescribeParameters: metadata of the parameters that match, ordered by name and paged (`MaxResults` 1–50, 10 by default). */
export function describeParameters(members: RequestMembers, store: ParameterStore, context: ServiceContext): unknown {
  const legacy = members.optionalStructureList('Filters');
  const stringFilters = members.optionalStructureList('ParameterFilters');
  const maxResults = members.optionalInteger('MaxResults', { min: 1, max: LIMITS.maxResultsDescribe });
  const token = members.optionalString('NextToken');
  const shared = members.optionalBoolean('Shared') ?? false;
  if (legacy !== undefined && stringFilters !== undefined && legacy.length > 0 && stringFilters.length > 0) {
    throw new AwsServiceError(
      'ValidationException',
      'You can use either Filters or ParameterFilters in a single request.',
    );
  }
  const filters = legacy?.length ? legacy.map(readLegacyFilter) : readStringFilters(stringFilters ?? []);
  // Parameters shared from other accounts through Resource Access Manager: there are none here.
  const found = shared
    ? []
    : store.list().filter((parameter) => filters.every((filter) => matchesFilter(parameter, filter)));
  const page = paginate(found, {
    query: JSON.stringify({ describe: filters, shared }),
    token,
    maxResults: maxResults ?? LIMITS.maxResultsDescribeDefault,
    positionOf: (parameter) => parameterKey(parameter.name),
  });
  return {
    Parameters: page.items.map((parameter) => metadataOf(parameter, context)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

/** The `ParameterMetadata` of a parameter's latest version. */
function metadataOf(parameter: StoredParameter, context: ServiceContext): Record<string, unknown> {
  const version = latestVersion(parameter);
  return {
    Name: parameter.name,
    ARN: parameterArn(context.region, context.accountId, parameter.name),
    Type: version.type,
    ...(version.keyId === undefined ? {} : { KeyId: version.keyId }),
    LastModifiedDate: version.lastModified / 1000,
    LastModifiedUser: `arn:aws:iam::${context.accountId}:user/paramkit-emulator`,
    ...(version.description === undefined ? {} : { Description: version.description }),
    ...(version.allowedPattern === undefined ? {} : { AllowedPattern: version.allowedPattern }),
    Version: version.version,
    Tier: version.tier,
    Policies: [],
    DataType: version.dataType,
  };
}

/** A deprecated `ParametersFilter`: `Name` matches names that begin with a value, `Type` and `KeyId` equal ones. */
function readLegacyFilter(filter: RequestMembers): DescribeFilter {
  const key = filter.requiredString('Key');
  if (!(LEGACY_KEYS as readonly string[]).includes(key)) {
    throw constraintViolation(
      `${filter.prefix}key`,
      `Member must satisfy enum value set: [${LEGACY_KEYS.join(', ')}]`,
      `'${key}'`,
    );
  }
  const values = filter.requiredStringList('Values', FILTER_VALUES, FILTER_VALUE);
  return { key, option: key === 'Name' ? 'BeginsWith' : 'Equals', values };
}

/** The model's checks of each `ParameterStringFilter` first (AWS validates the whole request), then the service's. */
function readStringFilters(list: readonly RequestMembers[]): DescribeFilter[] {
  const read = list.map((filter) => {
    const key = filter.requiredString('Key', { min: 1, max: 132 });
    if (!KEY_REGEX.test(key)) {
      throw constraintViolation(
        `${filter.prefix}key`,
        `Member must satisfy regular expression pattern: ${KEY_PATTERN}`,
        `'${key}'`,
      );
    }
    const option = filter.optionalString('Option', { min: 1, max: 10 });
    const values = filter.optionalStringList('Values', FILTER_VALUES, FILTER_VALUE) ?? [];
    return { key, option, values };
  });
  const seen = new Set<string>();
  return read.map(({ key, option, values }) => {
    if (key === 'Label') {
      throw new AwsServiceError(
        'InvalidFilterKey',
        `The following filter key is not valid: Label. Valid filter keys include: [${DESCRIBE_KEYS.join(', ')}].`,
      );
    }
    if (seen.has(key)) {
      throw new AwsServiceError(
        'InvalidFilterKey',
        `The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`,
      );
    }
    seen.add(key);
    const isTag = key.startsWith('tag:');
    // A tag filter without values matches the parameters that carry the tag at all.
    if (!isTag && values.length === 0) {
      throw new AwsServiceError(
        'InvalidFilterValue',
        `The following filter values are missing : null for filter key ${key}.`,
      );
    }
    const valid = OPTIONS_BY_KEY[isTag ? 'Type' : key] ?? [];
    const chosen = option ?? (key === 'Path' ? 'OneLevel' : 'Equals');
    if (!valid.includes(chosen)) {
      throw new AwsServiceError(
        'InvalidFilterOption',
        `The following filter option is not valid: ${chosen}. Valid options include: [${valid.join(', ')}].`,
      );
    }
    checkValues(key, chosen, values);
    // Paths are matched in their normal form (`/app/` is `/app`), worked out once here rather than per parameter.
    return { key, option: chosen, values: key === 'Path' ? values.map(normalizePath) : values };
  });
}

function checkValues(key: string, option: string, values: readonly string[]): void {
  if (key === 'Path') {
    for (const value of values) {
      if (/^\/?(aws|ssm)/i.test(value)) {
        throw new AwsServiceError(
          'ValidationException',
          'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). ' +
            'When using global parameters, please specify within a global namespace.',
        );
      }
      normalizePath(value);
    }
  }
  if (key === 'Tier') {
    const invalid = values.find((value) => !(PARAMETER_TIERS as readonly string[]).includes(value));
    if (invalid !== undefined) {
      // AWS names the value's error after the option here.
      throw new AwsServiceError(
        'InvalidFilterOption',
        `The following filter value is not valid: ${invalid}. Valid values include: [${PARAMETER_TIERS.join(', ')}].`,
      );
    }
  }
  if (key === 'Type') checkTypeValues(option, values);
}

/** A name with its leading slash: `db` and `/db` are one parameter, and filters compare them as `/db`. */
function slashed(name: string): string {
  return name.startsWith('/') ? name : `/${name}`;
}

function matchesFilter(parameter: StoredParameter, filter: DescribeFilter): boolean {
  const version = latestVersion(parameter);
  const { key, option, values } = filter;
  if (key === 'Path') {
    const itemKey = parameterKey(parameter.name);
    return values.some((path) => isUnderPath(itemKey, path, option === 'Recursive'));
  }
  let actual: string | undefined;
  if (key === 'Name') actual = slashed(parameter.name);
  else if (key === 'Type') actual = version.type;
  else if (key === 'KeyId') actual = version.keyId;
  else if (key === 'Tier') actual = version.tier;
  else if (key === 'DataType') actual = version.dataType;
  else {
    actual = parameter.tags.get(key.slice('tag:'.length));
    if (actual !== undefined && values.length === 0) return true;
  }
  if (actual === undefined) return false;
  const seen = actual;
  return values.some((raw) => {
    const value = key === 'Name' && option !== 'Contains' ? slashed(raw) : raw;
    if (option === 'Equals') return seen === value;
    if (option === 'BeginsWith') return seen.startsWith(value);
    return seen.includes(value);
  });
}
