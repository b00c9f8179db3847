import { AwsServiceError } from '../../core/awsJson.js';
import { type ExpressionKind, expressionError } from './expressionLexer.js';
import { typeError } from './members.js';
import { type AttributeValue, canonicalValue, nestingTooDeep } from './values.js';

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/**
 * The `ExpressionAttributeNames` and `ExpressionAttributeValues` of one request. Expressions resolve `#alias`
 * and `:placeholder` through it, and it remembers which were used, because AWS rejects unused ones.
 */
export class ExpressionAttributes {
  readonly #names: ReadonlyMap<string, string>;
  readonly #values: ReadonlyMap<string, AttributeValue>;
  readonly #usedNames = new Set<string>();
  readonly #usedValues = new Set<string>();

  /** Validates both members as AWS does (present means non-empty, keys start with `#` / `:`). */
  constructor(names: unknown, values: unknown) {
    this.#names = readNames(names);
    this.#values = readValues(values);
  }

  /** The attribute name an `#alias` stands for. */
  name(alias: string, kind: ExpressionKind): string {
    const name = this.#names.get(alias);
    if (name === undefined) {
      throw expressionError(
        kind,
        `An expression attribute name used in the document path is not defined; attribute name: ${alias}`,
      );
    }
    this.#usedNames.add(alias);
    return name;
  }

  /** The value a `:placeholder` stands for. */
  value(placeholder: string, kind: ExpressionKind): AttributeValue {
    const value = this.#values.get(placeholder);
    if (value === undefined) {
      throw expressionError(
        kind,
        `An expression attribute value used in expression is not defined; attribute value: ${placeholder}`,
      );
    }
    this.#usedValues.add(placeholder);
    return value;
  }

  /**
   * Throws when a name or value was sent but no expression of the request used it, as AWS does.
   * Call after parsing every expression of the request; `hasExpression` says whether there was any.
   */
  assertAllUsed(hasExpression: boolean): void {
    if (!hasExpression && this.#names.size > 0) {
      throw invalid('ExpressionAttributeNames can only be specified when using expressions');
    }
    if (!hasExpression && this.#values.size > 0) {
      throw invalid('ExpressionAttributeValues can only be specified when using expressions');
    }
    const unusedNames = [...this.#names.keys()].filter((k) => !this.#usedNames.has(k));
    if (unusedNames.length > 0) {
      throw invalid(
        `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`,
      );
    }
    const unusedValues = [...this.#values.keys()].filter((k) => !this.#usedValues.has(k));
    if (unusedValues.length > 0) {
      throw invalid(
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`,
      );
    }
  }
}

function readNames(raw: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (raw === undefined || raw === null) return names;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw typeError(raw, 'Map');
  }
  const entries = Object.entries(raw);
  if (entries.length === 0) throw invalid('ExpressionAttributeNames must not be empty');
  for (const [key, value] of entries) {
    if (!/^#[A-Za-z0-9_]+$/.test(key)) {
      throw invalid(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
    }
    if (typeof value !== 'string') {
      throw typeError(value, 'String');
    }
    if (value === '')
      throw invalid(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`);
    names.set(key, value);
  }
  return names;
}

function readValues(raw: unknown): Map<string, AttributeValue> {
  const values = new Map<string, AttributeValue>();
  if (raw === undefined || raw === null) return values;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw typeError(raw, 'Map');
  }
  const entries = Object.entries(raw);
  if (entries.length === 0) throw invalid('ExpressionAttributeValues must not be empty');
  for (const [key, value] of entries) {
    if (!/^:[A-Za-z0-9_]+$/.test(key)) {
      throw invalid(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
    }
    try {
      values.set(key, canonicalValue(value, key));
    } catch (error) {
      if (!(error instanceof AwsServiceError) || error.code !== 'ValidationException') throw error;
      // AWS words a value nested too deep exactly as it does for an item.
      if (error.message === nestingTooDeep().message) throw error;
      throw invalid(`ExpressionAttributeValues contains invalid value: ${error.message} for key ${key}`);
    }
  }
  return values;
}
