/** Why AppConfigData refused a configuration token (`InvalidParameterProblem`), or `'Unknown'` when it did not say. */
export type TokenProblem = 'Corrupted' | 'Expired' | 'PollIntervalNotSatisfied' | 'Unknown';

interface BadRequestLike {
  name?: unknown;
  message?: unknown;
  Details?: { InvalidParameters?: Record<string, { Problem?: unknown } | undefined> };
}

/**
 * What was wrong with the token, when `error` is AppConfigData's `BadRequestException` about it; `undefined` for
 * any other error. Read by `name` and shape, not `instanceof`, so a second copy of the SDK is recognised too.
 *
 * @example
 * ```ts
 * if (tokenProblem(error) === 'Expired') startNewSession();
 * ```
 */
export function tokenProblem(error: unknown): TokenProblem | undefined {
  const e = error as BadRequestLike | null | undefined;
  if (e?.name !== 'BadRequestException') return undefined;
  const problem = e.Details?.InvalidParameters?.ConfigurationToken?.Problem;
  if (problem === 'Corrupted' || problem === 'Expired' || problem === 'PollIntervalNotSatisfied') return problem;
  // AWS's message for a poll before the interval is "Request too early"; older answers may carry no details.
  if (typeof e.message === 'string' && /too early/i.test(e.message)) return 'PollIntervalNotSatisfied';
  return 'Unknown';
}
