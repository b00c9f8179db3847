import { DescribeSecretCommand, type DescribeSecretCommandOutput } from '@aws-sdk/client-secrets-manager';
import type { CacheEngine } from '../engine/CacheEngine.js';
import { classifyError } from '../engine/errorKinds.js';

/** How long a `DescribeSecret` answer is trusted, at most, in ms. */
export const ROTATION_CHECK_MS = 5 * 60_000;
/**
 * Once a rotation is due, how soon it is checked for again (and the secret refetched), in ms: doubling from this
 * after each check that finds it still due, up to `ROTATION_CHECK_MS`, so a rotation that never finishes costs a
 * dozen calls an hour, not hundreds.
 */
export const ROTATION_DUE_RECHECK_MS = 10_000;

interface Schedule {
  /** The next rotation in ms, when rotation is on. */
  nextRotationMs: number | undefined;
  /** When to ask `DescribeSecret` again. */
  checkAt: number;
  /** How many checks in a row found this rotation due and not done. */
  dueChecks: number;
  /** How many checks in a row failed transiently. */
  failures?: number;
}

/** The wait before the next check of a rotation found due `dueChecks` times in a row. */
function dueRecheckMs(dueChecks: number): number {
  return Math.min(ROTATION_DUE_RECHECK_MS * 2 ** Math.max(0, dueChecks - 1), ROTATION_CHECK_MS);
}

/**
 * Ties cached secrets to their rotation: a secret's cached life never runs past its `NextRotationDate`, read with
 * `DescribeSecret` (cached itself, until the rotation or `ROTATION_CHECK_MS`). Once a rotation is due but not yet
 * reported done, the secret is refetched after `ROTATION_DUE_RECHECK_MS`, then twice as long each time, up to
 * `ROTATION_CHECK_MS`. A `DescribeSecret` refused (a role without `secretsmanager:DescribeSecret`, say) caps nothing
 * and is asked again after `ROTATION_CHECK_MS`. One that fails transiently (throttled, say) keeps the cap known
 * before and caps the secret's life at the next check, which comes after `ROTATION_DUE_RECHECK_MS`, twice as long
 * after each failure in a row, up to `ROTATION_CHECK_MS`: an outage of `DescribeSecret` never lets a cached secret
 * outlive its rotation by more than that.
 */
export class RotationSchedule {
  readonly #schedules = new Map<string, Schedule>();
  readonly #pending = new Map<string, Promise<void>>();

  constructor(
    readonly engine: CacheEngine,
    readonly send: (command: DescribeSecretCommand) => Promise<DescribeSecretCommandOutput>,
  ) {}

  /**
   * Makes sure the secret's entries end at its next rotation: `undefined` when its schedule is known and applied
   * (nothing to wait for, nothing done: a cache hit pays one map lookup), else a promise that resolves once the
   * schedule has been read and applied.
   */
  apply(secretId: string): Promise<void> | undefined {
    const known = this.#schedules.get(secretId);
    if (known !== undefined && this.engine.now() < known.checkAt) return undefined;
    let pending = this.#pending.get(secretId);
    if (pending === undefined) {
      pending = this.#describe(secretId).finally(() => this.#pending.delete(secretId));
      this.#pending.set(secretId, pending);
    }
    return pending;
  }

  clear(): void {
    this.#schedules.clear();
  }

  async #describe(secretId: string): Promise<void> {
    let schedule: Schedule;
    try {
      const output = await this.send(new DescribeSecretCommand({ SecretId: secretId }));
      const next = output.RotationEnabled ? output.NextRotationDate : undefined;
      const nextRotationMs = next instanceof Date ? next.getTime() : typeof next === 'number' ? next * 1000 : undefined;
      const now = this.engine.now();
      const due = nextRotationMs !== undefined && nextRotationMs <= now;
      const previous = this.#schedules.get(secretId);
      const dueChecks = due ? (previous?.nextRotationMs === nextRotationMs ? previous.dueChecks : 0) + 1 : 0;
      const checkAt =
        nextRotationMs === undefined
          ? now + ROTATION_CHECK_MS
          : due
            ? now + dueRecheckMs(dueChecks)
            : Math.min(nextRotationMs, now + ROTATION_CHECK_MS);
      schedule = { nextRotationMs, checkAt, dueChecks };
    } catch (error) {
      const now = this.engine.now();
      if (classifyError(error).transient) {
        const previous = this.#schedules.get(secretId);
        const failures = (previous?.failures ?? 0) + 1;
        const checkAt = now + dueRecheckMs(failures);
        const known = previous?.nextRotationMs;
        schedule = { nextRotationMs: known, checkAt, dueChecks: previous?.dueChecks ?? 0, failures };
        this.#schedules.set(secretId, schedule);
        // Until DescribeSecret answers, the secret lives no longer than the next check (nor past a rotation known).
        this.engine.limitLifetime(secretId, known !== undefined && known > now ? Math.min(known, checkAt) : checkAt);
        return;
      }
      schedule = { nextRotationMs: undefined, checkAt: now + ROTATION_CHECK_MS, dueChecks: 0 };
    }
    this.#schedules.set(secretId, schedule);
    // The cap holds until `checkAt` (which is never past the next rotation), so it is set once per schedule: the
    // engine applies it to entries stored later too.
    const { nextRotationMs, checkAt } = schedule;
    const now = this.engine.now();
    if (nextRotationMs === undefined) this.engine.limitLifetime(secretId, undefined);
    else this.engine.limitLifetime(secretId, nextRotationMs > now ? nextRotationMs : checkAt);
  }
}
