import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { displaySource, type Format, type SourceSpec } from './address.js';
import type { Context } from './context.js';
import { loadDeclaration, readDeclaration } from './declaration.js';
import { toEnvName } from './envNames.js';
import { CliError, UsageError } from './errors.js';
import { parseValues } from './formats/files.js';
import { readAll } from './io.js';
import { readSecretsFolder } from './store/secrets.js';
import { readSsmPath, ssmTypes } from './store/ssm.js';
import type { Entry } from './store/types.js';

/** How a source is read. */
export interface ReadOptions {
  recursive: boolean;
  /** The format of a file (or stdin) whose name does not say. */
  format?: Format | undefined;
}

/**
 * Reads every value of a source: a parameter path (decrypted), a secrets folder, a file or a config declaration.
 * Secret values are registered with the redactor as they arrive, so no later message can show them.
 */
export async function readSource(context: Context, spec: SourceSpec, options: ReadOptions): Promise<Entry[]> {
  const progress = context.progress();
  const label = displaySource(spec);
  const onProgress = (count: number) => progress.update(`reading ${label}: ${count} values`);
  let entries: Entry[];
  try {
    if (spec.kind === 'store' && spec.service === 'ssm') {
      entries = await readSsmPath(context.ssm, spec.path, { recursive: options.recursive, decrypt: true, onProgress });
    } else if (spec.kind === 'store') {
      entries = await readSecretsFolder(context.secrets, spec.path, { recursive: options.recursive, onProgress });
    } else if (spec.kind === 'file') {
      entries = await readFileSource(context, spec.path, options.format ?? spec.format);
    } else {
      context.exportSettings();
      const declaration = await loadDeclaration(spec.path, context.io.cwd);
      entries = await readDeclaration(declaration, spec.path, (names) => ssmTypes(context.ssm, names));
    }
  } finally {
    progress.done();
  }
  // Only secret values are masked: a plain String such as `prod` would otherwise mangle every name holding it.
  for (const entry of entries) if (entry.secret) context.redactor.add(entry.value);
  return entries;
}

async function readFileSource(context: Context, path: string, format: Format | undefined): Promise<Entry[]> {
  if (format === undefined) {
    throw new UsageError(`cannot tell the format of ${path === '-' ? 'stdin' : path}: add --format json|yaml|dotenv`);
  }
  const text = path === '-' ? (await readAll(context.io.stdin)).toString('utf8') : await readText(context, path);
  const origin = path === '-' ? 'stdin' : path;
  // A file's values are what someone means to store, often secrets: treated as such.
  const note = (message: string) => context.note(`paramkit: ${message}\n`);
  return parseValues(format, text, origin, note).map(({ key, value, binary, line }) => ({
    key,
    name: `${origin}:${key}`,
    value,
    ...(binary ? { binary } : {}),
    secret: true,
    envName: format === 'dotenv' ? key : toEnvName(key),
    line,
  }));
}

async function readText(context: Context, path: string): Promise<string> {
  try {
    return await readFile(resolve(context.io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    throw new CliError(`cannot read ${path} (${code})`);
  }
}

/**
 * Says on stderr that a path or secrets folder held nothing, for the verbs that read it as a set of values (`diff`,
 * `export`, `env`): a single name given there (`secret:prod/db` instead of `secret:prod/`) reads as empty, and an
 * empty answer must not pass for "no differences" unremarked.
 */
export function noteIfEmpty(context: Context, spec: SourceSpec, entries: readonly Entry[], recursive: boolean): void {
  if (spec.kind !== 'store' || entries.length > 0) return;
  const hint = recursive ? '' : '; add -r for sub-paths';
  context.note(
    `paramkit: no values under ${displaySource(spec)} (a path or folder: to read one value, use get${hint})\n`,
  );
}
