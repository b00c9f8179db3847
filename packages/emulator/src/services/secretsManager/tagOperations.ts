import { checkTagCount, readSecretId, readTags } from './fields.js';
import { requireStringList } from './input.js';
import type { SecretStore } from './store.js';

// TagResource and UntagResource. Tags are the secret's metadata, not its versions'; DescribeSecret and ListSecrets
// show them (`Tags`), and ListSecrets filters on them.

type Output = Record<string, unknown>;

/**
 * TagResource: adds tags to a secret; a key it already has gets the new value, in its place. Tags that would take
 * the secret past its quota are refused, and none of them is applied.
 */
export function tagResource(input: Record<string, unknown>, store: SecretStore): Output {
  const secretId = readSecretId(input);
  const tags = readTags(input, true);
  const secret = store.requireActive(secretId);
  const merged = new Map((secret.tags ?? []).map((tag) => [tag.Key, tag.Value]));
  for (const tag of tags) merged.set(tag.Key, tag.Value);
  const next = [...merged].map(([Key, Value]) => ({ Key, Value }));
  checkTagCount(next);
  secret.tags = next;
  return {};
}

/** UntagResource: removes tag keys from a secret; keys it does not have are ignored (the call is idempotent). */
export function untagResource(input: Record<string, unknown>, store: SecretStore): Output {
  const secretId = readSecretId(input);
  const keys = requireStringList(input, 'TagKeys', {}, { min: 1, max: 128 });
  const secret = store.requireActive(secretId);
  if (secret.tags !== undefined) secret.tags = secret.tags.filter((tag) => !keys.includes(tag.Key));
  return {};
}
