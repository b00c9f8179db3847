import { AwsServiceError } from '../../core/awsJson.js';
import {
  type Body,
  constraintError,
  optionalBoolean,
  optionalList,
  optionalObject,
  optionalString,
  required,
  structure,
  tableName,
  typeError,
} from './members.js';
import type { Table } from './table.js';
import type { TableStore } from './tables.js';

/** AWS's limits on tags: 50 per table, keys of 1–128 characters, values of up to 256. */
const MAX_TAGS = 50;
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/**
 * UpdateTimeToLive. The setting is kept and reported; items are never deleted for it, which AWS allows too (it
 * deletes expired items within days, and reads return them until then).
 */
export function updateTimeToLive(store: TableStore, body: Body): unknown {
  const table = store.require(tableName(body));
  const spec = required(body, 'TimeToLiveSpecification', optionalObject);
  const enabled = required(spec, 'Enabled', optionalBoolean);
  const attributeName = required(spec, 'AttributeName', optionalString);
  if (attributeName.length < 1 || attributeName.length > 255) {
    throw constraintError(
      'TimeToLiveSpecification.AttributeName',
      attributeName,
      'Member must have length between 1 and 255',
    );
  }
  if (enabled && table.timeToLive !== undefined) throw invalid('TimeToLive is already enabled');
  if (!enabled && table.timeToLive === undefined) throw invalid('TimeToLive is already disabled');
  table.timeToLive = enabled ? attributeName : undefined;
  return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } };
}

/** DescribeTimeToLive: `ENABLED` with its attribute, or `DISABLED` (changes apply at once here). */
export function describeTimeToLive(store: TableStore, body: Body): unknown {
  const { timeToLive } = store.require(tableName(body), true);
  return {
    TimeToLiveDescription:
      timeToLive === undefined
        ? { TimeToLiveStatus: 'DISABLED' }
        : { TimeToLiveStatus: 'ENABLED', AttributeName: timeToLive },
  };
}

/** Reads a `Tags` list (CreateTable's or TagResource's), checking each key and value as AWS does. */
export function tagsOf(body: Body, member = 'Tags'): Map<string, string> {
  const tags = new Map<string, string>();
  for (const raw of optionalList(body, member) ?? []) {
    const tag = structure(raw);
    const key = required(tag, 'Key', optionalString);
    const value = required(tag, 'Value', optionalString);
    if (key.length < 1 || key.length > MAX_TAG_KEY) {
      throw constraintError(`${member}.member.key`, key, `Member must have length between 1 and ${MAX_TAG_KEY}`);
    }
    if (key.startsWith('aws:')) {
      throw invalid(
        `One or more parameter values were invalid: the tag key ${key} begins with aws:, which is reserved`,
      );
    }
    if (value.length > MAX_TAG_VALUE) {
      throw constraintError(
        `${member}.member.value`,
        value,
        `Member must have length less than or equal to ${MAX_TAG_VALUE}`,
      );
    }
    tags.set(key, value);
  }
  return tags;
}

/** Refuses a table that would hold more than 50 tags. */
export function checkTagCount(count: number): void {
  if (count > MAX_TAGS)
    throw new AwsServiceError('LimitExceededException', `A table may have at most ${MAX_TAGS} tags`);
}

/** Adds tags to a table, replacing the values of keys it has; at most 50 in all. */
export function addTags(table: Table, tags: ReadonlyMap<string, string>): void {
  checkTagCount(new Set([...table.tags.keys(), ...tags.keys()]).size);
  for (const [key, value] of tags) table.tags.set(key, value);
}

/** The table a `ResourceArn` names: a table ARN of this emulator. */
function tableByArn(store: TableStore, body: Body): Table {
  const arn = required(body, 'ResourceArn', optionalString);
  if (arn.length < 1 || arn.length > 1283) {
    throw constraintError('ResourceArn', arn, 'Member must have length between 1 and 1283');
  }
  const table = store.findByArn(arn);
  if (table === undefined) {
    throw new AwsServiceError(
      'ResourceNotFoundException',
      `Requested resource not found: ResourcArn: ${arn} not found`,
    );
  }
  return table;
}

/** TagResource. */
export function tagResource(store: TableStore, body: Body): unknown {
  const table = tableByArn(store, body);
  if (body.Tags === undefined || body.Tags === null)
    throw constraintError('Tags', undefined, 'Member must not be null');
  addTags(table, tagsOf(body));
  return {};
}

/** UntagResource: removes the keys named (a key the table lacks is no error). */
export function untagResource(store: TableStore, body: Body): unknown {
  const table = tableByArn(store, body);
  const keys = required(body, 'TagKeys', optionalList);
  for (const key of keys) {
    if (typeof key !== 'string') throw typeError(key, 'String');
    table.tags.delete(key);
  }
  return {};
}

/** ListTagsOfResource: every tag, in the order they were added (at most 50, so one page). */
export function listTagsOfResource(store: TableStore, body: Body): unknown {
  const table = tableByArn(store, body);
  optionalString(body, 'NextToken');
  return { Tags: [...table.tags].map(([Key, Value]) => ({ Key, Value })) };
}

/** DescribeLimits: AWS's default account and table quotas of provisioned capacity (never enforced here). */
export function describeLimits(): unknown {
  return {
    AccountMaxReadCapacityUnits: 80_000,
    AccountMaxWriteCapacityUnits: 80_000,
    TableMaxReadCapacityUnits: 40_000,
    TableMaxWriteCapacityUnits: 40_000,
  };
}
