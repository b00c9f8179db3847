import { AwsServiceError } from '../../core/awsJson.js';

/** One page of `items` and the token for the next page, if there is one. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string | undefined;
}

const TOKEN_PREFIX = 'paramkit-sm:';

/**
 * Cuts a page out of `items`. Tokens are opaque to clients (base64 of an offset, tagged so a token from another
 * service or a hand-made string is rejected with `InvalidNextTokenException`, as AWS rejects foreign tokens).
 */
export function paginate<T>(items: readonly T[], pageSize: number, nextToken: string | undefined): Page<T> {
  const start = nextToken === undefined ? 0 : decodeToken(nextToken);
  const end = start + pageSize;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(`${TOKEN_PREFIX}${end}`).toString('base64') : undefined,
  };
}

function decodeToken(token: string): number {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const offset = text.startsWith(TOKEN_PREFIX) ? Number(text.slice(TOKEN_PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new AwsServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');
  }
  return offset;
}
