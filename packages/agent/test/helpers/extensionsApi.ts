import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake Extensions API saw. */
export interface ApiLog {
  registrations: { name: string | undefined; body: unknown }[];
  nextCalls: string[];
  initErrors: { id: string | undefined; type: string | undefined; body: unknown }[];
}

/** A local stand-in for the Lambda Extensions API, answering `event/next` with `events` in turn. */
export interface FakeExtensionsApi {
  /** `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`. */
  readonly runtimeApi: string;
  readonly log: ApiLog;
  close(): Promise<void>;
}

export const EXTENSION_ID = 'ext-0f3c-identifier';

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * Starts a fake Extensions API. Before answering registration it awaits `beforeRegister()`, and before answering
 * each `event/next` `beforeEvent(index)`, so a test can check the agent at those points (it must already serve
 * while it registers). `registerStatus` makes registration fail.
 */
export async function startFakeExtensionsApi(options: {
  events: object[];
  beforeRegister?: () => Promise<void>;
  beforeEvent?: (index: number) => Promise<void>;
  registerStatus?: number;
}): Promise<FakeExtensionsApi> {
  const log: ApiLog = { registrations: [], nextCalls: [], initErrors: [] };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const base = '/2020-01-01/extension';
      if (req.method === 'POST' && req.url === `${base}/register`) {
        log.registrations.push({ name: req.headers['lambda-extension-name'] as string, body: await readJson(req) });
        await options.beforeRegister?.();
        const status = options.registerStatus ?? 200;
        res.writeHead(status, status === 200 ? { 'lambda-extension-identifier': EXTENSION_ID } : {});
        res.end(JSON.stringify({ functionName: 'fn', functionVersion: '$LATEST', handler: 'index.handler' }));
        return;
      }
      if (req.method === 'GET' && req.url === `${base}/event/next`) {
        const index = log.nextCalls.length;
        log.nextCalls.push(req.headers['lambda-extension-identifier'] as string);
        await options.beforeEvent?.(index);
        const event = options.events[index];
        if (event === undefined) {
          res.writeHead(500).end('no more events');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(event));
        return;
      }
      if (req.method === 'POST' && req.url === `${base}/init/error`) {
        log.initErrors.push({
          id: req.headers['lambda-extension-identifier'] as string,
          type: req.headers['lambda-extension-function-error-type'] as string,
          body: await readJson(req),
        });
        res.writeHead(202).end('{}');
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    runtimeApi: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const INVOKE = { eventType: 'INVOKE', requestId: 'req-1', deadlineMs: Date.now() + 3000 };
export const SHUTDOWN = { eventType: 'SHUTDOWN', shutdownReason: 'spindown', deadlineMs: Date.now() + 2000 };
