import { AgentConfigError } from './token.js';

/**
 * The AWS endpoint given to the agent is not usable: not a URL, not http(s), no host, or with a path, query or
 * credentials the SDK would not send. The message quotes the value (credentials masked) and the reason. Exit code 2.
 *
 * @example
 * ```ts
 * try {
 *   resolveConfig(process.env, { endpoint: 'localhost:4566' });
 * } catch (error) {
 *   if (error instanceof InvalidEndpointError) console.error(error.message); // --endpoint 'localhost:4566' is ...
 * }
 * ```
 */
export class InvalidEndpointError extends AgentConfigError {
  override readonly exitCode = 2;

  constructor(
    readonly source: string,
    value: string,
    reason: string,
  ) {
    super(`${source} '${value}' is not a usable AWS endpoint: ${reason} (expected e.g. http://127.0.0.1:4566)`);
    this.name = 'InvalidEndpointError';
  }
}

/**
 * Checks an endpoint URL once, at start, so a typo is a clear refusal instead of a failure on every read. Returns
 * it unchanged.
 *
 * @example
 * ```ts
 * checkEndpoint('http://127.0.0.1:4566', '--endpoint'); // 'http://127.0.0.1:4566'
 * ```
 */
export function checkEndpoint(value: string, source: string): string {
  // Credentials in the value are never shown: everything up to the authority's last `@` (as URL parsing splits it).
  const shown = value.replace(/^([^:/?#]*:\/\/)[^/?#]*@/, '$1***@');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidEndpointError(source, shown, 'it is not a URL');
  }
  const refuse = (reason: string) => new InvalidEndpointError(source, shown, reason);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuse(`the scheme must be http or https, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.hostname === '') throw refuse('it has no host');
  if (url.username !== '' || url.password !== '') throw refuse('it must not hold credentials');
  if (url.search !== '' || url.hash !== '') throw refuse('it must not have a query or a fragment');
  return value;
}
