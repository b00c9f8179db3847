import { ENV } from '../constants.js';

/**
 * The application to read from: the one given, else `POWERTOOLS_SERVICE_NAME` (read at each call, so a change to
 * the environment is seen). Throws `errorClass` naming both when neither is set.
 *
 * @example
 * ```ts
 * const application = resolveApplication(options.application); // 'shop', or the service name
 * ```
 */
export function resolveApplication(
  application: string | undefined,
  errorClass: new (message: string) => Error = Error,
): string {
  const name = application ?? process.env[ENV.serviceName]?.trim() ?? '';
  if (typeof name !== 'string' || name.trim() === '')
    throw new errorClass(`Application name is not defined or ${ENV.serviceName} is not set`);
  return name;
}

/**
 * Checks an application or environment identifier, so that a missing one fails here rather than as an AWS
 * validation error.
 *
 * @example
 * ```ts
 * checkIdentifier(options.environment, 'environment'); // throws TypeError for undefined or ''
 * ```
 */
export function checkIdentifier(value: unknown, what: 'application' | 'environment'): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`The AppConfig ${what} (its name or id) must be a non-empty string`);
  }
}
