import type { Command } from 'commander';
import { displaySource, parseSource } from '../address.js';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import type { Act } from '../program.js';
import { formatDate, table } from '../run.js';
import { currentVersion, listSecrets, readSecretsFolder, secretFolder } from '../store/secrets.js';
import { readSsmPath } from '../store/ssm.js';

interface LsOptions {
  recursive?: boolean;
  reveal?: boolean;
}

interface Listed {
  name: string;
  type: string;
  version: string;
  modified: Date | undefined;
  value?: string;
}

/** `paramkit ls`: names, types, versions and dates under a path; values only with `--reveal`. */
export function registerLs(program: Command, act: Act): void {
  program
    .command('ls')
    .description('list the parameters under a path, or the secrets in a folder (values hidden)')
    .argument('[path]', "a parameter path (/app/prod) or secrets folder (secret:prod/, 'secret:' for all)", '/')
    .option('-r, --recursive', 'include sub-paths')
    .option('--reveal', 'show the values too')
    .action(act(ls));
}

async function ls(context: Context, path: string, options: LsOptions): Promise<number> {
  const spec = parseSource(path);
  if (spec.kind !== 'store') throw new UsageError(`ls lists a parameter path or a secrets folder, not ${path}`);
  const recursive = options.recursive === true;
  const reveal = options.reveal === true;
  const listed: Listed[] = [];
  if (spec.service === 'ssm') {
    for (const entry of await readSsmPath(context.ssm, spec.path, { recursive, decrypt: reveal })) {
      listed.push({
        name: entry.name,
        type: entry.type ?? '-',
        version: entry.version ?? '-',
        modified: entry.modified,
        ...(reveal ? { value: entry.value } : {}),
      });
    }
  } else if (reveal) {
    for (const entry of await readSecretsFolder(context.secrets, spec.path, { recursive })) {
      listed.push({
        name: entry.name,
        type: 'secret',
        version: entry.version ?? '-',
        modified: entry.modified,
        value: entry.value,
      });
    }
  } else {
    for (const secret of await listSecrets(context.secrets, secretFolder(spec.path), recursive)) {
      listed.push({
        name: `secret:${secret.Name ?? ''}`,
        type: 'secret',
        version: currentVersion(secret) ?? '-',
        modified: secret.LastChangedDate,
      });
    }
  }
  listed.sort((a, b) => a.name.localeCompare(b.name));
  if (context.json) {
    const rows = listed.map((row) => ({ ...row, modified: row.modified?.toISOString() }));
    context.out(`${JSON.stringify(rows)}\n`);
    return EXIT.ok;
  }
  if (listed.length === 0) {
    context.note(`no values under ${displaySource(spec)}${recursive ? '' : ' (add -r for sub-paths)'}\n`);
    return EXIT.ok;
  }
  const header = ['NAME', 'TYPE', 'VERSION', 'MODIFIED', ...(reveal ? ['VALUE'] : [])];
  const rows = listed.map((row) => [
    row.name,
    row.type,
    row.version,
    formatDate(row.modified),
    ...(reveal ? [row.value ?? ''] : []),
  ]);
  context.out(table([header, ...rows]));
  return EXIT.ok;
}
