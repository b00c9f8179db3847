import { AwsServiceError } from '../../core/awsJson.js';
import { RequestMembers } from '../../core/members.js';
import { constraintViolation, invalidParameter } from './errors.js';
import type { Input } from './input.js';
import type { StoredSecret } from './store.js';

/** The filter keys of ListSecrets and BatchGetSecretValue, in the order AWS lists them in errors. */
const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'] as const;

/** One filter key. */
export type FilterKey = (typeof FILTER_KEYS)[number];

/** A parsed filter. A value starting with `!` negates it. */
export interface SecretFilter {
  readonly key: FilterKey;
  readonly values: readonly string[];
}

const VALUE_PATTERN = /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/;

/** Reads `Filters` (up to 10, each with 1..10 values). */
export function readFilters(input: Input): SecretFilter[] | undefined {
  const members = new RequestMembers(input);
  const raw = members.optionalList('Filters');
  if (raw === undefined) return undefined;
  if (raw.length > 10) {
    throw constraintViolation('filters', 'Member must have length less than or equal to 10', `'[...]'`);
  }
  return (members.optionalStructureList('Filters') ?? []).map((filter, index) => {
    const path = `filters.${index + 1}.member`;
    if (!filter.has('Key')) throw invalidParameter('Invalid filter key');
    const key = filter.optionalEnum('Key', FILTER_KEYS) as FilterKey;
    if (!Array.isArray(filter.raw('Values'))) throw invalidParameter(`Invalid filter values for key: ${key}`);
    const checked = filter.optionalStringList('Values', { min: 1, max: 10 }, { max: 512 }) ?? [];
    checked.forEach((value, i) => {
      if (!VALUE_PATTERN.test(value)) {
        throw new AwsServiceError(
          'ValidationException',
          `1 validation error detected: Value '${value}' at '${path}.values.${i + 1}.member' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$`,
        );
      }
    });
    return { key, values: checked };
  });
}

/**
 * Whether a secret passes every filter. Within a filter, plain values are alternatives (any may match) and
 * `!values` are exclusions (none may match). Matching follows the ListSecrets documentation: prefix matches,
 * case-sensitive except for `description` and `all`; `all` splits the value into words and looks for each in
 * every attribute.
 */
export function matchesFilters(secret: StoredSecret, filters: readonly SecretFilter[]): boolean {
  return filters.every((filter) => {
    const wanted = filter.values.filter((v) => !v.startsWith('!'));
    const excluded = filter.values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
    const test = (value: string): boolean => matchesValue(secret, filter.key, value);
    return (wanted.length === 0 || wanted.some(test)) && !excluded.some(test);
  });
}

function matchesValue(secret: StoredSecret, key: FilterKey, value: string): boolean {
  const tags = secret.tags ?? [];
  switch (key) {
    case 'name':
      return secret.name.startsWith(value);
    case 'description':
      return secret.description?.toLowerCase().startsWith(value.toLowerCase()) ?? false;
    case 'tag-key':
      return tags.some((t) => t.Key.startsWith(value));
    case 'tag-value':
      return tags.some((t) => t.Value.startsWith(value));
    case 'all':
      return matchesAll(secret, value);
    default:
      // primary-region and owning-service: the emulator neither replicates secrets nor hosts service-owned ones.
      return false;
  }
}

function matchesAll(secret: StoredSecret, value: string): boolean {
  const attributes = [secret.name, secret.description ?? '', ...(secret.tags ?? []).flatMap((t) => [t.Key, t.Value])];
  const present = attributes.flatMap(searchWords);
  const wanted = searchWords(value);
  return wanted.length > 0 && wanted.every((w) => present.some((word) => word.startsWith(w)));
}

/**
 * A capitalised or lower-case run (`Database`, `creds`), an upper-case run not followed by lower case (`HTTP` in
 * `HTTPServer`), digits, or other letters. Everything else (spaces, `/_=#…`) separates words.
 */
const WORD = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+|\p{L}+/gu;

/**
 * The words of a text as the `all` filter sees them, lower-cased. AWS's "Find secrets" guide: words are separated
 * by any change from upper to lower case, from letter to number, or to punctuation, so `credsDatabase#892` is
 * `creds`, `Database` and `892`; the search is not case-sensitive. Applies to the search value and to the
 * secret's name, description and tags alike.
 */
function searchWords(text: string): string[] {
  return (text.match(WORD) ?? []).map((word) => word.toLowerCase());
}
