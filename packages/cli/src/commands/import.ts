import type { ParameterTier, ParameterType } from '@aws-sdk/client-ssm';
import type { Command } from 'commander';
import { displaySource, parseSource } from '../address.js';
import { compare, type Differences } from '../compare.js';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { isBase64 } from '../formats/files.js';
import { runPool } from '../pool.js';
import type { Act } from '../program.js';
import { readSource } from '../sources.js';
import { deleteSecret, putSecret, secretFolder } from '../store/secrets.js';
import { deleteSsm, putSsm, TIERS } from '../store/ssm.js';
import type { Entry } from '../store/types.js';
import { parseFormat } from './export.js';
import { checkSizes } from './importLimits.js';
import { failuresOf, type Outcome, planJson, printPlan, report, type Write } from './importReport.js';

interface ImportOptions {
  format?: string;
  type?: string;
  tier?: string;
  yes?: boolean;
  dryRun?: boolean;
  prune?: boolean;
  concurrency: string;
}

type Service = 'ssm' | 'secrets';

const SSM_KEY = /^[A-Za-z0-9_.\-/]+$/;
const SECRET_KEY = /^[A-Za-z0-9_/+=.@-]+$/;
/** DeleteParameters takes ten names a call. */
const SSM_DELETE_BATCH = 10;

/** `paramkit import`: writes a file's values under a path or secrets folder, after showing what will change. */
export function registerImport(program: Command, act: Act): void {
  program
    .command('import')
    .description('write the values of a file under a path or secrets folder, showing the changes first')
    .argument('<target>', 'a parameter path (/app/staging) or secrets folder (secret:staging/)')
    .argument('<file>', "a .json, .yaml or .env file, or '-' for stdin (then --yes or --dry-run)")
    .option('--format <format>', 'json, yaml or dotenv (default: from the file name)')
    .option('--type <type>', 'SSM type of new parameters (default SecureString; existing ones keep theirs)')
    .option(
      '--tier <tier>',
      'SSM tier of the parameters written: Standard (up to 4 KB), Advanced (8 KB) or Intelligent-Tiering ' +
        '(Advanced only where a value needs it); without it, new ones are Standard and existing ones keep theirs',
    )
    .option('--prune', 'also delete what is under the target but not in the file (sub-paths included)')
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
  if (spec.service === 'secrets' && options.tier !== undefined) throw new UsageError('--tier applies to parameters');
  if (options.tier !== undefined && !(TIERS as readonly string[]).includes(options.tier)) {
    throw new UsageError(`--tier must be one of ${TIERS.join(', ')}, got '${options.tier}'`);
  }
  const tier = options.tier as ParameterTier | undefined;
  if (options.type !== undefined && !['String', 'StringList', 'SecureString'].includes(options.type)) {
    throw new UsageError(`--type must be String, StringList or SecureString, got '${options.type}'`);
  }
  const prune = options.prune === true;
  const format = parseFormat(options.format, undefined);
  const shownTarget = displaySource(spec);
  if (prune && isRoot(spec.service, spec.path)) {
    throw new UsageError(
      `nothing written: --prune under ${shownTarget} would delete every ${spec.service === 'ssm' ? 'parameter' : 'secret'} ` +
        'the file does not name; give a path or folder below the root (an empty variable in the target, say?)',
    );
  }
  const incoming = await readSource(context, fileSpec, { recursive: true, format });
  checkIncoming(incoming, spec.service);
  const current = await readSource(context, spec, { recursive: true });
  // A dotenv file names variables (DB_URL), not keys (db/url): it is matched by variable name, as `diff` does, so
  // that an exported file imported back changes nothing, and a matched value is written to the key it came from.
  const byEnv = (format ?? (fileSpec.kind === 'file' ? fileSpec.format : undefined)) === 'dotenv';
  const plan = keyedByStore(compare(current, incoming, byEnv));
  if (prune && incoming.length === 0 && plan.removed.length > 0) {
    throw new UsageError(
      `nothing written: the file holds no values, so --prune would delete all ${plan.removed.length} under ` +
        `${shownTarget}; use paramkit rm to delete them`,
    );
  }
  const nameOf = (key: string) =>
    spec.service === 'ssm' ? `${spec.path.replace(/\/+$/, '')}/${key}` : `${secretFolder(spec.path)}${key}`;
  const writes: Write[] = [
    ...plan.added.map(({ key, after }) => ({
      key,
      name: nameOf(key),
      value: after.value,
      binary: after.binary === true,
      existing: undefined,
    })),
    ...plan.changed.map(({ key, before, after }) => ({
      key,
      name: nameOf(key),
      value: after.value,
      // A dotenv file holds bytes as base64 (as `export` writes them): a binary secret it updates stays binary.
      binary: after.binary === true || (byEnv && before.binary === true),
      existing: before,
    })),
  ].sort((a, b) => (a.key < b.key ? -1 : 1));
  checkBytes(writes);
  await checkSizes(context, spec.service, writes, tier);
  const deletions = prune ? plan.removed.map(({ key }) => nameOf(key)) : [];
  if (!context.json) printPlan(context, shownTarget, plan, prune);
  if ((writes.length === 0 && deletions.length === 0) || options.dryRun) {
    if (context.json) {
      const nothing = prune ? { written: [], deleted: [] } : { written: [] };
      context.out(`${JSON.stringify({ target: shownTarget, ...planJson(plan, prune), ...nothing })}\n`);
    } else if (writes.length > 0 || deletions.length > 0) {
      context.note(`dry run: nothing written${prune ? ' or deleted' : ''}\n`);
    }
    return EXIT.ok;
  }
  if (!options.yes && !(await confirm(context, file, writes.length, deletions.length, shownTarget))) {
    return EXIT.failed;
  }

  const progress = context.progress();
  let finished = 0;
  const { settled, notStarted } = await runPool(
    writes,
    concurrency,
    (write) => writeOne(context, spec.service, write, options.type as ParameterType | undefined, tier),
    () => progress.update(`writing ${shownTarget}: ${++finished}/${writes.length}`),
  );
  progress.done();
  const writeFailures = failuresOf(settled, (w) => [w.name]);
  const outcome: Outcome = {
    target: shownTarget,
    plan,
    prune,
    written: settled.filter((s) => s.status === 'done').map((s) => s.item.name),
    writeFailures,
    notWritten: [...writeFailures.map((f) => f.name), ...notStarted.map((w) => w.name)],
    deleted: [],
    deleteFailures: [],
    notDeleted: writeFailures.length > 0 ? deletions : [],
  };
  if (writeFailures.length > 0 || deletions.length === 0) return report(context, outcome);
  return report(context, { ...outcome, ...(await deleteAll(context, spec.service, deletions, concurrency)) });
}

