import { parseSource, type SourceSpec } from './address.js';
import type { Context } from './context.js';
import { isEnvName } from './envNames.js';
import { UsageError } from './errors.js';
import { noteIfEmpty, type ReadOptions, readSource } from './sources.js';
import type { Entry } from './store/types.js';

/**
 * Reads several sources into one environment: later sources override earlier ones (as chamber's `exec` does), and
 * two keys of one source that map to the same variable name are reported, the later one kept.
 */
export async function readEnvironment(
  context: Context,
  sources: readonly string[],
  options: ReadOptions,
): Promise<Map<string, Entry>> {
  const specs: SourceSpec[] = sources.map(parseSource);
  const lists = await Promise.all(specs.map((spec) => readSource(context, spec, options)));
  for (const [index, spec] of specs.entries()) noteIfEmpty(context, spec, lists[index] ?? [], options.recursive);
  const merged = new Map<string, Entry>();
  for (const entries of lists) {
    const seen = new Map<string, Entry>();
    for (const entry of entries) {
      if (!isEnvName(entry.envName)) {
        context.note(`paramkit: skipped ${entry.name}: '${entry.envName}' cannot be an environment variable name\n`);
        continue;
      }
      const earlier = seen.get(entry.envName);
      if (earlier !== undefined) {
        context.note(`paramkit: ${earlier.name} and ${entry.name} both become ${entry.envName}; ${entry.name} wins\n`);
      }
      seen.set(entry.envName, entry);
      merged.set(entry.envName, entry);
    }
  }
  return merged;
}

/**
 * Refuses to print secret values to a terminal unless `--reveal` was given: a screen is read over shoulders and
 * kept in scrollback. Pipes and files (`eval "$(paramkit env ...)"`, `> .env`) are what these verbs are for.
 */
export function guardTerminal(context: Context, entries: Iterable<Entry>, reveal: boolean | undefined): void {
  if (reveal === true || context.io.stdout.isTTY !== true) return;
  const secrets = [...entries].filter((entry) => entry.secret).length;
  if (secrets === 0) return;
  throw new UsageError(
    `this would print ${secrets} secret value${secrets === 1 ? '' : 's'} to the terminal: ` +
      'redirect or pipe the output, write a file with -o, or add --reveal',
  );
}
