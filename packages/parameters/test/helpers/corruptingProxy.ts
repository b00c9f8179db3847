import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { credentials, type TestClientConfig } from './emulator.js';

/** Rewrites one answer body; gets the status and the body the emulator sent. Returns the body to send instead. */
export type Corruption = (body: string, status: number, path: string) => string;

/** A proxy on port 0 in front of an endpoint, rewriting answer bodies, for malformed answers a server could give. */
export interface CorruptingProxy {
  readonly endpoint: string;
  /** The rewrite for the next answers; `undefined` passes bodies through. */
  corrupt: Corruption | undefined;
  /** Sends both `content-length` and `transfer-encoding`, which Node's HTTP parser refuses (HPE_* errors). */
  brokenFraming: boolean;
  /** How many answer bodies the rewrite changed so far: a test's evidence that its corruption reached a client. */
  readonly corrupted: number;
  stop(): Promise<void>;
}

/** Starts a proxy that forwards every request to `target` and passes each answer through `proxy.corrupt`. */
export async function startCorruptingProxy(target: string): Promise<CorruptingProxy> {
  const upstream = new URL(target);
  const state: { corrupt: Corruption | undefined; brokenFraming: boolean; corrupted: number } = {
    corrupt: undefined,
    brokenFraming: false,
    corrupted: 0,
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
            if (body !== original) state.corrupted += 1;
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
    get corrupted() {
      return state.corrupted;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A proxy for the calling test file (or `describe`): started before its tests, passed through after each. */
export interface ProxyForTests extends CorruptingProxy {
  /** Client settings that reach the service through the proxy (one attempt, so a corruption is seen at once). */
  readonly clientConfig: TestClientConfig;
}

/**
 * Starts a corrupting proxy in front of `target()` before the tests of the calling scope and stops it after them;
 * after each test the proxy passes answers through unchanged again (no corruption, sound framing).
 */
export function useCorruptingProxy(target: () => string): ProxyForTests {
  let started: CorruptingProxy | undefined;
  const proxy = (): CorruptingProxy => {
    if (started === undefined) throw new Error('the corrupting proxy is used before it started (use it in a test)');
    return started;
  };
  beforeAll(async () => {
    started = await startCorruptingProxy(target());
  });
  afterAll(() => started?.stop());
  afterEach(() => {
    proxy().corrupt = undefined;
    proxy().brokenFraming = false;
  });
  return {
    get endpoint() {
      return proxy().endpoint;
    },
    get clientConfig() {
      return { endpoint: proxy().endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
    },
    get corrupt() {
      return proxy().corrupt;
    },
    set corrupt(corruption) {
      proxy().corrupt = corruption;
    },
    get brokenFraming() {
      return proxy().brokenFraming;
    },
    set brokenFraming(broken) {
      proxy().brokenFraming = broken;
    },
    get corrupted() {
      return proxy().corrupted;
    },
    stop: () => proxy().stop(),
  };
}
