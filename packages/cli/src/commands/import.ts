import type { ParameterType } from '@aws-sdk/client-ssm';
import type { Command } from 'commander';
import { displaySource, parseSource } from '../address.js';
import { compare, type Differences } from '../compare.js';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { runPool, type Settled } from '../pool.js';
import type { Act } from '../program.js';
import { readSource } from '../sources.js';
import { putSecret, secretFolder } from '../store/secrets.js';
import { putSsm } from '../store/ssm.js';
import type { Entry } from '../store/types.js';
import { parseFormat } from './export.js';

interface ImportOptions {
  format?: string;
  type?: string;
  yes?: boolean;
  dryRun?: boolean;
  concurrency: string;
}

/** One value to write. */
interface Write {
  key: string;
  name: string;
  value: string;
  existing: Entry | undefined;
}

const SSM_KEY = /^[A-Za-z0-9_.\-/]+$/;
const SECRET_KEY = /^[A-Za-z0-9_/+=.@-]+$/;

/** `paramkit import`: writes a file's values under a path or secrets folder, after showing what will change. */
export function registerImport(program: Command, act: Act): void {
  program
    .command('import')
    .description('write the values of a file under a path or secrets folder, showing the changes first')
    .argument('<target>', 'a parameter path (/app/staging) or secrets folder (secret:staging/)')
    .argument('<file>', "a .json, .yaml or .env file, or '-' for stdin (then --yes or --dry-run)")
    .option('--format <format>', 'json, yaml or dotenv (default: from the file name)')
    .option('--type <type>', 'SSM type of new parameters (default SecureString; existing ones keep theirs)')
    .option('-y, --yes', 'apply without asking (needed when not on a terminal)')
    .option('--dry-run', 'only show what would change')
    .option('--concurrency <n>', 'writes in flight at once', '4')
    .action(act(importValues));
}

