import { AwsServiceError, parseJsonBody } from '../../core/awsJson.js';
import { RequestMembers } from '../../core/members.js';
import type { EmulatorRequest } from '../../core/types.js';
import { badRequest, ValidationErrors } from './errors.js';

/** Limits of the AWS model's `Identifier` and `RequiredMinimumPollIntervalInSeconds`. */
const IDENTIFIER_MAX_LENGTH = 128;
const MIN_POLL_INTERVAL_SECONDS = 15;
const MAX_POLL_INTERVAL_SECONDS = 86_400;
/** The AWS model's `Token` pattern, `\S{1,8192}`, with Java's whitespace class (what `\s` means to AWS's validator). */
const TOKEN_PATTERN = /^[^ \t\n\v\f\r]{1,8192}$/;

/** A checked `StartConfigurationSession` request. */
export interface StartSessionInput {
  readonly application: string;
  readonly environment: string;
  readonly profile: string;
  readonly requiredMinimumPollIntervalInSeconds: number | undefined;
}

/**
 * Reads and checks a `StartConfigurationSession` body against the AWS model, reporting every violation at once as
 * AWS does (`N validation errors detected: ...`).
 */
export function parseStartSession(request: EmulatorRequest): StartSessionInput {
  const body = parseBody(request);
  checkTypes(body);
  const errors = new ValidationErrors();
  const application = identifier(body.ApplicationIdentifier, 'applicationIdentifier', errors);
  const environment = identifier(body.EnvironmentIdentifier, 'environmentIdentifier', errors);
  const profile = identifier(body.ConfigurationProfileIdentifier, 'configurationProfileIdentifier', errors);
  const interval = pollInterval(body.RequiredMinimumPollIntervalInSeconds, errors);
  errors.throwIfAny();
  if (application === undefined || environment === undefined || profile === undefined) {
    throw new Error('unreachable: a missing identifier is a validation error');
  }
  return { application, environment, profile, requiredMinimumPollIntervalInSeconds: interval };
}

/** The `configuration_token` query parameter of a `GetLatestConfiguration` request. */
export function configurationToken(request: EmulatorRequest): string {
  const token = request.query.get('configuration_token');
  if (token === null || token === '') {
    const errors = new ValidationErrors();
    const constraint =
      token === null ? 'Member must not be null' : 'Member must have length greater than or equal to 1';
    errors.add('configurationToken', token, constraint);
    errors.throwIfAny();
  } else if (!TOKEN_PATTERN.test(token)) {
    // The model's `Token` shape: checked before the token is looked at, so it is a validation error, not `Corrupted`.
    const errors = new ValidationErrors();
    errors.add('configurationToken', token, 'Member must satisfy regular expression pattern: \\S{1,8192}');
    errors.throwIfAny();
  }
  return token ?? '';
}

/**
 * Checks the members' JSON types with the emulator's request reader before the constraints are collected.
 * AppConfigData models no `SerializationException`, so a wrong type is its `BadRequestException`, with the reader's
 * (AWS's deserializer's) wording.
 */
function checkTypes(body: Record<string, unknown>): void {
  const members = new RequestMembers(body);
  try {
    for (const member of ['ApplicationIdentifier', 'EnvironmentIdentifier', 'ConfigurationProfileIdentifier']) {
      members.optionalString(member);
    }
    const interval = members.raw('RequiredMinimumPollIntervalInSeconds');
    if (interval !== undefined && typeof interval !== 'number')
      members.optionalInteger('RequiredMinimumPollIntervalInSeconds');
  } catch (error) {
    if (error instanceof AwsServiceError) throw badRequest(error.message);
    throw error;
  }
}

/** Parses a JSON body, answering malformed JSON with the `BadRequestException` AppConfigData models. */
function parseBody(request: EmulatorRequest): Record<string, unknown> {
  try {
    return parseJsonBody(request);
  } catch (error) {
    // The core reports SerializationException, which AppConfigData does not model; the SDK would not map it.
    if (error instanceof AwsServiceError) throw badRequest(error.message);
    throw error;
  }
}

/** Checks one `*Identifier` member: a string of 1 to 128 characters. */
function identifier(value: unknown, member: string, errors: ValidationErrors): string | undefined {
  if (typeof value !== 'string') errors.add(member, value, 'Member must not be null');
  else if (value.length < 1) errors.add(member, value, 'Member must have length greater than or equal to 1');
  else if (value.length > IDENTIFIER_MAX_LENGTH) {
    errors.add(member, value, `Member must have length less than or equal to ${IDENTIFIER_MAX_LENGTH}`);
  } else return value;
  return undefined;
}

/** Checks `RequiredMinimumPollIntervalInSeconds`: optional, a whole number from 15 to 86400. */
function pollInterval(value: unknown, errors: ValidationErrors): number | undefined {
  const member = 'requiredMinimumPollIntervalInSeconds';
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) errors.add(member, value, 'Member must be an integer');
  else if (value < MIN_POLL_INTERVAL_SECONDS) {
    errors.add(member, value, `Member must have value greater than or equal to ${MIN_POLL_INTERVAL_SECONDS}`);
  } else if (value > MAX_POLL_INTERVAL_SECONDS) {
    errors.add(member, value, `Member must have value less than or equal to ${MAX_POLL_INTERVAL_SECONDS}`);
  } else return value;
  return undefined;
}
