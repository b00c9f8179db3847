import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FORMATS, type Format, formatOf, parseSource } from '../address.js';
import { byFirst } from '../compare.js';
import type { Context } from '../context.js';
import { isEnvName } from '../envNames.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { serialize } from '../formats/files.js';
import type { Act } from '../program.js';
import { noteIfEmpty, readSource } from '../sources.js';
import type { Entry } from '../store/types.js';
import { guardTerminal } from '../values.js';

interface ExportOptions {
  format?: string;
  output?: string;
  recursive?: boolean;
  reveal?: boolean;
}

/** `paramkit export`: a path, a secrets folder or a config declaration as JSON, YAML or dotenv. */
export function registerExport(program: Command, act: Act): void {
  program
    .command('export')
    .description('write the values of a path, secrets folder or config declaration as json, yaml or dotenv')
    .argument('<source>', '/app/prod, secret:prod/, ./config.mjs (a defineConfig declaration), or a file')
    .option('--format <format>', `${FORMATS.join(', ')} (default: from --output's name, else json)`)
    .option('-o, --output <file>', 'write to this file (created readable by you only) instead of stdout')
    .option('-r, --recursive', 'include sub-paths')
    .option('--reveal', 'allow secret values to be printed on a terminal')
    .action(act(exportValues));
}

export function parseFormat(text: string | undefined, fallback: Format | undefined): Format | undefined {
  if (text === undefined) return fallback;
  if (!(FORMATS as readonly string[]).includes(text)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${text}'`);
  }
  return text as Format;
}

async function exportValues(context: Context, source: string, options: ExportOptions): Promise<number> {
  const format =
    parseFormat(options.format, options.output === undefined ? undefined : formatOf(options.output)) ?? 'json';
  const spec = parseSource(source);
  const entries = await readSource(context, spec, { recursive: options.recursive === true });
  noteIfEmpty(context, spec, entries, options.recursive === true);
  if (options.output === undefined) guardTerminal(context, entries, options.reveal);
  // A store answers in an order of its own (moto's differs from AWS's): sorted, an export diffs cleanly in git. A
  // file or declaration keeps the order it was written in.
  const values = keyed(entries, format);
  if (spec.kind === 'store') values.sort(byFirst);
  const bytes = entries.filter((entry) => entry.binary);
  if (format === 'dotenv' && bytes.length > 0) {
    context.note(
      `paramkit: ${bytes.map((entry) => entry.name).join(', ')} ${bytes.length === 1 ? 'holds' : 'hold'} bytes, ` +
        'written as base64 (dotenv holds text; json and yaml keep bytes as bytes)\n',
    );
  }
  const text = serialize(format, values);
  if (options.output === undefined) {
    context.out(text);
    return EXIT.ok;
  }
  try {
    // `mode` applies only to a file created here: an existing one is narrowed to its owner before it gets values.
    const file = await open(resolve(context.io.cwd, options.output), 'w', 0o600);
    try {
      await file.chmod(0o600);
      await file.writeFile(text);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw new CliError(`cannot write ${options.output} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (context.json) context.out(`${JSON.stringify({ file: options.output, format, count: entries.length })}\n`);
  else context.note(`wrote ${entries.length} values to ${options.output} (${format})\n`);
  return EXIT.ok;
}

/** The values by the key the format uses: the relative name, or for dotenv the environment variable name. */
function keyed(entries: readonly Entry[], format: Format): Array<[string, string, boolean]> {
  const byKey = new Map<string, Entry>();
  for (const entry of entries) {
    const key = format === 'dotenv' ? entry.envName : entry.key;
    if (format === 'dotenv' && !isEnvName(key)) {
      throw new CliError(`${entry.name} has no dotenv name ('${key}'); use json or yaml`);
    }
    const earlier = byKey.get(key);
    if (earlier !== undefined) throw new CliError(`${earlier.name} and ${entry.name} would both be written as ${key}`);
    byKey.set(key, entry);
  }
  return [...byKey].map(([key, entry]) => [key, entry.value, entry.binary === true]);
}
