import type { SecretVersion, StoredSecret } from './store.js';
import { valueMembers } from './values.js';

// Response shapes, with the member names of the SDK model. JSON timestamps are epoch seconds (fractions allowed);
// optional members are left out rather than sent as null, as AWS does.

/** Epoch seconds from epoch milliseconds. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

function optionalDate(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : epochSeconds(ms);
}

/** `GetSecretValueResponse` and `SecretValueEntry` (BatchGetSecretValue), as JSON. */
export type SecretValueEntry = {
  readonly ARN: string;
  readonly Name: string;
  readonly VersionId: string;
  readonly SecretString?: string;
  readonly SecretBinary?: string;
  readonly VersionStages: readonly string[];
  readonly CreatedDate: number;
};

/** `GetSecretValueResponse` and `SecretValueEntry` (BatchGetSecretValue). */
export function secretValueShape(secret: StoredSecret, version: SecretVersion): SecretValueEntry {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    ...valueMembers(version.value),
    VersionStages: [...version.stages],
    CreatedDate: epochSeconds(version.createdDate),
  };
}

/** Labels per version, leaving out deprecated versions (no labels), as AWS does. */
function versionsToStages(secret: StoredSecret): Record<string, string[]> | undefined {
  const entries = [...secret.versions.values()].filter((v) => v.stages.length > 0);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map((v) => [v.versionId, [...v.stages]]));
}

/** The rotation members; none at all for a secret never configured for rotation, as AWS sends none. */
function rotationShape(secret: StoredSecret): Record<string, unknown> {
  const state = secret.rotation;
  if (!state) return {};
  return {
    RotationEnabled: state.enabled,
    RotationLambdaARN: state.lambdaArn,
    RotationRules: state.rules?.rules,
    LastRotatedDate: optionalDate(state.lastRotatedDate),
    NextRotationDate: optionalDate(state.nextRotationDate),
  };
}

/** Members DescribeSecret and ListSecrets share. */
function metadataShape(secret: StoredSecret): Record<string, unknown> {
  return {
    ...rotationShape(secret),
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    KmsKeyId: secret.kmsKeyId,
    LastChangedDate: epochSeconds(secret.lastChangedDate),
    LastAccessedDate: optionalDate(secret.lastAccessedDate),
    DeletedDate: optionalDate(secret.deletedDate),
    Tags: secret.tags?.map((t) => ({ Key: t.Key, Value: t.Value })),
    CreatedDate: epochSeconds(secret.createdDate),
  };
}

/**
 * `DescribeSecretResponse`. `RotationEnabled` is left out for a secret never configured for rotation, as AWS
 * leaves it out.
 */
export function describeShape(secret: StoredSecret): Record<string, unknown> {
  return { ...metadataShape(secret), VersionIdsToStages: versionsToStages(secret) };
}

/** `SecretListEntry` (ListSecrets). */
export function listEntryShape(secret: StoredSecret): Record<string, unknown> {
  return { ...metadataShape(secret), SecretVersionsToStages: versionsToStages(secret) };
}

/** `SecretVersionsListEntry` (ListSecretVersionIds). */
export function versionEntryShape(version: SecretVersion): Record<string, unknown> {
  return {
    VersionId: version.versionId,
    VersionStages: [...version.stages],
    LastAccessedDate: optionalDate(version.lastAccessedDate),
    CreatedDate: epochSeconds(version.createdDate),
  };
}
