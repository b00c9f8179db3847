import { request } from 'node:http';

/** The Extensions API version path. */
const BASE = '/2020-01-01/extension';

/** One lifecycle event from `event/next`. */
export interface ExtensionEvent {
  eventType: 'INVOKE' | 'SHUTDOWN' | string;
  requestId?: string;
  deadlineMs?: number;
  shutdownReason?: string;
}

/** The three calls of the Lambda Extensions API the agent makes. */
export interface ExtensionsApi {
  /** Registers for INVOKE and SHUTDOWN; resolves to the `Lambda-Extension-Identifier`. */
  register(name: string): Promise<string>;
  /** Waits (as long as it takes) for the next event; `signal` gives up the wait (the promise rejects). */
  next(id: string, signal?: AbortSignal): Promise<ExtensionEvent>;
  /** Reports a failure during INIT, so Lambda fails the init with this error type. */
  initError(id: string, errorType: string, message: string): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP call without a timeout (`event/next` blocks until Lambda has an event), unless `signal` ends it. */
function call(
  host: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  signal?: AbortSignal,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options = signal === undefined ? { method, headers } : { method, headers, signal };
    const req = request(`http://${host}${BASE}${path}`, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function expectOk(reply: Reply, what: string): void {
  if (reply.status < 200 || reply.status > 299) {
    throw new Error(`Lambda Extensions API ${what} answered ${reply.status}: ${reply.body.slice(0, 200)}`);
  }
}

/**
 * A client of the Lambda Extensions API at `AWS_LAMBDA_RUNTIME_API` (`host:port`).
 *
 * @example
 * ```ts
 * const api = extensionsApi(process.env.AWS_LAMBDA_RUNTIME_API as string);
 * const id = await api.register('paramkit-agent');
 * const event = await api.next(id);
 * ```
 */
export function extensionsApi(runtimeApi: string): ExtensionsApi {
  return {
    async register(name) {
      const body = JSON.stringify({ events: ['INVOKE', 'SHUTDOWN'] });
      const reply = await call(
        runtimeApi,
        'POST',
        '/register',
        { 'lambda-extension-name': name, 'content-type': 'application/json' },
        body,
      );
      expectOk(reply, 'register');
      const id = reply.headers['lambda-extension-identifier'];
      if (typeof id !== 'string' || id === '') {
        throw new Error('Lambda Extensions API register answered without a Lambda-Extension-Identifier header');
      }
      return id;
    },
    async next(id, signal) {
      const headers = { 'lambda-extension-identifier': id };
      const reply = await call(runtimeApi, 'GET', '/event/next', headers, undefined, signal);
      expectOk(reply, 'event/next');
      return JSON.parse(reply.body) as ExtensionEvent;
    },
    async initError(id, errorType, message) {
      const body = JSON.stringify({ errorMessage: message, errorType });
      const reply = await call(
        runtimeApi,
        'POST',
        '/init/error',
        { 'lambda-extension-identifier': id, 'lambda-extension-function-error-type': errorType },
        body,
      );
      expectOk(reply, 'init/error');
    },
  };
}
