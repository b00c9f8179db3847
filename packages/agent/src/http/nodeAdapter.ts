import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import { type AddressInfo, isIP, type Socket } from 'node:net';
import type { Logger } from '../log.js';
import type { AgentMetrics } from '../metrics.js';
import { HANDLER_HEADERS } from './handler.js';
import { originForm } from './originForm.js';
import { failure } from './responses.js';
import type { AgentHandler, AgentResponse } from './types.js';

/** The first loopback address the agent binds, and the one its `url` names. */
export const HOST = '127.0.0.1';

/**
 * Both loopback addresses, and nothing else: AWS's samples call `localhost`, which resolves to `::1` first on
 * many systems. `::1` is skipped, with a warning, where the machine has no IPv6 loopback.
 */
export const HOSTS: readonly string[] = [HOST, '::1'];

/** Settings of `serve`. */
export interface ServeOptions {
  port: number;
  /**
   * Most requests waiting on AWS at once, over both addresses; one more is answered 429 before any other check.
   * Cache hits are answered in the tick they arrive and never count; idle keep-alive connections do not either.
   */
  maxInboundRequests: number;
  metrics: AgentMetrics;
  logger: Logger;
  /**
   * Addresses to bind. Every one must bind, but `::1` beside `127.0.0.1`: skipped with a warning where the machine
   * has no IPv6 loopback. @default HOSTS
   */
  hosts?: readonly string[];
}

/** A listening server: one `node:http` server per address, on one port. */
export interface ListeningServer {
  /** The server on the first address. */
  readonly server: Server;
  readonly servers: readonly Server[];
  /** The addresses actually bound (`::1` is missing where the machine has no IPv6 loopback). */
  readonly hosts: readonly string[];
  readonly port: number;
  /** Stops accepting, closes every connection, and resolves once every server is closed. */
  close(): Promise<void>;
}

const TOO_MANY = failure(429, 'TooManyConnections', 'Too many requests in progress on the agent; retry later');
/** Errors meaning "this machine has no such address": the address is skipped, not fatal. */
const NO_SUCH_ADDRESS = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);
/** With port 0, the port the first address got may be taken on the next: try a new one, this many times. */
const PORT_ATTEMPTS = 5;

/**
 * Serves a handler over `node:http` on both loopback addresses (or the addresses given). This adapter only enforces the inbound limit,
 * answers `CONNECT` (which `node:http` hands over as a raw socket), turns an absolute-form target naming the agent
 * into origin form and copies the handler's answer onto the socket; everything else is the handler's.
 *
 * @example
 * ```ts
 * const { port, hosts, close } = await serve(handler, { port: 0, maxInboundRequests: 800, metrics, logger });
 * ```
 */
