import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { AgentMetrics } from '../metrics.js';
import { failure } from './responses.js';
import type { AgentHandler, AgentResponse } from './types.js';

/** The agent binds the loopback interface only, as the AWS extension and the Secrets Manager Agent do. */
export const HOST = '127.0.0.1';

/** Settings of `serve`. */
export interface ServeOptions {
  port: number;
  /**
   * Most requests in progress at once (HTTP/1.1 without pipelining: connections with a request in progress); a
   * request past it is answered 429 before any other check. Idle keep-alive connections do not count.
   */
  maxConnections: number;
  metrics: AgentMetrics;
  logger: Logger;
}

/** A listening server. */
export interface ListeningServer {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting, closes every connection, and resolves once the server is closed. */
  close(): Promise<void>;
}

const TOO_MANY = failure(429, 'TooManyConnections', 'Too many requests in progress on the agent; retry later');

/**
 * Serves a handler over `node:http` on 127.0.0.1. This adapter only enforces the connection limit and copies the
 * handler's answer onto the socket; everything else is the handler's.
 *
 * @example
 * ```ts
 * const { port, close } = await serve(handler, { port: 0, maxConnections: 3, metrics, logger });
 * ```
 */
export async function serve(handler: AgentHandler, options: ServeOptions): Promise<ListeningServer> {
  const { metrics, logger, maxConnections } = options;
  let active = 0;

  const reply = (res: ServerResponse, response: AgentResponse): void => {
    if (response.headers !== undefined) {
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    }
    // An explicit length: after writeHead, node:http would otherwise send the body chunked.
    const length = String(Buffer.byteLength(response.body));
    res.writeHead(response.status, ['content-type', response.contentType, 'content-length', length]);
    res.end(response.body);
  };

  const fail = (res: ServerResponse, error: unknown): void => {
    logger.error('request failed', { error: (error as Error | undefined)?.name ?? 'Error' });
    if (!res.headersSent) reply(res, failure(500, 'InternalFailure', 'The agent failed to answer'));
    else res.destroy();
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (active >= maxConnections) {
      metrics.record(429);
      reply(res, TOO_MANY);
      return;
    }
    let result: AgentResponse | Promise<AgentResponse>;
    try {
      result = handler({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    } catch (error) {
      fail(res, error);
      return;
    }
    // A cache hit is answered in this tick; only requests that wait on AWS stay in progress.
    if (!(result instanceof Promise)) {
      reply(res, result);
      return;
    }
    active++;
    result.then(
      (response) => {
        active--;
        reply(res, response);
      },
      (error: unknown) => {
        active--;
        fail(res, error);
      },
    );
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
