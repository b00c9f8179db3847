import { RequestMembers } from '../../core/members.js';
import { invalidParameter } from './errors.js';
import { readClientRequestToken, readSecretId } from './fields.js';
import type { Input } from './input.js';
import { newRotationState, type RotationState, reschedule, rotateNow } from './rotation.js';
import { readRotationRules } from './rotationSchedule.js';
import { versionWithStage } from './stages.js';
import type { SecretStore } from './store.js';

type Output = Record<string, unknown>;

/**
 * RotateSecret: stores `RotationRules` (and `RotationLambdaARN`, which is reported but never called) and, unless
 * `RotateImmediately` is false, rotates at once: the store's rotation hook makes the new AWSCURRENT version and the
 * old one becomes AWSPREVIOUS. Without rules (given now or earlier) it is a one-off rotation and rotation stays
 * disabled. Repeating a call with the same `ClientRequestToken` does not rotate twice.
 */
export function rotateSecret(input: Input, store: SecretStore): Output {
  const members = new RequestMembers(input);
  const secretId = readSecretId(input);
  const token = readClientRequestToken(input);
  const lambdaArn = members.optionalString('RotationLambdaARN', { max: 2048 });
  const rules = readRotationRules(members);
  const immediately = members.optionalBoolean('RotateImmediately') ?? true;
  const secret = store.requireActive(secretId);
  if (token !== undefined && secret.versions.has(token)) {
    return { ARN: secret.arn, Name: secret.name, VersionId: token };
  }
  const state: RotationState = secret.rotation ?? newRotationState();
  const effectiveRules = rules ?? state.rules;
  if (!immediately && effectiveRules === undefined) {
    throw invalidParameter('RotateImmediately is false, so RotationRules must give a schedule (now or earlier).');
  }
  state.rules = effectiveRules;
  state.enabled = effectiveRules !== undefined;
  if (lambdaArn !== undefined) state.lambdaArn = lambdaArn;
  secret.rotation = state;
  secret.lastChangedDate = store.now();
  if (!immediately) {
    reschedule(state, state.lastRotatedDate ?? store.now());
    return { ARN: secret.arn, Name: secret.name };
  }
  const version = rotateNow(store, secret, store.rotate, token);
  return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId };
}

/**
 * CancelRotateSecret: turns automatic rotation off (`RotationEnabled: false`, no `NextRotationDate`); the rules
 * stay, so a later RotateSecret without rules uses them. A version left with AWSPENDING (one a test put to
 * simulate a rotation in progress) keeps its label, as in AWS, and its id is returned.
 */
export function cancelRotateSecret(input: Input, store: SecretStore): Output {
  const secret = store.requireActive(readSecretId(input));
  if (secret.rotation) {
    secret.rotation.enabled = false;
    reschedule(secret.rotation, store.now());
  }
  secret.lastChangedDate = store.now();
  const pending = versionWithStage(secret, 'AWSPENDING');
  const inProgress = pending && !pending.stages.includes('AWSCURRENT') ? pending.versionId : undefined;
  return { ARN: secret.arn, Name: secret.name, VersionId: inProgress };
}
