/**
 * An AWS call did not answer within its deadline. Named `TimeoutError`, which the cache treats as transient (a
 * stale value may be served) and the agent answers with 504.
 *
 * @example
 * ```ts
 * if (error instanceof UpstreamTimeoutError) console.log(`${error.service}: ${error.timeoutMs} ms`);
 * ```
 */
export class UpstreamTimeoutError extends Error {
  constructor(
    readonly service: string,
    readonly timeoutMs: number,
  ) {
    super(`${service} did not answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

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

/**
 * Sends a command, aborting it when `signal` fires; an abort becomes an `UpstreamTimeoutError`.
 *
 * @example
 * ```ts
 * const output = await sendWithin(client, new GetSecretValueCommand({ SecretId: 'app/db' }), deadlineSignal(3000), 'Secrets Manager', 3000);
 * ```
 */
export async function sendWithin<Output>(
  client: SendsCommands,
  command: unknown,
  signal: AbortSignal | undefined,
  service: string,
  timeoutMs: number,
): Promise<Output> {
  if (signal === undefined) return (await client.send(command as never)) as Output;
  try {
    return (await client.send(command as never, { abortSignal: signal })) as Output;
  } catch (error) {
    if (signal.aborted) throw new UpstreamTimeoutError(service, timeoutMs);
    throw error;
  }
}
