import { classifyError } from '@paramkit/parameters/engine';
import {
  UpstreamBusyError,
  UpstreamCallError,
  UpstreamConnectionError,
  UpstreamInvalidResponseError,
  UpstreamTimeoutError,
} from '../upstream/errors.js';

/** What went wrong upstream, as the HTTP answer says it. */
export interface UpstreamFailure {
  /** HTTP status of the agent's answer. */
  status: number;
  /** `__type` of the answer: the AWS exception name, or the agent's own. */
  type: string;
  message: string;
}

/**
 * Maps a failed read to the agent's answer, on the engine's classifier (the one that decided whether a stale value
 * was served): 404 for a missing secret or parameter, the upstream status with the AWS exception name for other
 * AWS errors, 504 for a deadline, 502 for a connection that failed or an answer that is not AWS JSON, 503 when
 * every connection is busy and the queue is full, else 500. Messages name the service, the operation, the host or
 * the AWS error; never a value, and never an SDK parser's text.
 *
 * @example
 * ```ts
 * const { status, type, message } = describeUpstreamFailure(error, '/secretsmanager/get'); // 404 ResourceNotFoundException ...
 * ```
 */
export function describeUpstreamFailure(error: unknown, path = 'the value'): UpstreamFailure {
  if (error instanceof UpstreamTimeoutError) return { status: 504, type: 'UpstreamTimeout', message: error.message };
  if (error instanceof UpstreamConnectionError) {
    return { status: 502, type: 'UpstreamUnreachable', message: error.message };
  }
  if (error instanceof UpstreamInvalidResponseError) {
    return { status: 502, type: 'UpstreamInvalidResponse', message: error.message };
  }
  if (error instanceof UpstreamBusyError) return { status: 503, type: 'UpstreamBusy', message: error.message };
  if (error instanceof UpstreamCallError) return { status: 500, type: 'InternalFailure', message: error.message };
  const { kind, name, status } = classifyError(error);
  if (kind === 'not-found' || status !== undefined) {
    return { status: kind === 'not-found' ? 404 : (status as number), type: name, message: firstLine(error) };
  }
  // Not from AWS nor from the way to it: a failure of the agent itself. Its text is not quoted (it could be anything).
  return {
    status: 500,
    type: 'InternalFailure',
    message: `The agent failed while reading ${path} (${errorName(error)})`,
  };
}

/** The name of an error, for logs and batch error entries; `Error` for anything without one. */
export function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : 'Error';
}

/** The first line of an AWS error's message (AWS messages name resources, never values). */
function firstLine(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? (message.split('\n')[0] ?? '') : '';
}
