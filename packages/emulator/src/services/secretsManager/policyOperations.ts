import { AwsServiceError } from '../../core/awsJson.js';
import { readSecretId } from './fields.js';
import { optionalBoolean, requireString } from './input.js';
import type { SecretStore } from './store.js';

// PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy. The policy is kept as sent and never enforced:
// the emulator has no identities to evaluate it against.

type Output = Record<string, unknown>;

/** AWS's limit on a resource policy's length, in characters. */
const MAX_POLICY_LENGTH = 20_480;

/** Whether a statement allows everyone: an `Allow` whose principal is `*` (or `{ "AWS": "*" }`) with no condition. */
function grantsPublicAccess(statement: unknown): boolean {
  if (statement === null || typeof statement !== 'object') return false;
  const { Effect, Principal, Condition } = statement as Record<string, unknown>;
  if (Effect !== 'Allow' || Condition !== undefined) return false;
  if (Principal === '*') return true;
  const aws = (Principal as { AWS?: unknown } | undefined)?.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/** The policy document, checked for JSON syntax and, with `BlockPublicPolicy`, for broad access. */
function readPolicy(input: Record<string, unknown>): string {
  const policy = requireString(input, 'ResourcePolicy', { min: 1, max: MAX_POLICY_LENGTH });
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    throw new AwsServiceError('MalformedPolicyDocumentException', 'The resource policy has syntax errors.');
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new AwsServiceError('MalformedPolicyDocumentException', 'The resource policy has syntax errors.');
  }
  if (optionalBoolean(input, 'BlockPublicPolicy') === true) {
    const { Statement } = document as { Statement?: unknown };
    const statements = Array.isArray(Statement) ? Statement : [Statement];
    if (statements.some(grantsPublicAccess)) {
      throw new AwsServiceError(
        'PublicPolicyException',
        'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.',
      );
    }
  }
  return policy;
}

/** PutResourcePolicy: attaches (or replaces) the secret's resource policy. */
export function putResourcePolicy(input: Record<string, unknown>, store: SecretStore): Output {
  const secretId = readSecretId(input);
  const policy = readPolicy(input);
  const secret = store.requireActive(secretId);
  secret.policy = policy;
  return { ARN: secret.arn, Name: secret.name };
}

/** GetResourcePolicy: the policy as it was put, absent when there is none. */
export function getResourcePolicy(input: Record<string, unknown>, store: SecretStore): Output {
  const secret = store.require(readSecretId(input));
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.policy === undefined ? {} : { ResourcePolicy: secret.policy }),
  };
}

/** DeleteResourcePolicy: removes the policy; a secret without one is no error. */
export function deleteResourcePolicy(input: Record<string, unknown>, store: SecretStore): Output {
  const secret = store.requireActive(readSecretId(input));
  secret.policy = undefined;
  return { ARN: secret.arn, Name: secret.name };
}
