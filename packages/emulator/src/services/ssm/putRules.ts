import { AwsServiceError } from '../../core/awsJson.js';
import { checkAllowedPattern } from './allowedPattern.js';
import {
  DATA_TYPES,
  DEFAULT_KEY_ID,
  LIMITS,
  latestVersion,
  type ParameterTier,
  type ParameterType,
  type ParameterVersion,
  type RequestedTier,
  type StoredParameter,
} from './model.js';
import { validateParameterName } from './names.js';
import type { SsmTag } from './tags.js';

/** What a PutParameter request (or the programmatic `putParameter`) asks for. */
export interface PutParameterInput {
  readonly name: string;
  readonly value: string;
  readonly type?: ParameterType | undefined;
  readonly overwrite?: boolean | undefined;
  readonly description?: string | undefined;
  readonly keyId?: string | undefined;
  readonly tier?: RequestedTier | undefined;
  readonly dataType?: string | undefined;
  readonly allowedPattern?: string | undefined;
  /** Tags of a new parameter: AWS refuses tags together with `Overwrite`. */
  readonly tags?: readonly SsmTag[] | undefined;
}

/**
 * Applies AWS's PutParameter rules to a request and the parameter it would update (if any), returning the new
 * version to append. Members the request leaves out keep the previous version's setting, as AWS does.
 */
export function planPut(
  existing: StoredParameter | undefined,
  input: PutParameterInput,
  now: number,
): ParameterVersion {
  validateParameterName(input.name);
  if (input.value === '') {
    throw new AwsServiceError(
      'ValidationException',
      "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1.",
    );
  }
  if (input.tags !== undefined && input.tags.length > 0 && input.overwrite) {
    throw new AwsServiceError(
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove " +
        'overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.',
    );
  }
  const previous = existing ? latestVersion(existing) : undefined;
  if (previous && !input.overwrite) {
    throw new AwsServiceError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  }
  const type = resolveType(previous, input.type);
  const dataType = resolveDataType(input.name, previous, input.dataType);
  const allowedPattern = input.allowedPattern ?? previous?.allowedPattern;
  if (allowedPattern !== undefined) checkAllowedPattern(allowedPattern, input.value);
  return {
    version: previous ? previous.version + 1 : 1,
    value: input.value,
    type,
    tier: resolveTier(previous?.tier, input.tier, input.value),
    dataType,
    description: input.description ?? previous?.description,
    keyId: resolveKeyId(type, previous, input.keyId),
    allowedPattern,
    lastModified: now,
    labels: [],
  };
}

function resolveType(previous: ParameterVersion | undefined, requested: ParameterType | undefined): ParameterType {
  if (!previous) {
    if (requested === undefined) {
      throw new AwsServiceError('ValidationException', 'A parameter type is required when you create a parameter.');
    }
    return requested;
  }
  // AWS documents that a parameter's type cannot change; moto allows it, AWS answers HierarchyTypeMismatchException.
  if (requested !== undefined && requested !== previous.type) {
    throw new AwsServiceError(
      'HierarchyTypeMismatchException',
      `The parameter type can't be changed from ${previous.type} to ${requested}. Delete the parameter and create it again.`,
    );
  }
  return previous.type;
}

/**
 * Data types a parameter can be created with but never changed to or from: the Parameter Store user guide
 * ("Parameter data types in Parameter Store") says so of `aws:ec2:image` and `aws:ssm:integration`.
 */
const FIXED_DATA_TYPES: ReadonlySet<string> = new Set(['aws:ec2:image', 'aws:ssm:integration']);

function resolveDataType(name: string, previous: ParameterVersion | undefined, requested: string | undefined): string {
  const dataType = requested ?? previous?.dataType ?? 'text';
  if (!(DATA_TYPES as readonly string[]).includes(dataType)) {
    throw new AwsServiceError(
      'ValidationException',
      `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
    );
  }
  const changed = previous !== undefined && previous.dataType !== dataType;
  if (changed && (FIXED_DATA_TYPES.has(previous.dataType) || FIXED_DATA_TYPES.has(dataType))) {
    throw new AwsServiceError(
      'ValidationException',
      `The data type of ${name} can't be changed from ${previous.dataType} to ${dataType}. Delete the parameter and ` +
        'create it again.',
    );
  }
  return dataType;
}

/** EC2's image id format: `ami-` and 8 or 17 lower-case hex digits. */
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * Whether a planned version survives the validation AWS runs after answering PutParameter. For `aws:ec2:image`
 * AWS answers success at once, checks the value afterwards, and never creates or updates the parameter when it is
 * not an AMI id (PutParameter's `DataType` documentation). The emulator checks the format only: there are no AMIs.
 */
export function passesDeferredValidation(version: ParameterVersion): boolean {
  return version.dataType !== 'aws:ec2:image' || AMI_ID.test(version.value);
}

function resolveKeyId(
  type: ParameterType,
  previous: ParameterVersion | undefined,
  requested: string | undefined,
): string | undefined {
  if (type !== 'SecureString') {
    if (requested !== undefined) {
      throw new AwsServiceError('ValidationException', 'KeyId is required for SecureString type parameter only.');
    }
    return undefined;
  }
  if (requested === undefined) return previous?.keyId ?? DEFAULT_KEY_ID;
  if (!looksLikeKmsKey(requested)) {
    throw new AwsServiceError('InvalidKeyId', `Invalid keyId ${requested}`);
  }
  return requested;
}

/** There is no KMS here, so any well-formed key reference is accepted: alias, key id, or key/alias ARN. */
function looksLikeKmsKey(keyId: string): boolean {
  return (
    /^alias\/[a-zA-Z0-9/_-]+$/.test(keyId) ||
    /^(mrk-)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(keyId) ||
    /^(mrk-)[0-9a-f]{32}$/i.test(keyId) ||
    /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[a-zA-Z0-9/_-]+$/.test(keyId)
  );
}

function resolveTier(
  previous: ParameterTier | undefined,
  requested: RequestedTier | undefined,
  value: string,
): ParameterTier {
  const large = value.length > LIMITS.maxStandardValueLength;
  if (value.length > LIMITS.maxAdvancedValueLength) {
    throw new AwsServiceError(
      'ValidationException',
      `Parameter value exceeds the maximum size of ${LIMITS.maxAdvancedValueLength} characters for advanced parameters.`,
    );
  }
  if (requested === 'Standard' && previous === 'Advanced') {
    throw new AwsServiceError(
      'ValidationException',
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter " +
        'tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a ' +
        'standard parameter.',
    );
  }
  // Without an explicit tier AWS uses the account default (Standard) but never downgrades an advanced parameter.
  const tier: ParameterTier =
    requested === 'Advanced' || previous === 'Advanced' || (requested === 'Intelligent-Tiering' && large)
      ? 'Advanced'
      : 'Standard';
  if (tier === 'Standard' && large) {
    throw new AwsServiceError(
      'ValidationException',
      `Standard tier parameters support a maximum parameter value of ${LIMITS.maxStandardValueLength} characters. ` +
        'To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.',
    );
  }
  return tier;
}
