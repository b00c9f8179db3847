/**
 * The leak rule for the calls a drop-in makes with the SDK itself (DescribeSecret for `fetchRotationDate`), which
 * do not go through a provider: when the SDK could not read an answer (bad JSON, an HTTP parse error), its error's
 * text quotes the answer's body, which may hold a value. Such an error is replaced by one that says what failed,
 * with the SDK's `$metadata` and Node's `code`; the original stays reachable, not printed, as its non-enumerable
 * `originalError` (as the library does for its own calls).
 *
 * @example
 * ```ts
 * try { await client.send(command); } catch (error) { throw withoutAnswerText(error); }
 * ```
 */
export function withoutAnswerText(error: unknown): unknown {
  if (!mayQuoteAnswer(error)) return error;
  const status = typeof error.$metadata?.httpStatusCode === 'number' ? ` (HTTP ${error.$metadata.httpStatusCode})` : '';
  const code = typeof error.code === 'string' && /^[A-Z0-9_]{1,64}$/.test(error.code) ? error.code : undefined;
  const what =
    error.rawPacket !== undefined
      ? `The answer is not valid HTTP${code === undefined ? '' : ` (${code})`}`
      : `The answer${status} ${error.name === 'SyntaxError' ? 'is not valid JSON' : 'could not be read'}`;
  const standIn = new Error(`${what}; its text is left out, as it may hold a value`);
  standIn.name = /^[A-Za-z_$][\w$]{0,63}$/.test(error.name) ? error.name : 'Error';
  if (error.$metadata !== undefined) Object.assign(standIn, { $metadata: error.$metadata });
  if (code !== undefined) Object.assign(standIn, { code });
  Object.defineProperty(standIn, 'originalError', { value: error, enumerable: false, configurable: true });
  return standIn;
}

interface AnswerErrorLike {
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown } | null;
  rawPacket?: unknown;
}

/** A parse failure of an answer; an error the service sent (`$fault`) carries the service's own words. */
function mayQuoteAnswer(error: unknown): error is Error & AnswerErrorLike {
  if (!(error instanceof Error)) return false;
  const e = error as Error & AnswerErrorLike;
  if (e.rawPacket !== undefined || e.name === 'SyntaxError') return true;
  if (e.$fault !== undefined) return false;
  return Object.hasOwn(e, '$response') || Object.hasOwn(e, '$responseBodyText');
}
