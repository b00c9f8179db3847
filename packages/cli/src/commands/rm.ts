import type { Command } from 'commander';
import { displayName, parseValueAddress } from '../address.js';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import type { Act } from '../program.js';
import { describeError, formatDate } from '../run.js';
import { deleteSecret } from '../store/secrets.js';
import { deleteSsm } from '../store/ssm.js';

interface RmOptions {
  force?: boolean;
  recoveryDays?: string;
}

/** `paramkit rm`: deletes parameters (ten a call) and secrets (after a recovery window unless `--force`). */
export function registerRm(program: Command, act: Act): void {
  program
    .command('rm')
    .description('delete parameters or secrets')
    .argument('<names...>', 'parameters (/app/old) or secrets (secret:prod/old)')
    .option('--force', 'secrets: delete at once, without a recovery window')
    .option('--recovery-days <days>', 'secrets: days (7 to 30) before the deletion is final (AWS default 30)')
    .action(act(rm));
}

async function rm(context: Context, names: string[], options: RmOptions): Promise<number> {
  const addresses = names.map(parseValueAddress);
  const recoveryDays = options.recoveryDays === undefined ? undefined : Number(options.recoveryDays);
  if (recoveryDays !== undefined && !(Number.isInteger(recoveryDays) && recoveryDays >= 7 && recoveryDays <= 30)) {
    throw new UsageError(`--recovery-days must be a whole number from 7 to 30, got '${options.recoveryDays}'`);
  }
  if (recoveryDays !== undefined && options.force)
    throw new UsageError('--force and --recovery-days exclude each other');
  const deleted: Array<{ name: string; deletionDate?: string }> = [];
  const missing: string[] = [];
  // Each name is deleted on its own: one refused (a secret already scheduled for deletion, access denied) neither
  // stops the others nor hides what was already deleted.
  const failed: Array<{ name: string; error: string }> = [];
  const parameters = addresses.filter((a) => a.service === 'ssm').map((a) => a.name);
  if (parameters.length > 0) {
    const result = await deleteSsm(context.ssm, parameters);
    deleted.push(...result.deleted.map((name) => ({ name })));
    missing.push(...result.missing);
    failed.push(...result.failed.map(({ name, error }) => ({ name, error: describeError(error) })));
  }
  for (const address of addresses.filter((a) => a.service === 'secrets')) {
    try {
      const date = await deleteSecret(context.secrets, address.name, { force: options.force === true, recoveryDays });
      deleted.push({
        name: displayName(address),
        ...(date && !options.force ? { deletionDate: date.toISOString() } : {}),
      });
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') missing.push(displayName(address));
      else failed.push({ name: displayName(address), error: describeError(error) });
    }
  }
  if (context.json) context.out(`${JSON.stringify({ deleted, missing, failed })}\n`);
  else {
    for (const entry of deleted) {
      const when =
        entry.deletionDate === undefined ? '' : ` (recoverable until ${formatDate(new Date(entry.deletionDate))})`;
      context.out(`deleted ${entry.name}${when}\n`);
    }
    for (const name of missing) context.note(`paramkit: ${name} not found\n`);
    for (const { name, error } of failed) context.note(`paramkit: ${name} not deleted: ${error}\n`);
  }
  return missing.length === 0 && failed.length === 0 ? EXIT.ok : EXIT.failed;
}
