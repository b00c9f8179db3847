import { invalidParameter, invalidRequest, secretValueNotFound } from './errors.js';
import type { SecretVersion, StoredSecret } from './store.js';

// Staging labels: each label is attached to at most one version of a secret. AWSCURRENT marks the value clients
// read by default; whenever it moves, the version it leaves gets AWSPREVIOUS. AWSPENDING marks a rotation's
// candidate and leaves AWSCURRENT alone.

/** The version a label is attached to, if any. */
export function versionWithStage(secret: StoredSecret, stage: string): SecretVersion | undefined {
  for (const version of secret.versions.values()) if (version.stages.includes(stage)) return version;
  return undefined;
}

/** Moves `stage` onto `target`, taking it from whichever version held it. */
export function attachStage(secret: StoredSecret, stage: string, target: SecretVersion): void {
  const holder = versionWithStage(secret, stage);
  if (holder === target) return;
  if (holder) removeStage(holder, stage);
  target.stages.push(stage);
  if (stage === 'AWSCURRENT' && holder) {
    const previous = versionWithStage(secret, 'AWSPREVIOUS');
    if (previous) removeStage(previous, 'AWSPREVIOUS');
    holder.stages.push('AWSPREVIOUS');
  }
}

function removeStage(version: SecretVersion, stage: string): void {
  const index = version.stages.indexOf(stage);
  if (index >= 0) version.stages.splice(index, 1);
}

/** What UpdateSecretVersionStage asks for. */
export interface StageMove {
  readonly stage: string;
  readonly moveToVersionId?: string | undefined;
  readonly removeFromVersionId?: string | undefined;
}

/**
 * Applies UpdateSecretVersionStage with AWS's checks: a label attached to another version can only be moved when
 * that version is named in `RemoveFromVersionId`, and AWSCURRENT can be moved but never just removed.
 */
export function moveStage(secret: StoredSecret, move: StageMove): void {
  const { stage, moveToVersionId, removeFromVersionId } = move;
  const holder = versionWithStage(secret, stage);
  const source = removeFromVersionId === undefined ? undefined : knownVersion(secret, removeFromVersionId);
  if (source && !source.stages.includes(stage)) {
    throw invalidParameter(
      `The staging label ${stage} is not attached to version ${source.versionId}, so you can't remove it from that version.`,
    );
  }
  if (moveToVersionId !== undefined) {
    const target = knownVersion(secret, moveToVersionId);
    if (holder && holder !== target && holder !== source) {
      throw invalidParameter(
        `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
      );
    }
    attachStage(secret, stage, target);
    return;
  }
  if (!source) throw invalidParameter('You must specify MoveToVersionId, RemoveFromVersionId, or both.');
  if (stage === 'AWSCURRENT') {
    throw invalidParameter(
      "You can't remove the staging label AWSCURRENT without moving it: specify MoveToVersionId as well.",
    );
  }
  removeStage(source, stage);
}

function knownVersion(secret: StoredSecret, versionId: string): SecretVersion {
  const version = secret.versions.get(versionId);
  // moto answers an unknown version here with InvalidParameterException too; AWS documents no other error for it.
  if (!version) throw invalidParameter(`Secrets Manager can't find the specified version ${versionId} of the secret.`);
  return version;
}

/**
 * The version GetSecretValue reads: by id, by label, or AWSCURRENT. An id and a label that disagree are an
 * InvalidRequestException, as in AWS.
 */
export function resolveVersion(secret: StoredSecret, versionId?: string, stage?: string): SecretVersion {
  if (versionId !== undefined) {
    const version = secret.versions.get(versionId);
    if (!version) throw secretValueNotFound('VersionId', versionId);
    if (stage !== undefined && !version.stages.includes(stage)) {
      throw invalidRequest('You provided a VersionStage that is not associated to the provided VersionId.');
    }
    return version;
  }
  const label = stage ?? 'AWSCURRENT';
  const version = versionWithStage(secret, label);
  if (!version) throw secretValueNotFound('staging label', label);
  return version;
}
