import type { NormalizedTransform } from './transformValue.js';

/** Separates the parts of a variant; it cannot occur in an SSM, Secrets Manager or AppConfig name. */
export const KEY_SEPARATOR = '\u001f';
/** Separates variant and name in a flat cache key (the form `getCacheKey` hands to providers). */
export const NAME_SEPARATOR = '\u001e';

const identityIds = new WeakMap<object, string>();
let nextIdentityId = 0;

/** A stable id for an object compared by identity (a transform function or a schema). */
function identityId(value: object): string {
  let id = identityIds.get(value);
  if (id === undefined) {
    id = `#${++nextIdentityId}`;
    identityIds.set(value, id);
  }
  return id;
}

/** The part of a cache key that says how a value is transformed and validated. */
export function transformKeyPart(transform: NormalizedTransform, schema: object | undefined): string {
  const t = transform === undefined ? '' : typeof transform === 'function' ? identityId(transform) : transform;
  return schema === undefined ? t : `${t}~${identityId(schema)}`;
}

const MAX_INTERNED = 1024;
const interned = new Map<string, Map<string, Map<string, string>>>();
let internedCount = 0;

/**
 * The variant key of a kind (`get`/`getMultiple`), transform part and provider variant. The same three parts give
 * the same string object, so a cache hit builds no new string; past a bound (variants made from unbounded input,
 * such as version ids) they are built each time instead.
 */
export function variantKey(kind: string, transformPart: string, providerVariant: string): string {
  if (transformPart === '' && providerVariant === '') return kind;
  let byTransform = interned.get(kind);
  if (byTransform === undefined) {
    byTransform = new Map();
    interned.set(kind, byTransform);
  }
  let byVariant = byTransform.get(transformPart);
  if (byVariant === undefined) {
    byVariant = new Map();
    byTransform.set(transformPart, byVariant);
  }
  let key = byVariant.get(providerVariant);
  if (key === undefined) {
    key = kind + KEY_SEPARATOR + transformPart + KEY_SEPARATOR + providerVariant;
    if (internedCount < MAX_INTERNED) {
      byVariant.set(providerVariant, key);
      internedCount++;
    }
  }
  return key;
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
