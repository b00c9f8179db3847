import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorRequest, EmulatorResponse } from './types.js';

/** Largest request body the emulator reads (AWS's own limits are far lower). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type RequestHandler = (request: EmulatorRequest) => Promise<EmulatorResponse | undefined>;

/** Serves `handler` over `node:http`; resolves once listening. */
export async function listen(
  handler: RequestHandler,
  port: number,
  host: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    void serve(handler, req, res);
  });
  // AWS SDK clients keep connections alive; without this, stop() would wait for them to idle out.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes the server and every open connection. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function serve(handler: RequestHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const target = requestTarget(req.url ?? '/');
    if (!target) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ __type: 'BadRequest', message: 'The request target is not a valid path.' }));
      return;
    }
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const response = await handler({
      method: req.method ?? 'GET',
      path: target.path,
      query: target.query,
      headers,
      body,
    });
    if (response === undefined) {
      req.socket.destroy();
      return;
    }
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof BodyTooLargeError) {
      // The rest of the body is still on its way, so this connection cannot carry another request: say so, and
      // close it once the answer is out (Node does, for `Connection: close`). The client opens a new one.
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ __type: 'RequestEntityTooLargeException', message: error.message }));
      return;
    }
    // Reached only by a bug in the emulator; the error's own text could quote request data, so it stays out.
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ __type: 'InternalFailure', message: 'The emulator failed to answer this request.' }));
  }
}

/**
 * The path and query of a request target. The path is taken as sent (`//` stays `//`): `new URL(target, base)`
 * would read `//x` as a host name, and throw on `//`. An absolute-form target (`http://host/path`, as sent to a
 * proxy) is reduced to its path; anything else that is not a path is refused.
 */
function requestTarget(raw: string): { path: string; query: URLSearchParams } | undefined {
  let target = raw;
  if (!target.startsWith('/')) {
    if (!URL.canParse(target)) return undefined;
    const url = new URL(target);
    target = `${url.pathname}${url.search}`;
  }
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  return { path, query: new URLSearchParams(mark < 0 ? '' : target.slice(mark + 1)) };
}

class BodyTooLargeError extends Error {}

/**
 * Reads the request body, refusing it once it passes `MAX_BODY_BYTES` (at once when `Content-Length` says so).
 * The stream is left flowing, not destroyed, so the 413 can still be written before the socket closes.
 */
function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const tooLarge = () => new BodyTooLargeError(`The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.off('end', onEnd);
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}
