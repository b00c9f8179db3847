import { AwsServiceError } from '../../core/awsJson.js';
import { constraintViolation, type RequestMembers } from '../../core/members.js';
import type { ServiceContext } from '../../core/types.js';
import { parseNameReference } from './names.js';
import type { ParameterStore } from './store.js';

// Tags of parameters (AddTagsToResource, RemoveTagsFromResource, ListTagsForResource, PutParameter's Tags), with
// the bounds and pattern of the service model's Tag, TagKey and TagValue shapes.

/** The resource types of the tagging operations (the model's ResourceTypeForTagging). Only parameters live here. */
export const RESOURCE_TYPES = [
  'Document',
  'ManagedInstance',
  'MaintenanceWindow',
  'Parameter',
  'PatchBaseline',
  'OpsItem',
  'OpsMetadata',
  'Automation',
  'Association',
] as const;

/** AWS allows 50 tags on a parameter. */
export const MAX_TAGS_PER_RESOURCE = 50;
/** A request carries at most 1000 tags (the TagList shape). */
const MAX_TAGS_PER_REQUEST = 1000;

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_PATTERN_TEXT = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';

/** One tag as the API carries it. */
export interface SsmTag {
  readonly Key: string;
  readonly Value: string;
}

/** Reads a `Tags` list (`Key` and `Value` both required, as in SSM's Tag shape); `undefined` when absent. */
export function readTags(members: RequestMembers, member = 'Tags'): SsmTag[] | undefined {
  const list = members.optionalStructureList(member);
  if (list === undefined) return undefined;
  if (list.length > MAX_TAGS_PER_REQUEST) {
    throw constraintViolation(
      member.charAt(0).toLowerCase() + member.slice(1),
      `Member must have length less than or equal to ${MAX_TAGS_PER_REQUEST}`,
    );
  }
  return list.map((tag) => ({
    Key: checkTagText(tag, 'Key', tag.requiredString('Key', { min: 1, max: 128 })),
    Value: checkTagText(tag, 'Value', requiredValue(tag)),
  }));
}

function requiredValue(tag: RequestMembers): string {
  const value = tag.optionalString('Value', { max: 256 });
  if (value === undefined) throw tag.missing('Value');
  return value;
}

function checkTagText(tag: RequestMembers, member: 'Key' | 'Value', text: string): string {
  if (!TAG_TEXT.test(text)) {
    const path = `${tag.prefix}${member.toLowerCase()}`;
    throw constraintViolation(path, `Member must satisfy regular expression pattern: ${TAG_PATTERN_TEXT}`, `'${text}'`);
  }
  return text;
}

/** The tags of the parameter a tagging request names; any other resource is an `InvalidResourceId` here. */
function taggedParameter(members: RequestMembers, store: ParameterStore, context: ServiceContext): Map<string, string> {
  const type = members.optionalEnum('ResourceType', RESOURCE_TYPES);
  if (type === undefined) throw members.missing('ResourceType');
  const id = members.requiredString('ResourceId');
  const reference = type === 'Parameter' ? parseNameReference(id, context.region, context.accountId) : undefined;
  const parameter = reference && reference.selector === undefined ? store.get(reference.name) : undefined;
  if (!parameter) {
    throw new AwsServiceError(
      'InvalidResourceId',
      "The resource ID isn't valid. Verify that you entered the correct ID and try again.",
    );
  }
  return parameter.tags;
}

/** Adds tags to `tags` (an existing key gets the new value), refusing to go past 50. */
export function applyTags(tags: Map<string, string>, added: readonly SsmTag[]): void {
  const keys = new Set([...tags.keys(), ...added.map((tag) => tag.Key)]);
  if (keys.size > MAX_TAGS_PER_RESOURCE) {
    throw new AwsServiceError(
      'TooManyTagsError',
      `A parameter can have at most ${MAX_TAGS_PER_RESOURCE} tags. Remove one or more tags and try again.`,
    );
  }
  for (const tag of added) tags.set(tag.Key, tag.Value);
}

/** AddTagsToResource: adds or overwrites tags of a parameter. */
export function addTagsToResource(members: RequestMembers, store: ParameterStore, context: ServiceContext): unknown {
  const tags = readTags(members);
  if (tags === undefined) throw members.missing('Tags');
  applyTags(taggedParameter(members, store, context), tags);
  return {};
}

/** RemoveTagsFromResource: removes tag keys of a parameter; keys it does not have are ignored. */
export function removeTagsFromResource(
  members: RequestMembers,
  store: ParameterStore,
  context: ServiceContext,
): unknown {
  const keys = members.requiredStringList('TagKeys', {}, { min: 1, max: 128 });
  const tags = taggedParameter(members, store, context);
  for (const key of keys) tags.delete(key);
  return {};
}

/** ListTagsForResource: a parameter's tags, in the order they were first added. */
export function listTagsForResource(members: RequestMembers, store: ParameterStore, context: ServiceContext): unknown {
  const tags = taggedParameter(members, store, context);
  return { TagList: [...tags].map(([Key, Value]) => ({ Key, Value })) };
}
