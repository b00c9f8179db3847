import { AwsServiceError } from '../../core/awsJson.js';
import type { SecretValueEntry } from '../secretsManager/shapes.js';

/** The reserved path under which Parameter Store serves Secrets Manager secrets. */
export const SECRETS_REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

/** A secret version as Secrets Manager's GetSecretValue answers it (JSON: dates in epoch seconds). */
export type ReferencedSecretValue = SecretValueEntry;

/** Where Parameter Store reads referenced secrets: the emulator's Secrets Manager. */
export interface SecretsSource {
  /**
   * The version `selector` names (a version id or a staging label; AWSCURRENT when omitted). Throws the
   * `AwsServiceError` GetSecretValue would.
   */
  readForReference(secretId: string, selector?: string): ReferencedSecretValue;
}

/** Whether a requested name is a Secrets Manager reference. */
export function isSecretsReference(name: string): boolean {
  return name.startsWith(SECRETS_REFERENCE_PREFIX);
}

/**
 * Answers GetParameter for `/aws/reference/secretsmanager/<secret>[:<version id or label>]` the way the Parameter
 * Store user guide documents it: a `SecureString` at version 0 whose value is the secret's, `SourceResult` holding
 * Secrets Manager's GetSecretValue answer as JSON, the secret's ARN and the version's creation date. The selector
 * is checked first, then `WithDecryption` (which must be true), then the secret.
 */
export function readSecretsReference(
  name: string,
  withDecryption: boolean,
  secrets: SecretsSource | undefined,
): Record<string, unknown> {
  const rest = name.slice(SECRETS_REFERENCE_PREFIX.length);
  const parts = rest.split(':');
  const secretId = parts[0] ?? '';
  const selector = parts[1];
  if (secretId === '' || parts.length > 2 || selector === '') {
    throw new AwsServiceError(
      'ValidationException',
      'Invalid parameter name. Please use correct syntax for referencing a version/label  <name>:<version/label>',
    );
  }
  if (!withDecryption) {
    throw new AwsServiceError(
      'ValidationException',
      'WithDecryption flag must be True for retrieving a Secret Manager secret.',
    );
  }
  const secret = read(secrets, secretId, selector, name);
  return {
    Name: `${SECRETS_REFERENCE_PREFIX}${secretId}`,
    Type: 'SecureString',
    // A binary secret has no text to give, and AWS gives none.
    ...(secret.SecretString === undefined ? {} : { Value: secret.SecretString }),
    Version: 0,
    SourceResult: JSON.stringify(secret),
    ...(selector === undefined ? {} : { Selector: `:${selector}` }),
    LastModifiedDate: secret.CreatedDate,
    ARN: secret.ARN,
  };
}

function read(
  secrets: SecretsSource | undefined,
  secretId: string,
  selector: string | undefined,
  name: string,
): ReferencedSecretValue {
  const notFound = new AwsServiceError(
    'ParameterNotFound',
    `An error occurred (ParameterNotFound) when referencing Secrets Manager: Secret ${name} not found.`,
  );
  if (!secrets) throw notFound;
  try {
    return secrets.readForReference(secretId, selector);
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    if (error.code === 'ResourceNotFoundException') throw notFound;
    // A secret scheduled for deletion, or another refusal of Secrets Manager's.
    throw new AwsServiceError('ValidationException', 'Invalid Request to Secrets Manager');
  }
}
