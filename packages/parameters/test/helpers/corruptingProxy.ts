import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Rewrites one answer body; gets the status and the body the emulator sent. Returns the body to send instead. */
export type Corruption = (body: string, status: number, path: string) => string;

/** A proxy on port 0 in front of an endpoint, rewriting answer bodies, for malformed answers a server could give. */
export interface CorruptingProxy {
  readonly endpoint: string;
  /** The rewrite for the next answers; `undefined` passes bodies through. */
  corrupt: Corruption | undefined;
  /** Sends both `content-length` and `transfer-encoding`, which Node's HTTP parser refuses (HPE_* errors). */
  brokenFraming: boolean;
  stop(): Promise<void>;
}

/** Starts a proxy that forwards every request to `target` and passes each answer through `proxy.corrupt`. */
export async function startCorruptingProxy(target: string): Promise<CorruptingProxy> {
  const upstream = new URL(target);
  const state: { corrupt: Corruption | undefined; brokenFraming: boolean } = {
    corrupt: undefined,
    brokenFraming: false,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forwarded = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const original = Buffer.concat(parts).toString('utf8');
            const status = answer.statusCode ?? 500;
            const body = state.corrupt ? state.corrupt(original, status, req.url ?? '/') : original;
            const { 'transfer-encoding': _chunked, ...headers } = answer.headers;
            headers['content-length'] = String(Buffer.byteLength(body));
            if (state.brokenFraming) headers['transfer-encoding'] = 'chunked';
            res.writeHead(status, headers).end(body);
          });
        },
      );
      forwarded.on('error', () => res.destroy());
      forwarded.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get corrupt() {
      return state.corrupt;
    },
    set corrupt(corruption) {
      state.corrupt = corruption;
    },
    get brokenFraming() {
      return state.brokenFraming;
    },
    set brokenFraming(broken) {
      state.brokenFraming = broken;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
