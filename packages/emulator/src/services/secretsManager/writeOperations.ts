import { RequestMembers } from '../../core/members.js';
import { invalidParameter, invalidRequest, markedForDeletion, secretNotFound } from './errors.js';
import {
  readClientRequestToken,
  readDescription,
  readKmsKeyId,
  readName,
  readSecretId,
  readTags,
  readVersionId,
  readVersionStage,
  readVersionStages,
} from './fields.js';
import { type Input, optionalBoolean } from './input.js';
import { epochSeconds } from './shapes.js';
import { moveStage } from './stages.js';
import type { SecretStore } from './store.js';
import { readSecretValue } from './values.js';

type Output = Record<string, unknown>;

/** CreateSecret: a new secret, with a first version when a value is given. */
export function createSecret(input: Input, store: SecretStore): Output {
  const name = readName(input);
  const versionId = readClientRequestToken(input);
  const description = readDescription(input);
  const kmsKeyId = readKmsKeyId(input);
  const tags = readTags(input);
  const value = readSecretValue(input);
  const { secret, version } = store.create({ name, value, versionId, description, kmsKeyId, tags });
  return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
}

/** PutSecretValue: a new version, labelled `VersionStages` (default AWSCURRENT). */
export function putSecretValue(input: Input, store: SecretStore): Output {
  const secretId = readSecretId(input);
  const versionId = readClientRequestToken(input);
  const stages = readVersionStages(input);
  const value = readSecretValue(input);
  // moto answers a missing value with InvalidRequestException; AWS documents only that one of the two is required.
  if (!value) throw invalidRequest('You must provide either SecretString or SecretBinary.');
  const secret = store.requireActive(secretId);
  const { version } = store.putValue(secret, value, versionId, stages);
  return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: [...version.stages] };
}

/** UpdateSecret: new description or KMS key, and a new AWSCURRENT version when a value is given. */
export function updateSecret(input: Input, store: SecretStore): Output {
  const secretId = readSecretId(input);
  const versionId = readClientRequestToken(input);
  const description = readDescription(input);
  const kmsKeyId = readKmsKeyId(input);
  const value = readSecretValue(input);
  const secret = store.requireActive(secretId);
  if (description !== undefined) secret.description = description;
  if (kmsKeyId !== undefined) secret.kmsKeyId = kmsKeyId;
  secret.lastChangedDate = store.now();
  const version = value ? store.putValue(secret, value, versionId).version : undefined;
  return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
}

/** UpdateSecretVersionStage: moves or removes one staging label. */
export function updateSecretVersionStage(input: Input, store: SecretStore): Output {
  const secretId = readSecretId(input);
  const stage = readVersionStage(input, true);
  const removeFromVersionId = readVersionId(input, 'RemoveFromVersionId');
  const moveToVersionId = readVersionId(input, 'MoveToVersionId');
  const secret = store.requireActive(secretId);
  moveStage(secret, { stage, moveToVersionId, removeFromVersionId });
  secret.lastChangedDate = store.now();
  return { ARN: secret.arn, Name: secret.name };
}

/**
 * DeleteSecret: schedules deletion after a 7..30 day recovery window (default 30), or with
 * ForceDeleteWithoutRecovery removes the secret at once.
 */
export function deleteSecret(input: Input, store: SecretStore): Output {
  const secretId = readSecretId(input);
  const window = readRecoveryWindow(input);
  const force = optionalBoolean(input, 'ForceDeleteWithoutRecovery') ?? false;
  // AWS checks the window's range before the combination (RecoveryWindowInDays=0 with force is a range error).
  if (window !== undefined && (window < 7 || window > 30)) {
    throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  if (window !== undefined && force) {
    throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  const secret = store.find(secretId);
  if (!secret) {
    // A forced delete of an unknown secret succeeds, as in AWS (and moto): the caller's goal, no secret, holds.
    if (force) return { ARN: store.arnFor(secretId), Name: secretId, DeletionDate: epochSeconds(store.now()) };
    throw secretNotFound();
  }
  if (force) {
    store.remove(secret);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: epochSeconds(store.now()) };
  }
  if (secret.deletedDate !== undefined) throw markedForDeletion();
  store.scheduleDeletion(secret, window ?? 30);
  return { ARN: secret.arn, Name: secret.name, DeletionDate: epochSeconds(secret.deletionDate ?? store.now()) };
}

/** RestoreSecret: cancels a scheduled deletion. */
export function restoreSecret(input: Input, store: SecretStore): Output {
  const secret = store.require(readSecretId(input));
  store.restore(secret);
  return { ARN: secret.arn, Name: secret.name };
}

/** `RecoveryWindowInDays` is an unbounded long in the model; the service checks its range. */
function readRecoveryWindow(input: Input): number | undefined {
  return new RequestMembers(input).optionalInteger('RecoveryWindowInDays', {}, 'Long');
}
