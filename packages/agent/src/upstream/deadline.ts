import type { SafetyNet } from './clients.js';
import {
  UpstreamCallError,
  UpstreamConnectionError,
  type UpstreamEndpoint,
  UpstreamInvalidResponseError,
  UpstreamTimeoutError,
} from './errors.js';
import type { ConnectionPool } from './pool.js';

export { UpstreamTimeoutError } from './errors.js';

/** The one method of an AWS SDK v3 client the agent uses. */
export interface SendsCommands {
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * A signal that aborts after `timeoutMs`, or `undefined` for no deadline (`0`). One signal may cover several
 * calls (the pages of one path read).
 */
export function deadlineSignal(timeoutMs: number): AbortSignal | undefined {
  return timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
}

/** Settings of an `UpstreamChannel`. */
export interface ChannelOptions {
  client: SendsCommands;
  /** Service name for messages (`Secrets Manager`). */
  service: string;
  /** The call's deadline in milliseconds (`0`: none), named in timeouts. */
  timeoutMs: number;
  /** The service's connections. */
  pool: ConnectionPool;
  /** Where the service is reached, when the error does not say (a dropped connection). */
  endpoint: UpstreamEndpoint | undefined;
  /** Told of each AWS call sent (every call goes through here, so the count is complete). */
  onCall?: () => void;
  /** The client's connect and idle timeouts, when the agent set them (its deadline is `0`), named in timeouts. */
  safetyNet?: SafetyNet | undefined;
}

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  address?: unknown;
  hostname?: unknown;
  port?: unknown;
  cause?: unknown;
  $response?: { statusCode?: unknown };
  $metadata?: { httpStatusCode?: unknown };
}

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

/** SDK errors about configuration whose messages name no value: kept in the agent's message. */
const CONFIG_ERRORS = new Set(['CredentialsProviderError', 'ProviderError', 'TokenProviderError']);

/**
 * One service's way to AWS: a call waits for a free connection of the pool, runs under its deadline, and any
 * failure that is not an AWS error answer becomes one of the agent's own errors (timeout, connection, invalid
 * answer, other), so that a message never carries an SDK parser's text.
 *
 * @example
 * ```ts
 * const channel = new UpstreamChannel({ client, service: 'Secrets Manager', timeoutMs: 0, pool, endpoint });
 * const output = await channel.send(new GetSecretValueCommand({ SecretId: 'app/db' }), undefined);
 * ```
 */
export class UpstreamChannel {
  constructor(readonly options: ChannelOptions) {}

  async send<Output>(command: unknown, signal: AbortSignal | undefined): Promise<Output> {
    const { client, pool, timeoutMs } = this.options;
    const release = await pool.acquire(signal, timeoutMs);
    this.options.onCall?.();
    try {
      const sent =
        signal === undefined ? client.send(command as never) : client.send(command as never, { abortSignal: signal });
      return (await sent) as Output;
    } catch (error) {
      throw this.#classify(error, command, signal);
    } finally {
      release();
    }
  }

  #classify(error: unknown, command: unknown, signal: AbortSignal | undefined): unknown {
    const { service, timeoutMs } = this.options;
    if (signal?.aborted) return new UpstreamTimeoutError(service, timeoutMs);
    const fields = (error ?? {}) as ErrorFields;
    const operation = operationOf(command);
    const network = networkError(fields);
    if (network !== undefined) return this.#connectionError(network, error);
    if (isDeserializationFailure(fields)) {
      const status = fields.$response?.statusCode ?? fields.$metadata?.httpStatusCode;
      return new UpstreamInvalidResponseError(service, operation, typeof status === 'number' ? status : undefined);
    }
    // AWS answered with an error of its own (a name and a status): its name and message are the answer.
    if (typeof fields.$metadata?.httpStatusCode === 'number') return error;
    const name = typeof fields.name === 'string' && fields.name !== '' ? fields.name : 'Error';
    if (name === 'TimeoutError') return this.#socketTimeout(fields);
    const message = typeof fields.message === 'string' ? fields.message.split('\n')[0] : '';
    const detail = CONFIG_ERRORS.has(name) && message !== '' ? `${name}: ${message}` : `${name} thrown by the AWS SDK`;
    return new UpstreamCallError(service, operation, detail, { cause: error });
  }

  /**
   * The SDK's connection or socket timeout (a `TimeoutError` without a network code). Only its text tells the two
   * apart; should that text change, the timeout is still a 504, named as the idle one.
   */
  #socketTimeout(fields: ErrorFields): UpstreamTimeoutError {
    const { service, safetyNet } = this.options;
    const connecting = typeof fields.message === 'string' && fields.message.includes('establish a connection');
    if (connecting) return new UpstreamTimeoutError(service, safetyNet?.connectTimeoutMs ?? 0, 'connect');
    return new UpstreamTimeoutError(service, safetyNet?.idleTimeoutMs ?? 0, 'socket');
  }

  #connectionError(network: ErrorFields, original: unknown): UpstreamConnectionError {
    const { service, endpoint } = this.options;
    const host =
      (typeof network.hostname === 'string' && network.hostname) ||
      (typeof network.address === 'string' && network.address) ||
      endpoint?.host ||
      'its endpoint';
    const port = typeof network.port === 'number' ? network.port : endpoint?.port;
    return new UpstreamConnectionError(service, host, port, network.code as string, { cause: original });
  }
}

/** The error (or one of its causes) that carries a network error code. */
function networkError(error: ErrorFields): ErrorFields | undefined {
  for (let current: ErrorFields | undefined = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && NETWORK_CODES.has(current.code)) return current;
    current = current.cause as ErrorFields | undefined;
  }
  return undefined;
}

/** The SDK could not parse what it got: a `$response` is attached and its own hint added, or a parser error. */
function isDeserializationFailure(error: ErrorFields): boolean {
  if (error.$response === undefined) return false;
  return (
    error.name === 'SyntaxError' ||
    (typeof error.message === 'string' && error.message.includes('Deserialization error'))
  );
}

function operationOf(command: unknown): string {
  const name = (command as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name.endsWith('Command') ? name.slice(0, -'Command'.length) : 'call';
}
