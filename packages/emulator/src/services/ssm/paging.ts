import { AwsServiceError } from '../../core/awsJson.js';

/** One page of a listing and the token for the next, if any. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string | undefined;
}

/**
 * Pages through `items` (already in a stable order) after the position a token remembers. Tokens record the
 * last item's position key, not an offset, so items added or removed between calls do not shift later pages;
 * they also record the query they belong to, so a token cannot be replayed against another query.
 *
 * @param query - identifies the listing (path, filters, ...); a token from another query is rejected.
 * @param positionOf - a unique, order-preserving key of an item.
 */
export function paginate<T>(
  items: readonly T[],
  options: { query: string; token: string | undefined; maxResults: number; positionOf: (item: T) => string },
): Page<T> {
  const after = options.token === undefined ? undefined : decodeToken(options.token, options.query);
  const start = after === undefined ? 0 : items.findIndex((item) => options.positionOf(item) > after);
  if (start === -1) return { items: [], nextToken: undefined };
  const pageItems = items.slice(start, start + options.maxResults);
  const last = pageItems.at(-1);
  const more = start + options.maxResults < items.length;
  return {
    items: pageItems,
    nextToken: more && last !== undefined ? encodeToken(options.query, options.positionOf(last)) : undefined,
  };
}

interface TokenContent {
  q: string;
  after: string;
}

function encodeToken(query: string, after: string): string {
  const content: TokenContent = { q: query, after };
  return Buffer.from(JSON.stringify(content)).toString('base64url');
}

function decodeToken(token: string, query: string): string {
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const { q, after } = (content ?? {}) as Partial<TokenContent>;
  if (q !== query || typeof after !== 'string') throw invalidToken();
  return after;
}

// GetParametersByPath and GetParameterHistory document InvalidNextToken for a token they did not issue.
function invalidToken(): AwsServiceError {
  return new AwsServiceError('InvalidNextToken', 'The specified token is not valid.');
}