export async function serve(handler: AgentHandler, options: ServeOptions): Promise<ListeningServer> {
  const { metrics, logger, maxInboundRequests } = options;
  let active = 0;

  const reply = (res: ServerResponse, response: AgentResponse): void => {
    if (response.headers !== undefined) {
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    }
    // An explicit length: after writeHead, node:http would otherwise send the body chunked.
    const length = String(response.byteLength ?? Buffer.byteLength(response.body));
    res.writeHead(response.status, ['content-type', response.contentType, 'content-length', length]);
    res.end(response.body);
  };

  const fail = (res: ServerResponse, error: unknown): void => {
    logger.error('request failed', { error: (error as Error | undefined)?.name ?? 'Error' });
    if (!res.headersSent) reply(res, failure(500, 'InternalFailure', 'The agent failed to answer'));
    else res.destroy();
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (active >= maxInboundRequests) {
      metrics.record(429);
      reply(res, TOO_MANY);
      return;
    }
    let result: AgentResponse | Promise<AgentResponse>;
    try {
      result = handler({
        method: req.method ?? 'GET',
        url: requestTarget(req),
        headers: handlerHeaders(req.rawHeaders),
      });
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
  };

  // node:http hands a CONNECT over as a bare socket and drops it unanswered when nobody listens. The handler
  // answers it like any request (its checks in order; a valid token gets 405), then the socket is destroyed once
  // the answer is written: the server allows half-open sockets and no longer reads this one, so after `end()`
  // alone it would stay open as long as the client keeps its side open (and hold up `close()`).
  const onConnect = (req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    // Whatever the client sends after its request is read and dropped: unread bytes would make the close a reset.
    socket.resume();
    // Only GET reaches a route, so the answer (400, 403 or 405) is never a promise.
    const result = handler({ method: 'CONNECT', url: req.url ?? '/', headers: req.headers });
    const response = result instanceof Promise ? failure(405, 'MethodNotAllowed', 'Use GET') : result;
    socket.end(rawAnswer(response), () => socket.destroy());
  };

  const hosts = options.hosts ?? HOSTS;
  // `::` alone takes IPv4 too (dual stack); beside an IPv4 address it must take IPv6 only, or the port clashes.
  const ipv6Only = hosts.some((host) => isIP(host) === 4);
  const optional = (host: string) => host === '::1' && hosts.includes(HOST);
  for (let attempt = 1; ; attempt++) {
    const bound: { host: string; server: Server }[] = [];
    try {
      let port = options.port;
      for (const host of hosts) {
        const server = createServer(onRequest);
        server.on('connect', onConnect);
        server.keepAliveTimeout = 5_000;
        try {
          await listen(server, port, host, ipv6Only && isIP(host) === 6);
        } catch (error) {
          const code = (error as { code?: string }).code ?? '';
          if (!optional(host) || !NO_SUCH_ADDRESS.has(code)) throw error;
          logger.warn('loopback address unavailable; not listening on it', { host, code });
          continue;
        }
        // Without a listener, an accept error (EMFILE under Lambda's descriptor limit, say) would end the process.
        server.on('error', (error: NodeJS.ErrnoException) => {
          logger.error('listener error', { host, code: error.code ?? error.name });
        });
        bound.push({ host, server });
        port = (server.address() as AddressInfo).port;
      }
    } catch (error) {
      await Promise.all(bound.map(({ server }) => closeServer(server)));
      const code = (error as { code?: string }).code;
      if (options.port === 0 && code === 'EADDRINUSE' && attempt < PORT_ATTEMPTS) continue;
      throw error;
    }
    const servers = bound.map(({ server }) => server);
    const first = servers[0] as Server;
    return {
      server: first,
      servers,
      hosts: bound.map(({ host }) => host),
      port: (first.address() as AddressInfo).port,
      close: async () => {
        await Promise.all(servers.map(closeServer));
      },
    };
  }
}

function listen(server: Server, port: number, host: string, ipv6Only: boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, ipv6Only }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const SLASH = 0x2f;

/**
 * The request target in origin form, as the handler reads it: an absolute-form target naming the agent
 * (`http://localhost:2773/…`) is cut to its path and query; any other is passed on as it came (the handler answers
 * one naming another host 421). Origin form, what nearly every client sends, costs one character test.
 */
function requestTarget(req: IncomingMessage): string {
  const url = req.url ?? '/';
  if (url.charCodeAt(0) === SLASH) return url;
  return originForm(url, req.socket.localAddress, req.socket.localPort) ?? url;
}

const WANTED_LENGTHS = new Set(HANDLER_HEADERS.map((name) => name.length));

/**
 * The headers the handler reads, from the raw list: `req.headers` is built on first use from every raw header
 * (each name lower-cased, duplicates joined), which alone costs a few percent of a cache hit's throughput. A
 * header given more than once is an array here, so the handler can name that.
 */
function handlerHeaders(raw: readonly string[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index] as string;
    if (!WANTED_LENGTHS.has(name.length)) continue;
    const lower = name.toLowerCase();
    if (!HANDLER_HEADERS.includes(lower)) continue;
    const value = raw[index + 1] as string;
    const before = headers[lower];
    headers[lower] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return headers;
}

/** An answer written straight onto a socket (for CONNECT, which has no `ServerResponse`). */
function rawAnswer(response: AgentResponse): string {
  const headers = Object.entries(response.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`);
  const reason = STATUS_CODES[response.status] ?? 'Error';
  return (
    `HTTP/1.1 ${response.status} ${reason}\r\ncontent-type: ${response.contentType}\r\n` +
    `content-length: ${Buffer.byteLength(response.body)}\r\n${headers.join('')}connection: close\r\n\r\n${response.body}`
  );
}
