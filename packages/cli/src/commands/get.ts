import { isParameterNotFoundError } from '@paramkit/parameters';
import type { Command } from 'commander';
import { displayName, parseValueAddress, type ValueAddress } from '../address.js';
import { missingReason } from '../batchFailures.js';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Act } from '../program.js';

interface GetOptions {
  version?: string;
  label?: string;
}

/** `paramkit get`: prints values; the one verb that shows a secret without `--reveal`, since that is its purpose. */
export function registerGet(program: Command, act: Act): void {
  program
    .command('get')
    .description('print the value of parameters or secrets')
    .argument('<names...>', 'parameter (/app/db/url, /app/db/url:3) or secret (secret:prod/db)')
    .option('--version <version>', 'SSM: a version number; Secrets Manager: a version id')
    .option('--label <label>', 'SSM: a version label; Secrets Manager: a staging label (AWSPREVIOUS)')
    .action(act(get));
}

async function get(context: Context, names: string[], options: GetOptions): Promise<number> {
  const addresses = names.map(parseValueAddress);
  if (options.version !== undefined && options.label !== undefined) {
    throw new UsageError('--version and --label select a version each: give one of them');
  }
  const [first] = addresses;
  if (addresses.length === 1 && first !== undefined) {
    const value = await readOne(context, first, options);
    if (context.json) context.out(`${JSON.stringify({ name: displayName(first), ...jsonValue(value) })}\n`);
    else if (typeof value === 'string') context.out(`${value}\n`);
    else context.io.stdout.write(value);
    return EXIT.ok;
  }
  if (options.version !== undefined || options.label !== undefined) {
    throw new UsageError('--version and --label apply to one name; give a selector in each name instead (/app/db:3)');
  }
  const { values, missing, failed } = await readMany(context, addresses);
  const found = addresses.filter((address) => values.has(address));
  if (context.json) {
    const list = found.map((address) => ({ name: displayName(address), ...jsonValue(values.get(address) ?? '') }));
    context.out(`${JSON.stringify(list)}\n`);
  } else {
    for (const address of found) context.out(`${displayName(address)}\t${text(values.get(address) ?? '')}\n`);
  }
  for (const address of missing) context.note(`paramkit: ${displayName(address)} not found\n`);
  for (const [address, reason] of failed) context.note(`paramkit: ${displayName(address)} not read: ${reason}\n`);
  return missing.length === 0 && failed.size === 0 ? EXIT.ok : EXIT.failed;
}

async function readOne(context: Context, address: ValueAddress, options: GetOptions): Promise<string | Uint8Array> {
  try {
    if (address.service === 'ssm') {
      if (options.version !== undefined && !/^[1-9]\d*$/.test(options.version)) {
        throw new UsageError(`--version of a parameter is a version number, got '${options.version}'`);
      }
      const selector = options.version ?? options.label;
      const name = selector === undefined ? address.name : `${address.name}:${selector}`;
      return await context.ssm.get(name, { decrypt: true, throwOnMissing: true });
    }
    const sdkOptions =
      options.version !== undefined
        ? { VersionId: options.version }
        : options.label !== undefined
          ? { VersionStage: options.label }
          : undefined;
    return await context.secrets.get(address.name, { throwOnMissing: true, ...(sdkOptions ? { sdkOptions } : {}) });
  } catch (error) {
    if (
      isParameterNotFoundError(error) ||
      ((error as Error).cause instanceof Error && isNotFound((error as Error).cause))
    ) {
      throw new CliError(`${displayName(address)}${selectorText(options)} not found`);
    }
    throw error;
  }
}

/** Several names: parameters with GetParameters (ten a call), secrets with BatchGetSecretValue (twenty a call). */
async function readMany(
  context: Context,
  addresses: ValueAddress[],
): Promise<{
  values: Map<ValueAddress, string | Uint8Array>;
  missing: ValueAddress[];
  failed: Map<ValueAddress, string>;
}> {
  const values = new Map<ValueAddress, string | Uint8Array>();
  const missing: ValueAddress[] = [];
  const failed = new Map<ValueAddress, string>();
  const parameters = addresses.filter((address) => address.service === 'ssm');
  const secrets = addresses.filter((address) => address.service === 'secrets');
  const [ssmValues, secretValues] = await Promise.all([
    parameters.length === 0
      ? undefined
      : context.ssm.getParametersByName(Object.fromEntries(parameters.map((a) => [a.name, {}])), {
          decrypt: true,
          throwOnError: false,
        }),
    secrets.length === 0
      ? undefined
      : context.secrets.getSecretsByName(Object.fromEntries(secrets.map((a) => [a.name, {}])), {
          throwOnError: false,
        }),
  ]);
  for (const address of addresses) {
    const found = (address.service === 'ssm' ? ssmValues : secretValues) as Record<string, unknown> | undefined;
    const value = found?.[address.name];
    if (typeof value === 'string' || value instanceof Uint8Array) {
      values.set(address, value);
      continue;
    }
    // A name kept out by a refused or failed call is not "not found": say what went wrong.
    const reason = missingReason(found, address.name);
    if (reason === undefined) missing.push(address);
    else failed.set(address, reason);
  }
  return { values, missing, failed };
}

function isNotFound(error: unknown): boolean {
  const name = (error as Error).name;
  return name === 'ParameterNotFound' || name === 'ResourceNotFoundException' || name === 'ParameterVersionNotFound';
}

function selectorText(options: GetOptions): string {
  if (options.version !== undefined) return ` (version ${options.version})`;
  return options.label === undefined ? '' : ` (label ${options.label})`;
}

function text(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : Buffer.from(value).toString('base64');
}

function jsonValue(value: string | Uint8Array): { value: string; encoding?: 'base64' } {
  return typeof value === 'string' ? { value } : { value: text(value), encoding: 'base64' };
}
