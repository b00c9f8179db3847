import type { Entry } from './store/types.js';

/** How two sets of values differ, going from `before` to `after`; each list sorted by key. */
export interface Differences {
  added: Array<{ key: string; after: Entry }>;
  removed: Array<{ key: string; before: Entry }>;
  changed: Array<{ key: string; before: Entry; after: Entry }>;
  unchanged: Array<{ key: string; before: Entry; after: Entry }>;
}

/**
 * Compares by `key`, or by environment variable name when one side is a dotenv file or declaration (`byEnv`). Bytes
 * and text differ even when the text is the bytes' base64, except by variable name: an environment (and so a dotenv
 * file) holds bytes as their base64.
 */
export function compare(before: readonly Entry[], after: readonly Entry[], byEnv = false): Differences {
  const keyOf = (entry: Entry) => (byEnv ? entry.envName : entry.key);
  const left = new Map(before.map((entry) => [keyOf(entry), entry]));
  const right = new Map(after.map((entry) => [keyOf(entry), entry]));
  const result: Differences = { added: [], removed: [], changed: [], unchanged: [] };
  for (const [key, entry] of right) {
    const previous = left.get(key);
    if (previous === undefined) result.added.push({ key, after: entry });
    else if (previous.value === entry.value && (byEnv || Boolean(previous.binary) === Boolean(entry.binary)))
      result.unchanged.push({ key, before: previous, after: entry });
    else result.changed.push({ key, before: previous, after: entry });
  }
  for (const [key, entry] of left) if (!right.has(key)) result.removed.push({ key, before: entry });
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  result.added.sort(byKey);
  result.removed.sort(byKey);
  result.changed.sort(byKey);
  result.unchanged.sort(byKey);
  return result;
}

/** Orders `[key, ...]` tuples by key, in code-unit order (the same on every machine, unlike `localeCompare`). */
export const byFirst = ([a]: readonly [string, ...unknown[]], [b]: readonly [string, ...unknown[]]): number =>
  a < b ? -1 : a > b ? 1 : 0;

/** The number of differences (unchanged values do not count). */
export function differenceCount(differences: Differences): number {
  return differences.added.length + differences.removed.length + differences.changed.length;
}
