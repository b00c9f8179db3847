import { DescribeSecretCommand, type DescribeSecretCommandOutput } from '@aws-sdk/client-secrets-manager';
import type { CacheEngine } from '../engine/CacheEngine.js';

/** How long a `DescribeSecret` answer is trusted, at most, in ms. */
export const ROTATION_CHECK_MS = 5 * 60_000;
/** Once a rotation is due, how soon it is checked for again (and the secret refetched), in ms. */
export const ROTATION_DUE_RECHECK_MS = 10_000;

interface Schedule {
  /** The next rotation in ms, when rotation is on. */
  nextRotationMs: number | undefined;
  /** When to ask `DescribeSecret` again. */
  checkAt: number;
}

/**
 * Ties cached secrets to their rotation: a secret's cached life never runs past its `NextRotationDate`, read with
 * `DescribeSecret` (cached itself, until the rotation or `ROTATION_CHECK_MS`). Once a rotation is due but not yet
 * reported done, the secret is refetched every `ROTATION_DUE_RECHECK_MS`. A failed `DescribeSecret` (a role without
 * `secretsmanager:DescribeSecret`, say) caps nothing and is asked again after `ROTATION_CHECK_MS`.
 */
export class RotationSchedule {
  readonly #schedules = new Map<string, Schedule>();
  readonly #pending = new Map<string, Promise<void>>();

  constructor(
    readonly engine: CacheEngine,
    readonly send: (command: DescribeSecretCommand) => Promise<DescribeSecretCommandOutput>,
  ) {}

  /** Makes sure the secret's entries end at its next rotation; resolves once the schedule is known. */
  apply(secretId: string): Promise<void> {
    const now = this.engine.now();
    const known = this.#schedules.get(secretId);
    if (known !== undefined && now < known.checkAt) {
      this.#limit(secretId, known, now);
      return Promise.resolve();
    }
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
      const checkAt =
        nextRotationMs === undefined
          ? now + ROTATION_CHECK_MS
          : nextRotationMs > now
            ? Math.min(nextRotationMs, now + ROTATION_CHECK_MS)
            : now + ROTATION_DUE_RECHECK_MS;
      schedule = { nextRotationMs, checkAt };
    } catch {
      schedule = { nextRotationMs: undefined, checkAt: this.engine.now() + ROTATION_CHECK_MS };
    }
    this.#schedules.set(secretId, schedule);
    this.#limit(secretId, schedule, this.engine.now());
  }

  #limit(secretId: string, schedule: Schedule, now: number): void {
    const { nextRotationMs } = schedule;
    if (nextRotationMs === undefined) this.engine.limitLifetime(secretId, undefined);
    else this.engine.limitLifetime(secretId, nextRotationMs > now ? nextRotationMs : now + ROTATION_DUE_RECHECK_MS);
  }
}
