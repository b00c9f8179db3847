/**
 * Errors thrown by paramkit. Every class takes `{ cause }`; messages name the parameter and the failure, never
 * the value. Use the `is*` guards rather than `instanceof` when two copies of the package may be bundled.
 *
 * @example
 * ```ts
 * import { GetParameterError, isParameterNotFoundError } from '@paramkit/parameters/errors';
 * try {
 *   await getParameter('/app/missing', { throwOnMissing: true });
 * } catch (error) {
 *   if (isParameterNotFoundError(error)) console.log('not there');
 * }
 * ```
 */

/** A value could not be retrieved. The AWS SDK error, when there is one, is the `cause`. */
export class GetParameterError extends Error {
  /**
   * What your own code threw (a transform or a schema in a batch), kept out of the message and the `cause` chain
   * because it may quote the value: non-enumerable, so `util.inspect`, `JSON.stringify` and loggers skip it.
   */
  declare readonly originalError?: unknown;
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GetParameterError';
  }
}

/** The value does not exist and the caller asked for `throwOnMissing`. */
export class ParameterNotFoundError extends GetParameterError {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ParameterNotFoundError';
  }
}

/** A value could not be stored. The AWS SDK error is the `cause`. */
export class SetParameterError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SetParameterError';
  }
}

/** A transform failed. The message names the transform and the parameter, never the value. */
export class TransformParameterError extends Error {
  /**
   * What your transform function or schema threw, when one did. Not the `cause`: its message may quote the value,
   * so it is non-enumerable, skipped by `util.inspect`, `JSON.stringify` and loggers. Read it to debug.
   *
   * @example
   * ```ts
   * if (error instanceof TransformParameterError) console.debug(error.originalError);
   * ```
   */
  declare readonly originalError?: unknown;
  constructor(transform: string, message: string, options?: ErrorOptions) {
    super(`Unable to transform value using '${transform}' transform: ${message}`, options);
    this.name = 'TransformParameterError';
  }
}

/** One problem a schema found, without the offending value. */
export interface SchemaIssue {
  readonly message: string;
  readonly path: readonly PropertyKey[];
}

/**
 * A value failed the `schema` given in the options. The message names the paths that failed; `issues` holds the
 * validator's own messages, which some validators write with the received value in them, so it is kept out of
 * `JSON.stringify` and structured loggers (non-enumerable).
 */
export class SchemaValidationError extends TransformParameterError {
  declare readonly issues: readonly SchemaIssue[];
  constructor(parameterName: string, issues: readonly SchemaIssue[], options?: ErrorOptions) {
    const where = issues.map((issue) => (issue.path.length ? issue.path.map(String).join('.') : '(root)'));
    super('schema', `value of '${parameterName}' failed validation at ${where.join(', ') || '(root)'}`, options);
    this.name = 'SchemaValidationError';
    Object.defineProperty(this, 'issues', { value: issues, enumerable: false });
  }
}

const hasName = (error: unknown, ...names: string[]): boolean => error instanceof Error && names.includes(error.name);

/** True for a `GetParameterError` (and `ParameterNotFoundError`), from any copy of this package. */
export const isGetParameterError = (error: unknown): error is GetParameterError =>
  hasName(error, 'GetParameterError', 'ParameterNotFoundError');

/** True for a `ParameterNotFoundError`, from any copy of this package. */
export const isParameterNotFoundError = (error: unknown): error is ParameterNotFoundError =>
  hasName(error, 'ParameterNotFoundError');

/** True for a `TransformParameterError` (and `SchemaValidationError`), from any copy of this package. */
export const isTransformParameterError = (error: unknown): error is TransformParameterError =>
  hasName(error, 'TransformParameterError', 'SchemaValidationError');

/** True for a `SetParameterError`, from any copy of this package. */
export const isSetParameterError = (error: unknown): error is SetParameterError => hasName(error, 'SetParameterError');

/**
 * For AWS SDK calls made outside paramkit's providers: `error` itself when its text is safe to show, else a
 * stand-in that says what failed without quoting the answer. An SDK parse failure (bad JSON, a member of the wrong
 * type, broken HTTP) quotes part of the answer's body in its message, and that body may hold a value; an error the
 * service sent is passed through. The stand-in keeps the `name`, the SDK's `$metadata` and Node's `code`, and the
 * original stays reachable, unprinted, as its non-enumerable `originalError`.
 *
 * @example
 * ```ts
 * import { withoutAnswerText } from '@paramkit/parameters/errors';
 * try {
 *   await client.send(command);
 * } catch (error) {
 *   throw withoutAnswerText(error);
 * }
 * ```
 */
export { safeError as withoutAnswerText } from './base/hiddenErrors.js';
