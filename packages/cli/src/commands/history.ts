import type { Command } from 'commander';
import { displayName, parseValueAddress } from '../address.js';
import type { Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import type { Act } from '../program.js';
import { isPlainType } from '../redact.js';
import { formatDate, table } from '../run.js';
import { secretHistory } from '../store/secrets.js';
import { type HistoryEntry, ssmHistory } from '../store/ssm.js';

/** `paramkit history`: every version of one value, oldest first; values only with `--reveal`. */
export function registerHistory(program: Command, act: Act): void {
  program
    .command('history')
    .description('list the versions of a parameter or secret (values hidden)')
    .argument('<name>', 'parameter (/app/db/url) or secret (secret:prod/db)')
    .option('--reveal', 'show each version’s value too')
    .action(act(history));
}

async function history(context: Context, name: string, options: { reveal?: boolean }): Promise<number> {
  const address = parseValueAddress(name);
  const reveal = options.reveal === true;
  let entries: HistoryEntry[];
  try {
    entries =
      address.service === 'ssm'
        ? await ssmHistory(context.ssm, address.name, reveal)
        : await secretHistory(context.secrets, address.name, reveal);
  } catch (error) {
    const code = (error as Error).name;
    if (code === 'ParameterNotFound' || code === 'ResourceNotFoundException') {
      throw new CliError(`${displayName(address)} not found`);
    }
    throw error;
  }
  for (const entry of entries) if (!isPlainType(entry.type)) context.redactor.add(entry.value);
  if (context.json) {
    const rows = entries.map((entry) => ({
      version: entry.version,
      modified: entry.modified?.toISOString(),
      ...(entry.by === undefined ? {} : { by: entry.by }),
      labels: entry.labels,
      ...(entry.type === undefined ? {} : { type: entry.type }),
      ...(entry.tier === undefined ? {} : { tier: entry.tier }),
      ...(reveal ? { value: entry.value } : {}),
    }));
    context.out(`${JSON.stringify({ name: displayName(address), versions: rows })}\n`);
    return EXIT.ok;
  }
  const header = ['VERSION', 'MODIFIED', 'BY', address.service === 'ssm' ? 'LABELS' : 'STAGES'];
  if (reveal) header.push('VALUE');
  const rows = entries.map((entry) => [
    entry.version,
    formatDate(entry.modified),
    entry.by ?? '-',
    entry.labels.join(',') || '-',
    ...(reveal ? [entry.value ?? ''] : []),
  ]);
  context.out(table([header, ...rows]));
  return EXIT.ok;
}
