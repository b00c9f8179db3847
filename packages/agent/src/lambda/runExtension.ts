import type { Logger } from '../log.js';
import { extensionsApi } from './extensionsApi.js';

/** The extension's name: Lambda requires it to match the launcher's file name in `/opt/extensions`. */
export const EXTENSION_NAME = 'paramkit-agent';

/** Options of `runExtension`. */
export interface ExtensionOptions {
  /** `AWS_LAMBDA_RUNTIME_API`: `host:port` of the Extensions API. */
  runtimeApi: string;
  /** Starts serving; called after registering and before the first `event/next`. */
  start: () => Promise<{ close(): Promise<void> }>;
  logger: Logger;
  /** @default 'paramkit-agent' */
  name?: string;
}

/**
 * Runs the agent as a Lambda extension: registers for INVOKE and SHUTDOWN, starts serving before asking for the
 * first event (so it is ready before the first invocation, and during INIT), then waits on `event/next` until
 * SHUTDOWN, when it closes the server. Resolves to the exit code: 0 after SHUTDOWN, 1 on a failure.
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
  let id: string;
  try {
    id = await api.register(options.name ?? EXTENSION_NAME);
  } catch (error) {
    logger.error('extension registration failed', { error: (error as Error).message });
    return 1;
  }
  logger.debug('extension registered');
  let server: { close(): Promise<void> };
  try {
    server = await options.start();
  } catch (error) {
    const message = `The agent could not start: ${(error as Error).message}`;
    logger.error('agent failed to start', { error: (error as Error).message });
    await api.initError(id, 'Extension.StartFailed', message).catch(() => undefined);
    return 1;
  }
  for (;;) {
    let event: Awaited<ReturnType<typeof api.next>>;
    try {
      event = await api.next(id);
    } catch (error) {
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
