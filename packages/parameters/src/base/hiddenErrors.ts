/**
 * Errors whose text may hold a value, kept out of sight. Two kinds: what the user's own code threw (a transform
 * function, a schema's `validate`), whose message is theirs to write and often quotes its input; and an SDK failure
 * to parse an answer, whose message quotes the answer's body. Neither becomes a `cause` (util.inspect, loggers and
 * `JSON.stringify` walk the cause chain); each is attached as a non-enumerable `originalError` instead, as
 * `SchemaValidationError.issues` is, so that it stays reachable for debugging without being printed by default.
 */

/** The property that holds a hidden error. */
export const ORIGINAL_ERROR = 'originalError';

const standIns = new WeakSet<object>();

/** Attaches `original` to `error` as its non-enumerable `originalError`; returns `error`. */
export function hideOriginal<E extends Error>(error: E, original: unknown): E {
  Object.defineProperty(error, ORIGINAL_ERROR, { value: original, enumerable: false, configurable: true });
  return error;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]{0,63}$/;

/** What kind of thing was thrown, in words safe for a message: an error's class name, never its text. */
export function kindOf(thrown: unknown): string {
  if (thrown instanceof Error) return IDENTIFIER.test(thrown.name) ? thrown.name : 'Error';
  if (thrown === null) return 'null';
  return typeof thrown === 'object' ? 'a non-Error object' : `a ${typeof thrown}`;
}

interface ParseFailureLike {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown } | null;
  rawPacket?: unknown;
}

/**
 * Whether an error's text may quote an answer's body: the SDK could not parse it (bad JSON, a member of the wrong
 * type), or Node could not parse the HTTP answer (its error carries the raw bytes as `rawPacket`). An error the
 * service sent (`$fault` is set) has the service's own message, and a `SyntaxError` always quotes what it read.
 */
function mayQuoteAnswer(error: unknown): error is Error & ParseFailureLike {
  if (!(error instanceof Error) || standIns.has(error)) return false;
  const e = error as Error & ParseFailureLike;
  if (e.rawPacket !== undefined || e.name === 'SyntaxError') return true;
  if (e.$fault !== undefined) return false;
  return Object.hasOwn(e, '$response') || Object.hasOwn(e, '$responseBodyText');
}

/**
 * `error` itself when its text is safe to show, else a stand-in: an `Error` with the same `name`, the SDK's
 * `$metadata` (status and request id, which the transient-error checks read) and Node's `code`, whose message says
 * what failed without quoting the answer. The original is the stand-in's hidden `originalError`.
 *
 * @example
 * ```ts
 * throw new GetParameterError(safeError(error).message, { cause: safeError(error) });
 * ```
 */
export function safeError(error: unknown): unknown {
  if (!mayQuoteAnswer(error)) return error;
  const status = typeof error.$metadata?.httpStatusCode === 'number' ? ` (HTTP ${error.$metadata.httpStatusCode})` : '';
  const code = typeof error.code === 'string' && /^[A-Z0-9_]{1,64}$/.test(error.code) ? error.code : undefined;
  const what =
    error.rawPacket !== undefined
      ? `The answer is not valid HTTP${code === undefined ? '' : ` (${code})`}`
      : error.name === 'SyntaxError'
        ? `The answer${status} is not valid JSON`
        : `The answer${status} could not be read (${kindOf(error)})`;
  const standIn = new Error(`${what}; its text is left out, as it may hold a value`);
  standIn.name = kindOf(error);
  if (error.$metadata !== undefined) Object.assign(standIn, { $metadata: error.$metadata });
  if (code !== undefined) Object.assign(standIn, { code });
  standIns.add(standIn);
  return hideOriginal(standIn, error);
}
