/*
 * What can go wrong between the agent and AWS, each as its own error. Messages name the service, the operation,
 * the host and the failure, never a value: an upstream body (which may hold one) is never quoted, and the parser's
 * text about it is dropped. Names and `code`/`$metadata` are what the cache's transient check reads.
 */

/** Where a service is reached, for messages. */
export interface UpstreamEndpoint {
  readonly host: string;
  readonly port: number;
}

/**
 * An AWS call did not answer in time. Named `TimeoutError`, which the cache treats as transient (a stale value
 * may be served) and the agent answers with 504.
 *
 * @example
 * ```ts
 * if (error instanceof UpstreamTimeoutError) console.log(`${error.service}: ${error.phase}, ${error.timeoutMs} ms`);
 * ```
 */
export class UpstreamTimeoutError extends Error {
  constructor(
    readonly service: string,
    /** The limit that passed, in ms; `0` for a socket timeout of a client the agent did not set up. */
    readonly timeoutMs: number,
    /**
     * `call`: the read's deadline (`*_TIMEOUT_MILLIS`); `waiting`: that deadline, while the call waited for a free
     * connection; `connect`: no connection opened within the safety net's connect timeout; `socket`: the call's
     * connection stayed silent past the idle timeout.
     */
    readonly phase: 'call' | 'waiting' | 'connect' | 'socket' = 'call',
  ) {
    super(timeoutMessage(service, timeoutMs, phase));
    this.name = 'TimeoutError';
  }
}

function timeoutMessage(service: string, timeoutMs: number, phase: UpstreamTimeoutError['phase']): string {
  switch (phase) {
    case 'connect':
      return `${service} did not accept a connection within ${timeoutMs} ms`;
    case 'socket':
      return timeoutMs > 0
        ? `${service} did not answer: the connection was silent for ${timeoutMs} ms`
        : `${service} did not answer: the connection was idle past the SDK's socket timeout`;
    default:
      return `${service} did not answer within ${timeoutMs} ms${phase === 'waiting' ? ' (all connections were busy)' : ''}`;
  }
}

/**
 * The connection to AWS failed: refused, reset or dropped, DNS, unreachable network. `code` is Node's error code
 * (`ECONNREFUSED`, `ENOTFOUND`, ...). Answered with 502.
 *
 * @example
 * ```ts
 * if (error instanceof UpstreamConnectionError) console.log(error.host, error.port, error.code);
 * ```
 */
export class UpstreamConnectionError extends Error {
  constructor(
    readonly service: string,
    readonly host: string,
    readonly port: number | undefined,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    const where = port === undefined ? host : `${host}:${port}`;
    super(`${service} at ${where} cannot be reached: ${code}${explain(code)}`, options);
    this.name = 'UpstreamConnectionError';
  }
}

/**
 * AWS (or whatever answers at the endpoint) sent a body that is not the service's JSON. Only the HTTP status is
 * kept; `$metadata.httpStatusCode` carries it so a 5xx counts as transient. Answered with 502.
 */
export class UpstreamInvalidResponseError extends Error {
  readonly $metadata: { readonly httpStatusCode: number | undefined };

  constructor(
    readonly service: string,
    readonly operation: string,
    readonly httpStatus: number | undefined,
  ) {
    const status = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
    super(`${service} ${operation} answered with a body that is not AWS JSON${status}`);
    this.name = 'UpstreamInvalidResponseError';
    this.$metadata = { httpStatusCode: httpStatus };
  }
}

/** Every connection of a service is busy and the queue of waiting calls is full. Answered with 503. */
export class UpstreamBusyError extends Error {
  constructor(
    readonly service: string,
    readonly maxWaiting: number,
  ) {
    super(`${service}: every connection is busy and ${maxWaiting} calls are already waiting`);
    this.name = 'UpstreamBusyError';
  }
}

/**
 * Any other failure of a call that AWS did not answer with an error of its own (no credentials, a bad region, a
 * bug): names the service, the operation and the error class, with its message when that is one the SDK writes
 * about configuration. The original is `cause`. Answered with 500.
 */
export class UpstreamCallError extends Error {
  constructor(
    readonly service: string,
    readonly operation: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${service} ${operation} failed: ${detail}`, options);
    this.name = 'UpstreamCallError';
  }
}

const EXPLAINED: Record<string, string> = {
  ECONNREFUSED: 'nothing listens there',
  ECONNRESET: 'the connection was dropped before an answer',
  EPIPE: 'the connection was dropped before an answer',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'DNS lookup failed for now',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection attempt timed out',
  ECONNABORTED: 'the connection was aborted',
};

function explain(code: string): string {
  const text = EXPLAINED[code];
  return text === undefined ? '' : ` (${text})`;
}
