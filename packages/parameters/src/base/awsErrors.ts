/**
 * Classifies errors from the AWS SDK by `name`, `$retryable`, `$metadata` and Node's `code`, never by
 * `instanceof`: a bundle can hold two copies of an SDK package, whose classes are not each other's.
 */

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'InternalServiceError',
  'InternalServiceErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const NOT_FOUND_NAMES = new Set(['ParameterNotFound', 'ResourceNotFoundException', 'ParameterVersionNotFound']);

/** Whether a retry later might succeed: throttling, 5xx, timeouts and network failures. Looks through `cause`. */
export function isTransientError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const e = current as SdkErrorLike;
    if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
    const status = e.$metadata?.httpStatusCode;
    if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
    if (e.$retryable) return true;
    current = e.cause;
  }
  return false;
}

/** Whether the service said the named value does not exist. */
export function isNotFoundError(error: unknown): boolean {
  const name = (error as SdkErrorLike | null)?.name;
  return typeof name === 'string' && NOT_FOUND_NAMES.has(name);
}

/**
 * The message of anything thrown, safe to put in a message of ours (AWS messages carry no values). Something thrown
 * that is not an `Error` (a string, an object) is named `Error` only: its text could be anything, a value included.
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return 'Error';
}
