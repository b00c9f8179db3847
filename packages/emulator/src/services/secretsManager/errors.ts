import { AwsServiceError } from '../../core/awsJson.js';

// Secrets Manager answers every client error with HTTP 400 (unlike moto, which uses 404 for missing resources).
// Messages follow AWS's wording where it is known; none of them ever contains a secret value.

/** The errors Secrets Manager's model defines; their message member is `Message` (AWS's front end's are `message`). */
export const MODELED_ERRORS: ReadonlySet<string> = new Set([
  'DecryptionFailure',
  'EncryptionFailure',
  'InternalServiceError',
  'InvalidNextTokenException',
  'InvalidParameterException',
  'InvalidRequestException',
  'LimitExceededException',
  'MalformedPolicyDocumentException',
  'PreconditionNotMetException',
  'PublicPolicyException',
  'ResourceExistsException',
  'ResourceNotFoundException',
]);

/** The secret does not exist (or was force-deleted). */
export function secretNotFound(): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}

/** The secret exists but has no version with the requested id or staging label. */
export function secretValueNotFound(kind: 'VersionId' | 'staging label', id: string): AwsServiceError {
  return new AwsServiceError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified secret value for ${kind}: ${id}`,
  );
}

/** The secret is scheduled for deletion; only DescribeSecret, RestoreSecret and a forced DeleteSecret still work. */
export function markedForDeletion(): AwsServiceError {
  return new AwsServiceError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );
}

/** A parameter is not valid on its own (AWS: "The parameter name or value is invalid."). */
export function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterException', message);
}

/** A parameter is not valid for the current state of the secret. */
export function invalidRequest(message: string): AwsServiceError {
  return new AwsServiceError('InvalidRequestException', message);
}

/** A secret with this name, or a version with this ClientRequestToken, already exists. */
export function resourceExists(message: string): AwsServiceError {
  return new AwsServiceError('ResourceExistsException', message);
}

export { constraintViolation, serializationError } from '../../core/members.js';
