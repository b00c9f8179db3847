/**
 * The one classifier of failed reads, for the library and the agent. It reads `name`, `$retryable`, `$metadata`
 * and Node's `code`, never `instanceof` (a bundle can hold two copies of an SDK package, whose classes are not
 * each other's), and looks through wrappers (`GetParameterError` and other `cause` chains).
 */

/** What kind of failure an error is. */
export type ErrorKind =
  | 'not-found'
  | 'access-denied'
  | 'throttled'
  | 'timeout'
  | 'network'
  | 'server'
  | 'client'
  | 'unknown';

/** An error's kind, with what decided it. */
export interface ErrorClass {
  kind: ErrorKind;
  /** Whether a later retry might succeed (throttled, timeout, network, server): stale values may be served. */
  transient: boolean;
  /** The AWS exception name (or the error's `name`) of the error that decided the kind. */
  name: string;
  /** Node's or undici's error code, for network failures (`ECONNRESET`...). */
  code?: string;
  /** HTTP status of the AWS answer, when there was one. */
  status?: number;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  $retryable?: { throttling?: unknown } | unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

const NOT_FOUND = new Set(['ParameterNotFound', 'ResourceNotFoundException', 'ParameterVersionNotFound']);
/** Our own error for a value that does not exist (`throwOnMissing`). */
const OWN_NOT_FOUND = 'ParameterNotFoundError';
// Exception names by kind, as anchored patterns: shorter in a bundle than sets of names, and as exact.
const ACCESS_DENIED =
  /^(AccessDenied(Exception)?|UnrecognizedClientException|InvalidSignatureException|ExpiredTokenException|KMSAccessDeniedException)$/;
const THROTTLED =
  /^(Throttling(Exception)?|ThrottledException|RequestThrottledException|TooManyRequestsException|RequestLimitExceeded|ProvisionedThroughputExceededException)$/;
const TIMEOUT = /^(RequestTimeout(Exception)?|TimeoutError)$/;
const SERVER =
  /^(InternalServerError|InternalServerException|InternalFailure|InternalServiceError(Exception)?|ServiceUnavailable(Exception)?)$/;
const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT)$/;
/** Codes of a connection that broke under a request (what a Lambda thaw does to a socket opened before a freeze). */
const RESET_CODES = /^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET)$/;
const TRANSIENT_KINDS: ReadonlySet<ErrorKind> = new Set(['throttled', 'timeout', 'network', 'server']);
const MAX_DEPTH = 5;

function nameOf(error: ErrorLike): string {
  return typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
}

function kindByName(name: string): ErrorKind | undefined {
  if (NOT_FOUND.has(name) || name === OWN_NOT_FOUND) return 'not-found';
  if (ACCESS_DENIED.test(name)) return 'access-denied';
  if (THROTTLED.test(name)) return 'throttled';
  if (TIMEOUT.test(name)) return 'timeout';
  if (SERVER.test(name)) return 'server';
  return undefined;
}

function kindByStatus(status: number): ErrorKind {
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  if (status === 403) return 'access-denied';
  return 'client';
}

function classified(kind: ErrorKind, error: ErrorLike, extra: Partial<ErrorClass> = {}): ErrorClass {
  return { kind, transient: TRANSIENT_KINDS.has(kind), name: nameOf(error), ...extra };
}

/**
 * Classifies a failed read. The first error in the `cause` chain that says something decides: an exception name
 * we know, a network code, an HTTP status, or the SDK's `$retryable`.
 *
 * @example
 * ```ts
 * import { classifyError } from '@paramkit/parameters/engine';
 *
 * const { kind, transient } = classifyError(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
 * // kind 'throttled', transient true
 * ```
 */
export function classifyError(error: unknown): ErrorClass {
  let current = error as ErrorLike | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < MAX_DEPTH; depth++) {
    const byName = kindByName(nameOf(current));
    const rawStatus = current.$metadata?.httpStatusCode;
    const status = typeof rawStatus === 'number' && rawStatus >= 400 && rawStatus <= 599 ? rawStatus : undefined;
    const withStatus = status === undefined ? {} : { status };
    if (byName !== undefined) return classified(byName, current, withStatus);
    if (typeof current.code === 'string' && NETWORK_CODES.test(current.code)) {
      return classified(current.code === 'ETIMEDOUT' ? 'timeout' : 'network', current, { code: current.code });
    }
    if (status !== undefined) return classified(kindByStatus(status), current, withStatus);
    const retryable = current.$retryable;
    if (retryable) {
      const throttling = typeof retryable === 'object' && (retryable as { throttling?: unknown }).throttling;
      return classified(throttling ? 'throttled' : 'server', current);
    }
    current = current.cause as ErrorLike | undefined;
  }
  return classified('unknown', (error ?? {}) as ErrorLike);
}

/**
 * Whether a retry later might succeed: throttling, 5xx, timeouts and network failures.
 *
 * @example
 * ```ts
 * if (isTransientError(error)) console.log('AWS is having a moment; a cached value may be served');
 * ```
 */
export function isTransientError(error: unknown): boolean {
  return classifyError(error).transient;
}

/**
 * Whether the service said the named value does not exist (by the error's own name, not its causes: a wrapper
 * that chose another name decided otherwise).
 *
 * @example
 * ```ts
 * if (isNotFoundError(error)) return undefined;
 * ```
 */
export function isNotFoundError(error: unknown): boolean {
  const name = (error as ErrorLike | null)?.name;
  return typeof name === 'string' && NOT_FOUND.has(name);
}

/**
 * Whether the failure is a connection broken under a request, which a new connection may not see. Read from the
 * code anywhere in the `cause` chain, whatever the error's name: the SDK's HTTP handler names a reset socket
 * `TimeoutError` and keeps `ECONNRESET` as its code.
 */
export function isConnectionReset(error: unknown): boolean {
  let current = error as ErrorLike | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < MAX_DEPTH; depth++) {
    if (typeof current.code === 'string' && RESET_CODES.test(current.code)) return true;
    current = current.cause as ErrorLike | undefined;
  }
  return false;
}

/**
 * The message of anything thrown, safe to put in a message of ours (AWS messages carry no values). Something thrown
 * that is not an `Error` (a string, an object) is named `Error` only: its text could be anything, a value included.
 *
 * @example
 * ```ts
 * throw new Error(`Unable to read /app/db: ${messageOf(error)}`);
 * ```
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return 'Error';
}
