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

/** AWS takes one change of time to live an hour: a second one within the hour is refused. */
const TTL_CHANGE_INTERVAL_MS = 60 * 60 * 1000;

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
      'timeToLiveSpecification.attributeName',
      attributeName,
      'Member must have length between 1 and 255',
    );
  }
  const current = table.timeToLive;
  if (current !== undefined && current !== attributeName) {
    throw invalid(`TimeToLive is active on a different AttributeName: current AttributeName is ${current}`);
  }
  if (enabled && current !== undefined) throw invalid('TimeToLive is already enabled');
  if (!enabled && current === undefined) throw invalid('TimeToLive is already disabled');
  const now = store.now();
  const last = table.timeToLiveChangedAt;
  if (last !== undefined && now - last < TTL_CHANGE_INTERVAL_MS) {
    throw invalid('Time to live has been modified multiple times within a fixed interval');
  }
  table.timeToLive = enabled ? attributeName : undefined;
  table.timeToLiveChangedAt = now;
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

/** What a tag key or value may hold: letters, digits, spaces and `_.:/=+-@` (AWS's tagging rules). */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Reads a `Tags` list (CreateTable's or TagResource's), checking each key and value as AWS does. */
export function tagsOf(body: Body, member = 'Tags'): Map<string, string> {
  const tags = new Map<string, string>();
  for (const raw of optionalList(body, member) ?? []) {
    const tag = structure(raw);
    const key = required(tag, 'Key', optionalString);
    const value = required(tag, 'Value', optionalString);
    if (key.length < 1 || key.length > MAX_TAG_KEY || !TAG_TEXT.test(key)) {
      throw invalid(`The Tag Key provided is invalid, Key: ${key}`);
    }
    if (key.startsWith('aws:')) throw invalid(`Tag Key cannot be prefixed with aws:, Key: ${key}`);
    if (value.length > MAX_TAG_VALUE || !TAG_TEXT.test(value)) {
      throw invalid(`The Tag Value provided is invalid, Value: ${value}`);
    }
    if (tags.has(key)) throw invalid(`Duplicate Tag Keys provided as input: Duplicate Tag Key found ${key}`);
    tags.set(key, value);
  }
  return tags;
}

/** Refuses a table that would hold more than 50 tags (or a request naming more than 50). */
export function checkTagCount(count: number): void {
  if (count > MAX_TAGS) throw invalid('Number of Tags exceed the current limit for the provided ResourceArn');
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
  const tags = tagsOf(body);
  if (tags.size === 0) throw invalid('Atleast one Tag needs to be provided as Input.');
  addTags(table, tags);
  return {};
}

/** UntagResource: removes the keys named (a key the table lacks is no error). */
export function untagResource(store: TableStore, body: Body): unknown {
  const table = tableByArn(store, body);
  const keys = required(body, 'TagKeys', optionalList);
  if (keys.length === 0) throw invalid('Atleast one Tag Key needs to be provided as Input.');
  checkTagCount(keys.length);
  for (const key of keys) if (typeof key !== 'string') throw typeError(key, 'String');
  for (const key of keys as string[]) table.tags.delete(key);
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
