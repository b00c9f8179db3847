import { AwsServiceError } from '../../core/awsJson.js';
import { RequestMembers } from '../../core/members.js';
import { invalidParameter } from './errors.js';
import { checkLength, type Input, optionalString, optionalStringList, requireString } from './input.js';

// Readers for the members Secrets Manager operations share, with the bounds of the service model
// (botocore/data/secretsmanager/2017-10-17/service-2.json).

const NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]+$/;

/** A tag as the API carries it. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** `SecretId`: a name, a full ARN or a partial ARN (1..2048 characters). */
export function readSecretId(input: Input): string {
  return requireString(input, 'SecretId', { min: 1, max: 2048 });
}

/** `Name` of a new secret: 1..512 characters of ASCII letters, digits and `/_+=.@-`. */
export function readName(input: Input): string {
  const name = requireString(input, 'Name', { min: 1, max: 512 });
  checkSecretName(name);
  return name;
}

/** Checks the characters of a secret name (shared with the programmatic API and seeds). */
export function checkSecretName(name: string): void {
  checkLength('name', name.length, { min: 1, max: 512 }, `'${name}'`);
  if (!NAME_PATTERN.test(name)) {
    throw new AwsServiceError(
      'ValidationException',
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@',
    );
  }
}

/** `ClientRequestToken`, which becomes the new version's id (32..64 characters). */
export function readClientRequestToken(input: Input): string | undefined {
  return optionalString(input, 'ClientRequestToken', { min: 32, max: 64 });
}

/** A version id member (`VersionId`, `MoveToVersionId`, `RemoveFromVersionId`; 32..64 characters). */
export function readVersionId(input: Input, member: string): string | undefined {
  return optionalString(input, member, { min: 32, max: 64 });
}

/** `VersionStage`: one staging label (1..256 characters). */
export function readVersionStage(input: Input, required: true): string;
export function readVersionStage(input: Input, required?: false): string | undefined;
export function readVersionStage(input: Input, required = false): string | undefined {
  return required
    ? requireString(input, 'VersionStage', { min: 1, max: 256 })
    : optionalString(input, 'VersionStage', { min: 1, max: 256 });
}

/** `VersionStages`: 1..20 staging labels. */
export function readVersionStages(input: Input): string[] | undefined {
  return optionalStringList(input, 'VersionStages', { min: 1, max: 20 }, { min: 1, max: 256 });
}

/** `Description` (up to 2048 characters). */
export function readDescription(input: Input): string | undefined {
  return optionalString(input, 'Description', { max: 2048 });
}

/** `KmsKeyId` (up to 2048 characters); the emulator stores it but encrypts nothing. */
export function readKmsKeyId(input: Input): string | undefined {
  return optionalString(input, 'KmsKeyId', { max: 2048 });
}

/** AWS's quota of tags on one secret (TagResource's documentation); keys starting with `aws:` do not count. */
const MAX_TAGS_PER_SECRET = 50;

/**
 * Refuses the tags a secret would have when they pass the quota. AWS documents the quota but not its error; this
 * is the parameter error that both CreateSecret and TagResource model.
 */
export function checkTagCount(tags: readonly Tag[]): void {
  const counted = new Set(tags.map((tag) => tag.Key).filter((key) => !key.startsWith('aws:'))).size;
  if (counted > MAX_TAGS_PER_SECRET) {
    throw invalidParameter(
      `A secret can have at most ${MAX_TAGS_PER_SECRET} tags (keys starting with aws: excepted); these would be ${counted}.`,
    );
  }
}

/** `Tags`: a list of `{ Key, Value }` (required for TagResource). */
export function readTags(input: Input, required: true): Tag[];
export function readTags(input: Input, required?: false): Tag[] | undefined;
export function readTags(input: Input, required = false): Tag[] | undefined {
  const members = new RequestMembers(input);
  const list = members.optionalStructureList('Tags');
  if (list === undefined && required) throw members.missing('Tags');
  return list?.map((tag) => ({
    Key: tag.requiredString('Key', { min: 1, max: 128 }),
    Value: tag.optionalString('Value', { max: 256 }) ?? '',
  }));
}