/** Whether a target is a whole store (`/`, `secret:`), where --prune would reach everything. */
function isRoot(service: Service, path: string): boolean {
  return service === 'ssm' ? path.replace(/\/+$/, '') === '' : secretFolder(path) === '';
}

/**
 * A comparison keyed by variable name, re-keyed by the store's keys: a matched value keeps the key it is stored
 * under, a new one takes its name from the file, a removed one is named by its own key.
 */
function keyedByStore(plan: Differences): Differences {
  return {
    added: plan.added.map(({ after }) => ({ key: after.key, after })),
    removed: plan.removed.map(({ before }) => ({ key: before.key, before })),
    changed: plan.changed.map(({ before, after }) => ({ key: before.key, before, after })),
    unchanged: plan.unchanged.map(({ before, after }) => ({ key: before.key, before, after })),
  };
}

/** Refuses, before anything is written, values the target cannot hold: names it refuses and empty values. */
function checkIncoming(incoming: readonly Entry[], service: Service): void {
  const pattern = service === 'ssm' ? SSM_KEY : SECRET_KEY;
  const where = (entry: Entry) => (entry.line === undefined ? entry.key : `${entry.key} (line ${entry.line})`);
  const bad = incoming.filter((entry) => !pattern.test(entry.key) || entry.key.split('/').includes(''));
  if (bad.length > 0) {
    throw new UsageError(
      `these keys cannot be ${service === 'ssm' ? 'parameter' : 'secret'} names: ${bad.map(where).join(', ')}`,
    );
  }
  const bytes = incoming.filter((entry) => entry.binary);
  if (service === 'ssm' && bytes.length > 0) {
    throw new UsageError(
      `nothing written: a parameter holds text, and these values are bytes: ${bytes.map(where).join(', ')} ` +
        '(import them into a secrets folder, or store their base64 as text)',
    );
  }
  const empty = incoming.filter((entry) => entry.value === '');
  if (empty.length > 0) {
    const store = service === 'ssm' ? 'Parameter Store' : 'Secrets Manager';
    throw new UsageError(`nothing written: ${store} cannot hold an empty value: ${empty.map(where).join(', ')}`);
  }
}

