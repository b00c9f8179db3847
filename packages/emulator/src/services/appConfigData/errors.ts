import { AwsServiceError } from '../../core/awsJson.js';

/** The `ResourceType` values AppConfigData puts in a `ResourceNotFoundException`. */
export type AppConfigResourceType = 'Application' | 'Environment' | 'ConfigurationProfile' | 'Deployment';

/** Why a configuration token was refused (`InvalidParameterProblem` in the AWS model). */
export type TokenProblem = 'Corrupted' | 'Expired' | 'PollIntervalNotSatisfied';

/**
 * A `ResourceNotFoundException` (HTTP 404). `referencedBy` names the request members that pointed at the missing
 * resource, as AWS's `ReferencedBy` map does.
 */
export function resourceNotFound(
  resourceType: AppConfigResourceType,
  message: string,
  referencedBy: Readonly<Record<string, string>>,
): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', message, 404, {
    ResourceType: resourceType,
    ReferencedBy: referencedBy,
  });
}

/** A `BadRequestException` for malformed input, without `Reason`/`Details` (AWS leaves them out for these). */
export function badRequest(message: string): AwsServiceError {
  return new AwsServiceError('BadRequestException', message, 400);
}

/**
 * A `BadRequestException` about the configuration token. AWS reports these with `Reason: InvalidParameters` and a
 * `Details` union naming the token and its problem, which is how clients tell "expired" from "too early".
 */
export function badToken(problem: TokenProblem, message: string): AwsServiceError {
  return new AwsServiceError('BadRequestException', message, 400, {
    Reason: 'InvalidParameters',
    Details: { InvalidParameters: { ConfigurationToken: { Problem: problem } } },
  });
}

/**
 * Collects request validation failures so they are reported together in AWS's
 * `N validation error(s) detected: ...` format.
 */
export class ValidationErrors {
  readonly #messages: string[] = [];

  /** Records that `value` at `member` broke `constraint`. */
  add(member: string, value: unknown, constraint: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
    this.#messages.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  /** Throws a `BadRequestException` listing every recorded failure, if there is any. */
  throwIfAny(): void {
    const count = this.#messages.length;
    if (count === 0) return;
    const noun = count === 1 ? 'validation error' : 'validation errors';
    throw badRequest(`${count} ${noun} detected: ${this.#messages.join('; ')}`);
  }
}
