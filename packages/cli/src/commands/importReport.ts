import type { Differences } from '../compare.js';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import type { Settled } from '../pool.js';
import { formatDate } from '../run.js';
import type { Entry } from '../store/types.js';

/** One value to write. */
export interface Write {
  key: string;
  name: string;
  value: string;
  /** `value` is the base64 of bytes, written as `SecretBinary`. */
  binary: boolean;
  existing: Entry | undefined;
}

/** What the import did, step by step: writes first, then (with `--prune`) deletions. */
export interface Outcome {
  readonly target: string;
  readonly plan: Differences;
  readonly prune: boolean;
  readonly written: readonly string[];
  readonly writeFailures: ReadonlyArray<{ name: string; error: unknown }>;
  readonly notWritten: readonly string[];
  readonly deleted: readonly string[];
  readonly deleteFailures: ReadonlyArray<{ name: string; error: unknown }>;
  readonly notDeleted: readonly string[];
  /** The latest date a pruned secret can still be restored until. */
  readonly recoverableUntil?: Date | undefined;
}

/** The plan as people read it: counts, then `+`, `~` and (with `--prune`) `-` lines by key. */
export function printPlan(context: Context, target: string, plan: Differences, prune: boolean): void {
  const removed = plan.removed.length;
  const rest =
    removed === 0 ? '' : prune ? `, ${removed} to delete` : `, ${removed} not in the file (left as they are)`;
  const lines = [
    `import into ${target}: ${plan.added.length} to add, ${plan.changed.length} to change, ` +
      `${plan.unchanged.length} unchanged${rest}`,
    ...[
      ...plan.added.map(({ key }) => [key, `  + ${key}`] as const),
      ...plan.changed.map(({ key }) => [key, `  ~ ${key}`] as const),
      ...(prune ? plan.removed.map(({ key }) => [key, `  - ${key}`] as const) : []),
    ]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, line]) => line),
  ];
  context.out(`${lines.join('\n')}\n`);
}

/** The plan in `--json`; `delete` only with `--prune`, so the document keeps its shape without it. */
export function planJson(plan: Differences, prune: boolean) {
  return {
    add: plan.added.map(({ key }) => key),
    change: plan.changed.map(({ key }) => key),
    unchanged: plan.unchanged.length,
    ...(prune ? { delete: plan.removed.map(({ key }) => key) } : {}),
  };
}

/** The failures of a pool run, by name. */
export function failuresOf<T>(settled: Settled<T>[], names: (item: T) => string[]) {
  return settled.flatMap((s) => (s.status === 'failed' ? names(s.item).map((name) => ({ name, error: s.error })) : []));
}

/** The error code of a failure (the service's, when the SDK's error wraps it). */
function reason(error: unknown): string {
  const cause = (error as Error).cause as Error | undefined;
  return cause?.name ?? (error as Error).name ?? 'Error';
}

/** Prints what was done and returns the exit code: 0 when every write and deletion went through. */
export function report(context: Context, outcome: Outcome): number {
  const { target, plan, prune, written, writeFailures, notWritten, deleted, deleteFailures, notDeleted } = outcome;
  const failed = writeFailures.length > 0 || deleteFailures.length > 0;
  if (context.json) {
    const failures = [...writeFailures, ...deleteFailures].map((f) => ({ name: f.name, error: reason(f.error) }));
    const pruned = prune ? { deleted, notDeleted } : {};
    context.out(
      `${JSON.stringify({ target, ...planJson(plan, prune), written, failed: failures, notWritten, ...pruned })}\n`,
    );
  } else {
    if (writeFailures.length === 0 && (written.length > 0 || !prune)) {
      context.out(`wrote ${written.length} values to ${target}\n`);
    }
    if (prune && deleteFailures.length === 0 && notDeleted.length === 0 && deleted.length > 0) {
      const until = outcome.recoverableUntil;
      const recoverable = until === undefined ? '' : ` (recoverable until ${formatDate(until)})`;
      context.out(`deleted ${deleted.length} values from ${target}${recoverable}\n`);
    }
  }
  if (!failed) return EXIT.ok;
  if (!context.json) context.note(`${failureLines(outcome).join('\n')}\n`);
  return EXIT.failed;
}

function failureLines(outcome: Outcome): string[] {
  const { written, writeFailures, notWritten, deleted, deleteFailures, notDeleted, prune } = outcome;
  const list = (title: string, names: readonly string[]) => [
    `${title} (${names.length}):`,
    ...names.map((name) => `  ${name}`),
  ];
  if (writeFailures.length > 0) {
    return [
      `paramkit: import stopped after a failure: ${written.length} of ${written.length + notWritten.length} written`,
      ...writeFailures.map((f) => `failed: ${f.name} (${reason(f.error)})`),
      ...list('written', written),
      ...list('not written', notWritten),
      ...(prune ? ['nothing deleted: --prune deletes only after every value is written'] : []),
      'Run the same import again to write the rest: values already written show as unchanged.',
    ];
  }
  return [
    `paramkit: import stopped while deleting: all ${written.length} values written, ` +
      `${deleted.length} of ${deleted.length + notDeleted.length} deleted`,
    ...deleteFailures.map((f) => `failed: ${f.name} (${reason(f.error)})`),
    ...list('deleted', deleted),
    ...list('not deleted', notDeleted),
    'Run the same import again to delete the rest.',
  ];
}
