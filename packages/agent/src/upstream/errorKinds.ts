import { isGetParameterError } from '@paramkit/parameters/errors';
import {
  UpstreamBusyError,
  UpstreamCallError,
  UpstreamConnectionError,
  UpstreamInvalidResponseError,
  UpstreamTimeoutError,
} from './errors.js';

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** What went wrong upstream, as the HTTP answer says it. */
export interface UpstreamFailure {
  /** HTTP status of the agent's answer. */
  status: number;
  /** `__type` of the answer: the AWS exception name, or the agent's own. */
  type: string;
  message: string;
}

const NOT_FOUND = new Set(['ResourceNotFoundException', 'ParameterNotFound', 'ParameterVersionNotFound']);
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ThrottledException',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The AWS SDK error behind paramkit's `GetParameterError` wrapping, or the error itself. */
function unwrap(error: unknown): ErrorLike {
  let current = error;
  for (let depth = 0; depth < 3 && isGetParameterError(current) && current.cause !== undefined; depth++) {
    current = current.cause;
  }
  return (current ?? {}) as ErrorLike;
}

/** The exception name of an error (unwrapped), for logs and batch error entries. */
export function errorName(error: unknown): string {
  const { name } = unwrap(error);
  return typeof name === 'string' && name !== '' ? name : 'Error';
}

/** The message of an error (unwrapped). AWS messages name resources, never values. */
export function errorMessage(error: unknown): string {
  const { message } = unwrap(error);
  return typeof message === 'string' ? message : '';
}

function statusOf(error: ErrorLike): number | undefined {
  const status = error.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : undefined;
}

function isNetworkError(error: ErrorLike): boolean {
  for (let current: ErrorLike | undefined = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && NETWORK_CODES.has(current.code)) return true;
    current = current.cause as ErrorLike | undefined;
  }
  return false;
}

/** Whether a later retry may succeed (throttling, 5xx, timeout, network), so a stale value may be served. */
export function isTransient(error: unknown): boolean {
  const inner = unwrap(error);
  const status = statusOf(inner);
  return (
    inner.name === 'TimeoutError' ||
    (typeof inner.name === 'string' && THROTTLING.has(inner.name)) ||
    (status !== undefined && (status >= 500 || status === 429)) ||
    (status === undefined && isNetworkError(inner))
  );
}

/**
 * Maps a failed read to the agent's answer: 404 for a missing secret or parameter, the upstream status with the
 * AWS exception name for other AWS errors, 504 for a deadline, 502 for a connection that failed or an answer that
 * is not AWS JSON, 503 when every connection is busy and the queue is full, else 500. Messages name the service,
 * the operation, the host or the AWS error; never a value, and never an SDK parser's text.
 *
 * @example
 * ```ts
 * const { status, type, message } = describeUpstreamFailure(error, '/secretsmanager/get'); // 404 ResourceNotFoundException ...
 * ```
 */
export function describeUpstreamFailure(error: unknown, path = 'the value'): UpstreamFailure {
  const inner = unwrap(error);
  if (inner instanceof UpstreamTimeoutError) return { status: 504, type: 'UpstreamTimeout', message: inner.message };
  if (inner instanceof UpstreamConnectionError) {
    return { status: 502, type: 'UpstreamUnreachable', message: inner.message };
  }
  if (inner instanceof UpstreamInvalidResponseError) {
    return { status: 502, type: 'UpstreamInvalidResponse', message: inner.message };
  }
  if (inner instanceof UpstreamBusyError) return { status: 503, type: 'UpstreamBusy', message: inner.message };
  if (inner instanceof UpstreamCallError) return { status: 500, type: 'InternalFailure', message: inner.message };
  const name = errorName(error);
  const status = statusOf(inner);
  if (status !== undefined || NOT_FOUND.has(name)) {
    const message = errorMessage(error).split('\n')[0] ?? '';
    return { status: NOT_FOUND.has(name) ? 404 : (status as number), type: name, message };
  }
  // Not from AWS nor from the way to it: a failure of the agent itself. Its text is not quoted (it could be anything).
  return { status: 500, type: 'InternalFailure', message: `The agent failed while reading ${path} (${name})` };
}
