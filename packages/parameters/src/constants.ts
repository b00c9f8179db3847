/** Default cache time in seconds, as in Powertools. */
export const DEFAULT_MAX_AGE_SECS = 5;
/** Default stale-if-error window in seconds. */
export const DEFAULT_STALE_IF_ERROR_SECS = 300;
/** Default bound of a provider's cache. */
export const DEFAULT_MAX_ENTRIES = 1000;

export const TRANSFORM_METHOD_JSON = 'json';
export const TRANSFORM_METHOD_BINARY = 'binary';
export const TRANSFORM_METHOD_AUTO = 'auto';

/**
 * Names of the built-in transforms.
 *
 * @example
 * ```ts
 * import { Transform } from '@paramkit/parameters';
 * import { getParameter } from '@paramkit/parameters/ssm';
 * const config = await getParameter('/app/config', { transform: Transform.JSON });
 * ```
 */
export const Transform = {
  JSON: TRANSFORM_METHOD_JSON,
  BINARY: TRANSFORM_METHOD_BINARY,
  AUTO: TRANSFORM_METHOD_AUTO,
} as const;

/**
 * The key under which `getParametersByName` and `getSecretsByName` list failures with `throwOnError: false`; a
 * value of that name can only be read some other way.
 */
export const ERRORS_KEY = '_errors';

/** Powertools' message for an unsupported `getMultiple`, kept word for word so code matching on it keeps working. */
export const METHOD_NOT_IMPLEMENTED = 'Method not implemented.';

/** Environment variables read by the providers. */
export const ENV = {
  maxAge: 'POWERTOOLS_PARAMETERS_MAX_AGE',
  ssmDecrypt: 'POWERTOOLS_PARAMETERS_SSM_DECRYPT',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;
