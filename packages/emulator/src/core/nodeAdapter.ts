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
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const response = await handler({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
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
    const tooLarge = error instanceof BodyTooLargeError;
    res.writeHead(tooLarge ? 413 : 500, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        __type: tooLarge ? 'RequestEntityTooLargeException' : 'InternalFailure',
        message: (error as Error).message,
      }),
    );
  }
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
