import { TRANSFORM_METHOD_AUTO, TRANSFORM_METHOD_BINARY, TRANSFORM_METHOD_JSON } from '../constants.js';
import { TransformParameterError } from '../errors.js';
import type { TransformFunction } from '../types/BaseProvider.js';
import { decodeBase64 } from './base64.js';
import { hideOriginal, kindOf } from './hiddenErrors.js';

/** A transform after normalisation: a built-in name in lower case, or a function. */
export type NormalizedTransform = 'json' | 'binary' | 'auto' | TransformFunction | undefined;

const BUILT_IN: Readonly<Record<string, 'json' | 'binary' | 'auto'>> = {
  json: 'json',
  binary: 'binary',
  auto: 'auto',
};

/** Checks a `transform` option and folds case (`'JSON'` and `'json'` are one transform and one cache entry). */
export function normalizeTransform(transform: unknown): NormalizedTransform {
  if (transform === undefined || transform === null || transform === '') return undefined;
  if (typeof transform === 'function') return transform as TransformFunction;
  if (typeof transform === 'string') {
    const known = BUILT_IN[transform] ?? BUILT_IN[transform.toLowerCase()];
    if (known !== undefined) return known;
  }
  throw new TypeError(
    `Invalid transform ${JSON.stringify(String(transform))}: expected 'json', 'binary', 'auto' or a function`,
  );
}

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8');
const strictUtf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** The transform a name selects under `'auto'`: by its `.json` / `.binary` suffix, or none. */
export function autoTransformFor(name: string): 'json' | 'binary' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(`.${TRANSFORM_METHOD_JSON}`)) return TRANSFORM_METHOD_JSON;
  if (lower.endsWith(`.${TRANSFORM_METHOD_BINARY}`)) return TRANSFORM_METHOD_BINARY;
  return undefined;
}

/**
 * Applies a transform to a raw value. Errors name the transform and the parameter, never the value: a
 * `JSON.parse` message quotes the text it failed on, so it is not passed on.
 */
export function transformValue(value: string | Uint8Array, transform: NormalizedTransform, name: string): unknown {
  if (transform === undefined) return value;
  if (typeof transform === 'function') {
    try {
      return transform(value, name);
    } catch (error) {
      // Not the cause: a function's error often quotes its input (JSON.parse's does).
      const failure = `the transform function threw ${kindOf(error)} for '${name}' (see originalError)`;
      throw hideOriginal(new TransformParameterError('custom', failure), error);
    }
  }
  const effective = transform === TRANSFORM_METHOD_AUTO ? autoTransformFor(name) : transform;
  if (effective === undefined) return value;
  const text = typeof value === 'string' ? value : utf8.decode(value);
  if (effective === TRANSFORM_METHOD_JSON) {
    try {
      return JSON.parse(text);
    } catch {
      throw new TransformParameterError(transform, `the value of '${name}' is not valid JSON`);
    }
  }
  const bytes = decodeBase64(text);
  if (bytes === undefined) {
    throw new TransformParameterError(transform, `the value of '${name}' is not valid base64`);
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Decoding loosely would replace bytes with U+FFFD and hand back corrupted data without a word.
    throw new TransformParameterError(
      transform,
      `the base64 value of '${name}' does not decode to UTF-8 text; read it without a transform to get its bytes`,
    );
  }
}