async function importValues(context: Context, target: string, file: string, options: ImportOptions): Promise<number> {
  const spec = parseSource(target);
  if (spec.kind !== 'store') throw new UsageError(`import writes to a parameter path or secrets folder, not ${target}`);
  const fileSpec = file === '-' ? parseSource('-') : parseSource(file.startsWith('file:') ? file : `file:${file}`);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 50, got '${options.concurrency}'`);
  }
  if (spec.service === 'secrets' && options.type !== undefined) throw new UsageError('--type applies to parameters');
  if (options.type !== undefined && !['String', 'StringList', 'SecureString'].includes(options.type)) {
    throw new UsageError(`--type must be String, StringList or SecureString, got '${options.type}'`);
  }
  const format = parseFormat(options.format, undefined);
  const incoming = await readSource(context, fileSpec, { recursive: true, format });
  const pattern = spec.service === 'ssm' ? SSM_KEY : SECRET_KEY;
  const bad = incoming.filter((entry) => !pattern.test(entry.key) || entry.key.split('/').includes(''));
  if (bad.length > 0) {
    throw new UsageError(
      `these keys cannot be ${spec.service === 'ssm' ? 'parameter' : 'secret'} names: ${bad.map((e) => e.key).join(', ')}`,
    );
  }
  const current = await readSource(context, spec, { recursive: true });
  const plan = compare(current, incoming);
  const nameOf = (key: string) =>
    spec.service === 'ssm' ? `${spec.path.replace(/\/+$/, '')}/${key}` : `${secretFolder(spec.path)}${key}`;
  const writes: Write[] = [
    ...plan.added.map(({ key, after }) => ({ key, name: nameOf(key), value: after.value, existing: undefined })),
    ...plan.changed.map(({ key, before, after }) => ({ key, name: nameOf(key), value: after.value, existing: before })),
  ].sort((a, b) => (a.key < b.key ? -1 : 1));
  const shownTarget = displaySource(spec);
  if (!context.json) printPlan(context, shownTarget, plan);
  if (writes.length === 0 || options.dryRun) {
    if (context.json) context.out(`${JSON.stringify({ target: shownTarget, ...planJson(plan), written: [] })}\n`);
    else if (writes.length > 0) context.note('dry run: nothing written\n');
    return EXIT.ok;
  }
  if (!options.yes && !(await confirm(context, file, writes.length, shownTarget))) return EXIT.failed;

  const progress = context.progress();
  let finished = 0;
  const { settled, notStarted } = await runPool(
    writes,
    concurrency,
    (write) => writeOne(context, spec.service, write, options.type as ParameterType | undefined),
    () => progress.update(`writing ${shownTarget}: ${++finished}/${writes.length}`),
  );
  progress.done();
  return report(context, shownTarget, plan, settled, notStarted);
}

async function writeOne(context: Context, service: 'ssm' | 'secrets', write: Write, type?: ParameterType) {
  if (service === 'ssm') {
    const known = write.existing?.type as ParameterType | undefined;
    await putSsm(
      context.ssm,
      { name: write.name, value: write.value, type, overwrite: write.existing !== undefined, tags: [] },
      known,
    );
  } else {
    await putSecret(
      context.secrets,
      { name: write.name, value: write.value, overwrite: true, tags: [] },
      write.existing === undefined ? 'new' : 'exists',
    );
  }
}

function printPlan(context: Context, target: string, plan: Differences): void {
  const lines = [
    `import into ${target}: ${plan.added.length} to add, ${plan.changed.length} to change, ` +
      `${plan.unchanged.length} unchanged` +
      (plan.removed.length === 0 ? '' : `, ${plan.removed.length} not in the file (left as they are)`),
    ...[
      ...plan.added.map(({ key }) => [key, `  + ${key}`] as const),
      ...plan.changed.map(({ key }) => [key, `  ~ ${key}`] as const),
    ]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, line]) => line),
  ];
  context.out(`${lines.join('\n')}\n`);
}

function planJson(plan: Differences) {
  return {
    add: plan.added.map(({ key }) => key),
    change: plan.changed.map(({ key }) => key),
    unchanged: plan.unchanged.length,
  };
}

/** Asks on the terminal; without one (a pipe, a CI job) the user must say `--yes` or `--dry-run` up front. */
async function confirm(context: Context, file: string, count: number, target: string): Promise<boolean> {
  const { stdin, stderr } = context.io;
  if (file === '-' || stdin.isTTY !== true || stderr.isTTY !== true) {
    throw new UsageError(
      'nothing written: no terminal to confirm on; pass --yes to apply these changes, or --dry-run to only show them',
    );
  }
  stderr.write(`write ${count} value${count === 1 ? '' : 's'} to ${target}? [y/N] `);
  let answer = '';
  for await (const chunk of stdin) {
    answer += chunk.toString();
    if (answer.includes('\n')) break;
  }
  if (/^\s*y(es)?\s*$/i.test(answer)) return true;
  context.note('aborted: nothing written\n');
  return false;
}

function report(
  context: Context,
  target: string,
  plan: Differences,
  settled: Settled<Write>[],
  notStarted: Write[],
): number {
  const written = settled.filter((s) => s.status === 'done').map((s) => s.item.name);
  const failed = settled.flatMap((s) => (s.status === 'failed' ? [{ name: s.item.name, error: s.error }] : []));
  const notWritten = [...failed.map((f) => f.name), ...notStarted.map((w) => w.name)];
  const reason = (error: unknown) => {
    const cause = (error as Error).cause as Error | undefined;
    return cause?.name ?? (error as Error).name ?? 'Error';
  };
  if (context.json) {
    const failures = failed.map((f) => ({ name: f.name, error: reason(f.error) }));
    context.out(`${JSON.stringify({ target, ...planJson(plan), written, failed: failures, notWritten })}\n`);
  }
  if (failed.length === 0) {
    if (!context.json) context.out(`wrote ${written.length} values to ${target}\n`);
    return EXIT.ok;
  }
  if (!context.json) {
    const lines = [
      `paramkit: import stopped after a failure: ${written.length} of ${written.length + notWritten.length} written`,
      ...failed.map((f) => `failed: ${f.name} (${reason(f.error)})`),
      `written (${written.length}):`,
      ...written.map((name) => `  ${name}`),
      `not written (${notWritten.length}):`,
      ...notWritten.map((name) => `  ${name}`),
      'Run the same import again to write the rest: values already written show as unchanged.',
    ];
    context.note(`${lines.join('\n')}\n`);
  }
  return EXIT.failed;
}
