import type { Command } from 'commander';
import { displaySource, type Format, parseSource, type SourceSpec } from '../address.js';
import { byFirst, compare, differenceCount } from '../compare.js';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import type { Act } from '../program.js';
import { quoted } from '../run.js';
import { noteIfEmpty, readSource } from '../sources.js';
import type { Entry } from '../store/types.js';
import { parseFormat } from './export.js';

interface DiffOptions {
  recursive?: boolean;
  reveal?: boolean;
  format?: string;
}

/** `paramkit diff`: what is added, removed and changed from one source to another. Exit code 3 when they differ. */
export function registerDiff(program: Command, act: Act): void {
  program
    .command('diff')
    .description('compare two paths, environments, folders or files: added, removed, changed (values hidden)')
    .argument('<from>', '/app/staging, secret:staging/, a file (.json, .yaml, .env) or ./config.mjs')
    .argument('<to>', 'the same kinds')
    .option('-r, --recursive', 'include sub-paths')
    .option('--reveal', 'show the values that differ')
    .option('--format <format>', "the format of a file given as '-' (stdin)")
    .addHelpText('after', '\nExit codes: 0 no differences, 3 differences found, 1 failed, 2 bad usage.')
    .action(act(diff));
}

/**
 * A dotenv file (stdin read with `--format dotenv` included) or a declaration is keyed by variable names; the
 * comparison then uses them on both sides.
 */
function keyedByEnv(spec: SourceSpec, format: Format | undefined): boolean {
  return spec.kind === 'declaration' || (spec.kind === 'file' && (format ?? spec.format) === 'dotenv');
}

async function diff(context: Context, from: string, to: string, options: DiffOptions): Promise<number> {
  const specs = [parseSource(from), parseSource(to)] as const;
  const readOptions = { recursive: options.recursive === true, format: parseFormat(options.format, undefined) };
  const [before, after] = await Promise.all(specs.map((spec) => readSource(context, spec, readOptions)));
  noteIfEmpty(context, specs[0], before ?? [], readOptions.recursive);
  noteIfEmpty(context, specs[1], after ?? [], readOptions.recursive);
  const differences = compare(
    before ?? [],
    after ?? [],
    specs.some((spec) => keyedByEnv(spec, readOptions.format)),
  );
  const count = differenceCount(differences);
  const reveal = options.reveal === true;
  if (context.json) {
    const base64 = { encoding: 'base64' } as const;
    const shown = (entry: Entry) => (reveal ? { value: entry.value, ...(entry.binary ? base64 : {}) } : {});
    context.out(
      `${JSON.stringify({
        from: displaySource(specs[0]),
        to: displaySource(specs[1]),
        added: differences.added.map(({ key, after: a }) => ({ key, ...shown(a) })),
        removed: differences.removed.map(({ key, before: b }) => ({ key, ...shown(b) })),
        changed: differences.changed.map(({ key, before: b, after: a }) =>
          reveal
            ? {
                key,
                from: b.value,
                ...(b.binary ? { fromEncoding: 'base64' } : {}),
                to: a.value,
                ...(a.binary ? { toEncoding: 'base64' } : {}),
              }
            : { key },
        ),
        unchanged: differences.unchanged.length,
      })}\n`,
    );
    return count === 0 ? EXIT.ok : EXIT.differences;
  }
  const lines: Array<[key: string, line: string]> = [];
  for (const { key, after: a } of differences.added)
    lines.push([key, `+ ${key}${reveal ? ` = ${shownValue(a)}` : ''}`]);
  for (const { key, before: b } of differences.removed) {
    lines.push([key, `- ${key}${reveal ? ` = ${shownValue(b)}` : ''}`]);
  }
  for (const { key, before: b, after: a } of differences.changed) {
    lines.push([key, `~ ${key}${reveal ? `: ${shownValue(b)} -> ${shownValue(a)}` : ''}`]);
  }
  lines.sort(byFirst);
  const summary =
    count === 0
      ? `no differences (${differences.unchanged.length} values the same)`
      : `${count} difference${count === 1 ? '' : 's'}: ${differences.added.length} added, ` +
        `${differences.removed.length} removed, ${differences.changed.length} changed, ` +
        `${differences.unchanged.length} the same`;
  context.out(
    `${[`--- ${displaySource(specs[0])}`, `+++ ${displaySource(specs[1])}`, ...lines.map(([, line]) => line), summary].join('\n')}\n`,
  );
  return count === 0 ? EXIT.ok : EXIT.differences;
}

/** A value as `diff --reveal` shows it: quoted when it needs to be, and bytes as `bytes:` and their base64. */
function shownValue(entry: Entry): string {
  return entry.binary ? `bytes:${entry.value}` : quoted(entry.value);
}
