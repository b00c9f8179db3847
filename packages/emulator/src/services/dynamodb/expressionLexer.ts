import { AwsServiceError } from '../../core/awsJson.js';

/** The kinds of token in DynamoDB's expression language. */
export type TokenKind = 'name' | 'alias' | 'placeholder' | 'number' | 'punct' | 'eof';

/** One token with its position in the source, so syntax errors can quote the text near it as AWS does. */
export interface Token {
  readonly kind: TokenKind;
  /** The token text: an attribute name, `#alias`, `:placeholder`, list index digits or punctuation. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Which request member an expression came from; AWS names it in every expression error. */
export type ExpressionKind =
  | 'KeyConditionExpression'
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'ProjectionExpression'
  | 'UpdateExpression';

/** An expression error, worded like AWS: `Invalid KeyConditionExpression: <detail>`. */
export function expressionError(kind: ExpressionKind, detail: string): AwsServiceError {
  return new AwsServiceError('ValidationException', `Invalid ${kind}: ${detail}`);
}

const PUNCTUATION = ['<>', '<=', '>=', '=', '<', '>', '(', ')', '[', ']', ',', '.', '+', '-'];
const WORD = /[A-Za-z0-9_]/;

/**
 * Splits an expression into tokens. Characters outside the language become a syntax error naming them,
 * so a malformed expression is a `ValidationException`, never a crash.
 */
export function tokenize(source: string, kind: ExpressionKind): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    const start = i;
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, start, end: i + punct.length });
      i += punct.length;
      continue;
    }
    let tokenKind: TokenKind;
    if (char === '#') tokenKind = 'alias';
    else if (char === ':') tokenKind = 'placeholder';
    else if (/[0-9]/.test(char)) tokenKind = 'number';
    // A bare attribute name must start with a letter; AWS reports `_x` as a syntax error at the `_`.
    else if (/[A-Za-z]/.test(char)) tokenKind = 'name';
    else
      throw expressionError(kind, `Syntax error; token: "${char}", near: "${source.slice(Math.max(0, i - 8), i + 8)}"`);
    i += tokenKind === 'alias' || tokenKind === 'placeholder' ? 1 : 0;
    while (i < source.length && WORD.test(source[i] as string)) i += 1;
    const text = source.slice(start, i);
    if (text.length === 1 && (tokenKind === 'alias' || tokenKind === 'placeholder')) {
      throw expressionError(kind, `Syntax error; token: "${text}", near: "${source.slice(start, start + 8)}"`);
    }
    if (tokenKind === 'number' && !/^[0-9]+$/.test(text)) tokenKind = 'name';
    tokens.push({ kind: tokenKind, text, start, end: i });
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: source.length, end: source.length });
  return tokens;
}
