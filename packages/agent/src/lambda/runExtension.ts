import type { Logger } from '../log.js';
import { extensionsApi } from './extensionsApi.js';

/** The extension's name: Lambda requires it to match the launcher's file name in `/opt/extensions`. */
export const EXTENSION_NAME = 'paramkit-agent';

/** Options of `runExtension`. */
export interface ExtensionOptions {
  /** `AWS_LAMBDA_RUNTIME_API`: `host:port` of the Extensions API. */
  runtimeApi: string;
  /** Starts serving; called before registering, so the agent answers from the start of INIT. */
  start: () => Promise<{ close(): Promise<void> }>;
  logger: Logger;
  /** @default 'paramkit-agent' */
  name?: string;
  /**
   * Stops the extension as a SHUTDOWN would: the wait for the next event ends, the server closes and the exit code
   * is 0. `paramkit-agent` aborts it on SIGTERM and SIGINT, with the signal's name as the reason.
   */
  signal?: AbortSignal;
}

/**
 * Runs the agent as a Lambda extension: starts serving first, then registers for INVOKE and SHUTDOWN (Lambda
 * starts the function's INIT once every extension has registered, so the agent already answers then; the AWS
 * extension only answers from the first INVOKE), then waits on `event/next` until SHUTDOWN (or `signal`), when it
 * closes the server. Resolves to the exit code: 0 after SHUTDOWN or `signal`, 1 on a failure. An agent that cannot
 * start still registers, to report `Extension.StartFailed` to `init/error` with the reason.
 *
 * @example
 * ```ts
 * const code = await runExtension({ runtimeApi: process.env.AWS_LAMBDA_RUNTIME_API!, start: () => startAgent({ config }), logger });
 * process.exit(code);
 * ```
 */
export async function runExtension(options: ExtensionOptions): Promise<number> {
  const { logger } = options;
  const api = extensionsApi(options.runtimeApi);
  let server: { close(): Promise<void> } | undefined;
  let startError: Error | undefined;
  try {
    server = await options.start();
  } catch (error) {
    startError = error as Error;
    logger.error('agent failed to start', { error: startError.message });
  }
  let id: string;
  try {
    id = await api.register(options.name ?? EXTENSION_NAME);
  } catch (error) {
    logger.error('extension registration failed', { error: (error as Error).message });
    await server?.close();
    return 1;
  }
  logger.debug('extension registered');
  if (server === undefined) {
    const message = `The agent could not start: ${startError?.message ?? 'unknown error'}`;
    await api.initError(id, 'Extension.StartFailed', message).catch(() => undefined);
    return 1;
  }
  for (;;) {
    let event: Awaited<ReturnType<typeof api.next>>;
    try {
      event = await api.next(id, options.signal);
    } catch (error) {
      if (options.signal?.aborted === true) {
        logger.info('shutting down', { reason: String(options.signal.reason) });
        await server.close();
        return 0;
      }
      logger.error('extension event/next failed', { error: (error as Error).message });
      await server.close();
      return 1;
    }
    if (event.eventType === 'SHUTDOWN') {
      logger.info('shutting down', { reason: event.shutdownReason ?? null });
      await server.close();
      return 0;
    }
    logger.debug('invoke', { requestId: event.requestId ?? null });
  }
}
