import type { NormalizedTransform } from './transformValue.js';

/** Separates the parts of a cache key; it cannot occur in an SSM, Secrets Manager or AppConfig name. */
export const KEY_SEPARATOR = '\u001f';

const functionIds = new WeakMap<object, string>();
let nextFunctionId = 0;

/** A stable id for an object compared by identity (a transform function or a schema). */
function identityId(value: object): string {
  let id = functionIds.get(value);
  if (id === undefined) {
    id = `#${++nextFunctionId}`;
    functionIds.set(value, id);
  }
  return id;
}

/** The part of a cache key that says how a value is transformed and validated. */
export function transformKeyPart(transform: NormalizedTransform, schema: object | undefined): string {
  const t = transform === undefined ? '' : typeof transform === 'function' ? identityId(transform) : transform;
  return schema === undefined ? t : `${t}~${identityId(schema)}`;
}

/**
 * A deterministic text for SDK options that select a value (keys sorted, so `{a, b}` and `{b, a}` are one key).
 * Returns '' for no options.
 */
export function stableStringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) parts.push(`${JSON.stringify(key)}:${stableStringify(member)}`);
  }
  return parts.length ? `{${parts.join(',')}}` : '';
}
