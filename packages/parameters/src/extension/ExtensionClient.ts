import { messageOf } from '../engine/errorKinds.js';
import { GetParameterError } from '../errors.js';
import type { ExtensionConnectionOptions } from '../types/Extension.js';

/** The header the extension checks against the function's session token. */
export const TOKEN_HEADER = 'X-Aws-Parameters-Secrets-Token';
const DEFAULT_PORT = 2773;
const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_CONCURRENCY = 3;
const EXCERPT_CHARS = 200;

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return number;
}

/**
 * Talks HTTP to the AWS Parameters and Secrets Lambda Extension or `paramkit-agent` with the global `fetch`:
 * sends the token, bounds the wait, caps the requests in flight, and turns answers into values or errors.
 * Settings are read once, at construction.
 *
 * @example
 * ```ts
 * const client = new ExtensionClient({ port: 2773, token: process.env.AWS_SESSION_TOKEN });
 * const body = await client.get('/secretsmanager/get?secretId=app%2Fdb', "secret 'app/db'");
 * ```
 */
export class ExtensionClient {
  readonly baseUrl: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly #maxConcurrency: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: ExtensionConnectionOptions = {}) {
    const port = positiveInteger(
      options.port ?? process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT,
      'port',
      DEFAULT_PORT,
    );
    this.baseUrl = `http://${options.host ?? 'localhost'}:${port}`;
    const token = options.token ?? process.env.AWS_SESSION_TOKEN;
    this.#headers = token === undefined ? {} : { [TOKEN_HEADER]: token };
    this.#timeoutMs = positiveInteger(options.timeoutMs, 'timeoutMs', DEFAULT_TIMEOUT_MS);
    this.#maxConcurrency = positiveInteger(
      options.maxConcurrency ?? process.env.PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS,
      'maxConcurrency',
      DEFAULT_MAX_CONCURRENCY,
    );
  }

  /**
   * GETs `pathAndQuery` and returns the parsed JSON body; `undefined` for a 404. Any other failure is a
   * `GetParameterError` naming `what` and the extension's reason (its bodies hold no values).
   */
  async get(pathAndQuery: string, what: string): Promise<unknown> {
    await this.#acquire();
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${this.baseUrl}${pathAndQuery}`, {
        headers: this.#headers,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const reason =
        (error as { name?: unknown } | null)?.name === 'TimeoutError'
          ? `no answer within ${this.#timeoutMs} ms`
          : messageOf((error as { cause?: unknown }).cause ?? error);
      throw new GetParameterError(`Unable to get ${what} from the extension at ${this.baseUrl}: ${reason}`, {
        cause: error,
      });
    } finally {
      this.#release();
    }
    if (status === 404) return undefined;
    if (status < 200 || status > 299) {
      // The cause carries the status and exception name (no text), so that the error classifier sees a throttled
      // or failing upstream as transient and a stale value can be served.
      const type = typeOf(text) ?? 'ExtensionError';
      const cause = Object.assign(new Error(type), { name: type, $metadata: { httpStatusCode: status } });
      throw new GetParameterError(`Unable to get ${what} from the extension: ${status} ${reasonOf(text)}`, { cause });
    }
    try {
      return JSON.parse(text);
    } catch {
      // Not passed on as the cause: JSON.parse's message quotes the text it failed on, which may hold the value.
      throw new GetParameterError(`Unable to get ${what}: the extension's answer is not JSON`);
    }
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.#maxConcurrency) {
      this.#active++;
      return;
    }
    // The slot is handed over by #release, so #active stays counted for the waiter.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#active--;
    else next();
  }
}

/** The `__type` of a JSON error answer. */
function typeOf(text: string): string | undefined {
  try {
    const type = (JSON.parse(text) as { __type?: unknown }).__type;
    return typeof type === 'string' && /^[A-Za-z][\w.#:-]{0,100}$/.test(type) ? type : undefined;
  } catch {
    return undefined;
  }
}

/** The reason in an error answer: `__type: message` of a JSON body, else the start of the text. */
function reasonOf(text: string): string {
  try {
    const body = JSON.parse(text) as { __type?: unknown; message?: unknown };
    if (typeof body.__type === 'string') {
      return typeof body.message === 'string' && body.message !== '' ? `${body.__type}: ${body.message}` : body.__type;
    }
  } catch {
    // Not JSON: the AWS extension answers errors as plain text.
  }
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}