/** Refuses, before anything is written, a binary secret's update from a dotenv file that is not base64. */
function checkBytes(writes: readonly Write[]): void {
  const notBase64 = writes.filter((write) => write.binary && !isBase64(write.value));
  if (notBase64.length > 0) {
    throw new UsageError(
      `nothing written: these secrets hold bytes, and their new values are not base64: ${notBase64.map((w) => w.key).join(', ')}`,
    );
  }
}

async function writeOne(context: Context, service: Service, write: Write, type?: ParameterType, tier?: ParameterTier) {
  if (service === 'ssm') {
    const known = write.existing?.type as ParameterType | undefined;
    // `--type` is for new parameters: an existing one keeps its own (a SecureString must never turn plain).
    const ownType = write.existing === undefined ? type : undefined;
    await putSsm(
      context.ssm,
      { name: write.name, value: write.value, type: ownType, overwrite: write.existing !== undefined, tags: [], tier },
      known,
    );
  } else {
    const value = write.binary ? new Uint8Array(Buffer.from(write.value, 'base64')) : write.value;
    await putSecret(
      context.secrets,
      { name: write.name, value, overwrite: true, tags: [] },
      write.existing === undefined ? 'new' : 'exists',
    );
  }
}

/**
 * Deletes what `--prune` found: parameters ten a call, secrets one at a time with Secrets Manager's default
 * recovery window (so they can be restored). A name already gone counts as deleted. Stops at the first failure.
 */
async function deleteAll(
  context: Context,
  service: Service,
  names: readonly string[],
  concurrency: number,
): Promise<Pick<Outcome, 'deleted' | 'deleteFailures' | 'notDeleted' | 'recoverableUntil'>> {
  const units: string[][] = [];
  const size = service === 'ssm' ? SSM_DELETE_BATCH : 1;
  for (let start = 0; start < names.length; start += size) units.push(names.slice(start, start + size));
  let recoverableUntil: Date | undefined;
  const progress = context.progress();
  let finished = 0;
  const { settled, notStarted } = await runPool(
    units,
    service === 'ssm' ? 1 : concurrency,
    async (unit) => {
      if (service === 'ssm') {
        const { failed } = await deleteSsm(context.ssm, unit);
        if (failed[0] !== undefined) throw failed[0].error;
        return;
      }
      const date = await deleteSecret(context.secrets, unit[0] as string, { force: false }).catch((error: Error) => {
        if (error.name === 'ResourceNotFoundException') return undefined;
        throw error;
      });
      if (date !== undefined && (recoverableUntil === undefined || date > recoverableUntil)) recoverableUntil = date;
    },
    (done) => {
      finished += done.item.length;
      progress.update(`deleting: ${finished}/${names.length}`);
    },
  );
  progress.done();
  const deleteFailures = failuresOf(settled, (unit) => unit);
  return {
    deleted: settled.flatMap((s) => (s.status === 'done' ? s.item : [])),
    deleteFailures,
    notDeleted: [...deleteFailures.map((f) => f.name), ...notStarted.flat()],
    recoverableUntil,
  };
}

/** Asks on the terminal; without one (a pipe, a CI job) the user must say `--yes` or `--dry-run` up front. */
async function confirm(
  context: Context,
  file: string,
  writes: number,
  deletions: number,
  target: string,
): Promise<boolean> {
  const { stdin, stderr } = context.io;
  if (file === '-' || stdin.isTTY !== true || stderr.isTTY !== true) {
    throw new UsageError(
      'nothing written: no terminal to confirm on; pass --yes to apply these changes, or --dry-run to only show them',
    );
  }
  const plural = (n: number) => `${n} value${n === 1 ? '' : 's'}`;
  const question =
    deletions === 0
      ? `write ${plural(writes)} to ${target}?`
      : writes === 0
        ? `delete ${plural(deletions)} from ${target}?`
        : `write ${plural(writes)} to ${target} and delete ${deletions} from it?`;
  stderr.write(`${question} [y/N] `);
  let answer = '';
  for await (const chunk of stdin) {
    answer += chunk.toString();
    if (answer.includes('\n')) break;
  }
  if (/^\s*y(es)?\s*$/i.test(answer)) return true;
  context.note('aborted: nothing written\n');
  return false;
}
