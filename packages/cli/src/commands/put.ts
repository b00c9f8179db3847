import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ParameterTier, ParameterType } from '@aws-sdk/client-ssm';
import type { Command } from 'commander';
import { displayName, parseValueAddress } from '../address.js';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { readAll } from '../io.js';
import type { Act } from '../program.js';
import { isPlainType } from '../redact.js';
import { putSecret } from '../store/secrets.js';
import { putSsm, TIERS } from '../store/ssm.js';

interface PutOptions {
  file?: string;
  type?: string;
  overwrite?: boolean;
  tag: string[];
  description?: string;
  kmsKeyId?: string;
  tier?: string;
}

const TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];

/** `paramkit put`: writes one value from an argument, a file or stdin. */
export function registerPut(program: Command, act: Act): void {
  program
    .command('put')
    .description('write a parameter or secret (value from the argument, --file, or stdin)')
    .argument('<name>', 'parameter (/app/db/url) or secret (secret:prod/db)')
    .argument('[value]', "the value; '-' or leave out to read stdin (keeps it out of the shell's history)")
    .option('--file <path>', 'read the value from a file')
    .option(
      '--type <type>',
      'SSM type: String, StringList or SecureString (default: the existing type, else SecureString)',
    )
    .option('--overwrite', 'replace an existing value (a new version)')
    .option(
      '--tag <key=value>',
      'a tag key=value (repeatable); with --overwrite also added to an existing one',
      collect,
      [],
    )
    .option('--description <text>', 'description')
    .option('--kms-key-id <key>', 'KMS key for a SecureString or secret')
    .option(
      '--tier <tier>',
      'SSM tier: Standard (up to 4 KB, the default), Advanced (up to 8 KB) or Intelligent-Tiering',
    )
    .action(act(put));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function put(context: Context, name: string, value: string | undefined, options: PutOptions): Promise<number> {
  const address = parseValueAddress(name);
  const tags = options.tag.map(parseTag);
  if (address.service === 'secrets' && options.type !== undefined) {
    throw new UsageError('--type applies to SSM parameters; a secret has no type');
  }
  if (address.service === 'secrets' && options.tier !== undefined) {
    throw new UsageError('--tier applies to SSM parameters; a secret has no tier');
  }
  if (options.tier !== undefined && !(TIERS as readonly string[]).includes(options.tier)) {
    throw new UsageError(`--tier must be one of ${TIERS.join(', ')}, got '${options.tier}'`);
  }
  if (options.type !== undefined && !(TYPES as readonly string[]).includes(options.type)) {
    throw new UsageError(`--type must be one of ${TYPES.join(', ')}, got '${options.type}'`);
  }
  const text = await valueFrom(context, value, options.file);
  if (typeof text !== 'string' && address.service === 'ssm') {
    throw new UsageError(
      `the value read from ${options.file ?? 'stdin'} is not UTF-8 text, and Parameter Store holds only text: ` +
        'store it base64-encoded, or as a secret (secret:name), which holds bytes',
    );
  }
  // A value written as plain text is no secret, and masking it (`prod`) would mangle the names in messages.
  if (!isPlainType(options.type)) context.redactor.add(text);
  const shown = displayName(address);
  let version: string;
  let tagError: unknown;
  try {
    if (address.service === 'ssm') {
      const result = await putSsm(context.ssm, {
        name: address.name,
        value: text as string,
        type: options.type as ParameterType | undefined,
        overwrite: options.overwrite === true,
        tags,
        description: options.description,
        kmsKeyId: options.kmsKeyId,
        tier: options.tier as ParameterTier | undefined,
      });
      version = String(result.version);
      tagError = result.tagError;
    } else {
      const result = await putSecret(context.secrets, {
        name: address.name,
        value: text,
        overwrite: options.overwrite === true,
        tags,
        description: options.description,
        kmsKeyId: options.kmsKeyId,
      });
      version = result.version;
      tagError = result.tagError;
    }
  } catch (error) {
    if (existsError(error)) throw new CliError(`${shown} already exists: pass --overwrite to write a new version`);
    throw error;
  }
  if (context.json) context.out(`${JSON.stringify({ name: shown, version, tagged: tags.length > 0 && !tagError })}\n`);
  else context.out(`${shown}: version ${version}\n`);
  if (tagError !== undefined) {
    const reason = (tagError as Error).name ?? 'Error';
    context.note(`paramkit: ${shown} was written (version ${version}) but its tags were not applied (${reason})\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

/**
 * The value to write: the argument, or the bytes of a file or stdin. Text loses one final newline; bytes that are
 * not UTF-8 (a certificate in DER, a keystore) come back as they are, since decoding them would replace what is
 * not text and write a different value.
 */
async function valueFrom(
  context: Context,
  value: string | undefined,
  file: string | undefined,
): Promise<string | Uint8Array> {
  if (value !== undefined && file !== undefined) throw new UsageError('give the value or --file, not both');
  if (value !== undefined && value !== '-') {
    if (value === '') throw new UsageError('the value is empty');
    return value;
  }
  let bytes: Buffer;
  if (file !== undefined) {
    try {
      bytes = await readFile(resolve(context.io.cwd, file));
    } catch (error) {
      throw new CliError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    if (value === undefined && context.io.stdin.isTTY === true) {
      throw new UsageError("give a value, --file <path>, or pipe the value into stdin (or '-' to type it)");
    }
    bytes = await readAll(context.io.stdin);
  }
  if (bytes.length === 0) throw new UsageError(`the value read from ${file ?? 'stdin'} is empty`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return bytes;
  }
  // `echo value | paramkit put` and editors add a final newline that is not part of the value.
  const trimmed = text.replace(/\r?\n$/, '');
  if (trimmed === '') throw new UsageError(`the value read from ${file ?? 'stdin'} is empty`);
  return trimmed;
}

function parseTag(text: string): { Key: string; Value: string } {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--tag takes key=value, got '${text}'`);
  return { Key: text.slice(0, at), Value: text.slice(at + 1) };
}

function existsError(error: unknown): boolean {
  const names = [(error as Error).name, ((error as Error).cause as Error | undefined)?.name];
  return names.includes('ParameterAlreadyExists') || names.includes('ResourceExistsException');
}
