import { randomInt, randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../core/awsJson.js';
import type { ServiceContext } from '../../core/types.js';
import { invalidRequest, markedForDeletion, resourceExists, secretNotFound } from './errors.js';
import { checkTagCount, type Tag } from './fields.js';
import { defaultRotation, type RotationHook, type RotationState, reschedule, rotateNow } from './rotation.js';
import { attachStage } from './stages.js';
import { type SecretValue, sameValue } from './values.js';

/** One version of a secret. Versions without staging labels are "deprecated" but kept, as in AWS. */
export interface SecretVersion {
  readonly versionId: string;
  readonly value: SecretValue;
  /** Milliseconds since the epoch. */
  readonly createdDate: number;
  /** Staging labels, e.g. `AWSCURRENT`; mutated when labels move. */
  readonly stages: string[];
  lastAccessedDate: number | undefined;
}

/** A secret with its metadata and versions (in creation order). Dates are milliseconds since the epoch. */
export interface StoredSecret {
  readonly arn: string;
  readonly name: string;
  description: string | undefined;
  kmsKeyId: string | undefined;
  tags: Tag[] | undefined;
  readonly createdDate: number;
  lastChangedDate: number;
  lastAccessedDate: number | undefined;
  /** When DeleteSecret scheduled the deletion; `undefined` while the secret is live. */
  deletedDate: number | undefined;
  /** When a scheduled deletion takes effect. */
  deletionDate: number | undefined;
  readonly versions: Map<string, SecretVersion>;
  /** Set once RotateSecret configured or ran a rotation; `undefined` for a secret never configured for it. */
  rotation?: RotationState | undefined;
  /** The resource policy PutResourcePolicy attached, as sent. */
  policy?: string | undefined;
}

/** What creating a secret needs. */
export interface NewSecret {
  readonly name: string;
  readonly value?: SecretValue | undefined;
  readonly versionId?: string | undefined;
  readonly description?: string | undefined;
  readonly kmsKeyId?: string | undefined;
  readonly tags?: Tag[] | undefined;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DAY_MS = 86_400_000;
/** AWS keeps at most about 100 versions and drops the oldest deprecated ones beyond that. */
const MAX_VERSIONS = 100;

/**
 * The secrets of one emulated account and region, with the AWS rules for names, versions and deletion.
 * Random parts (ARN suffixes, version ids) come from `node:crypto`, not `context.random`, so they never
 * disturb a seeded fault sequence.
 */
export class SecretStore {
  readonly #secrets = new Map<string, StoredSecret>();

  /**
   * @param context the emulator's clock, region and account.
   * @param rotate produces a rotated secret's next value (see `RotationHook`).
   */
  constructor(
    private readonly context: ServiceContext,
    readonly rotate: RotationHook = defaultRotation,
  ) {}

  /** Milliseconds since the epoch, from the emulator's clock. */
  now(): number {
    return this.context.now();
  }

  /** Finds a secret by name, full ARN or partial ARN (the ARN without its random suffix). */
  find(secretId: string): StoredSecret | undefined {
    this.#purgeExpired();
    this.#rotateDue();
    const byName = this.#secrets.get(secretId);
    if (byName) return byName;
    if (!secretId.startsWith('arn:')) return undefined;
    for (const secret of this.#secrets.values()) if (secret.arn === secretId) return secret;
    const prefix = this.#arnPrefix();
    return secretId.startsWith(prefix) ? this.#secrets.get(secretId.slice(prefix.length)) : undefined;
  }

  /** Finds a secret, including one scheduled for deletion, or throws `ResourceNotFoundException`. */
  require(secretId: string): StoredSecret {
    const secret = this.find(secretId);
    if (!secret) throw secretNotFound();
    return secret;
  }

  /** Finds a secret that is not scheduled for deletion. */
  requireActive(secretId: string): StoredSecret {
    const secret = this.require(secretId);
    if (secret.deletedDate !== undefined) throw markedForDeletion();
    return secret;
  }

  /** Every secret, scheduled ones included, in creation order. */
  list(): StoredSecret[] {
    this.#purgeExpired();
    this.#rotateDue();
    return [...this.#secrets.values()];
  }

  /**
   * Creates a secret, with a first version (labelled `AWSCURRENT`) when a value is given. Repeating a create with
   * the same ClientRequestToken and value is idempotent and returns the existing secret.
   */
  create(input: NewSecret): { secret: StoredSecret; version: SecretVersion | undefined } {
    // Here rather than in CreateSecret's reader, so seeds and the programmatic API keep to the quota too.
    checkTagCount(input.tags ?? []);
    const existing = this.find(input.name);
    if (existing) return { secret: existing, version: this.#repeatedCreate(existing, input) };
    const now = this.now();
    const secret: StoredSecret = {
      arn: `${this.#arnPrefix()}${input.name}-${randomSuffix()}`,
      name: input.name,
      description: input.description,
      kmsKeyId: input.kmsKeyId,
      tags: input.tags,
      createdDate: now,
      lastChangedDate: now,
      lastAccessedDate: undefined,
      deletedDate: undefined,
      deletionDate: undefined,
      versions: new Map(),
    };
    this.#secrets.set(secret.name, secret);
    const version = input.value ? this.putValue(secret, input.value, input.versionId).version : undefined;
    return { secret, version };
  }

  /**
   * Adds a version and moves `stages` (default `AWSCURRENT`) onto it. The first version of a secret always gets
   * `AWSCURRENT`. Repeating a put with the same version id and value is idempotent.
   */
  putValue(
    secret: StoredSecret,
    value: SecretValue,
    versionId: string = randomUUID(),
    stages: readonly string[] = ['AWSCURRENT'],
  ): { version: SecretVersion; created: boolean } {
    const existing = secret.versions.get(versionId);
    if (existing) {
      if (sameValue(existing.value, value)) return { version: existing, created: false };
      throw tokenInUse(versionId, secret);
    }
    const labels = [...new Set(stages)];
    if (secret.versions.size === 0 && !labels.includes('AWSCURRENT')) labels.push('AWSCURRENT');
    const now = this.now();
    const version: SecretVersion = { versionId, value, createdDate: now, stages: [], lastAccessedDate: undefined };
    secret.versions.set(versionId, version);
    for (const stage of labels) attachStage(secret, stage, version);
    secret.lastChangedDate = now;
    dropOldDeprecatedVersions(secret);
    return { version, created: true };
  }

  /** Records a read of a version; AWS keeps only the date of the last access, truncated to the day. */
  markAccessed(secret: StoredSecret, version: SecretVersion): void {
    const day = Math.floor(this.now() / DAY_MS) * DAY_MS;
    secret.lastAccessedDate = day;
    version.lastAccessedDate = day;
  }

  /** Schedules deletion after `days`; the secret stays visible to DescribeSecret until then. */
  scheduleDeletion(secret: StoredSecret, days: number): void {
    const now = this.now();
    secret.deletedDate = now;
    secret.deletionDate = now + days * DAY_MS;
  }

  /** Removes a secret at once (ForceDeleteWithoutRecovery). */
  remove(secret: StoredSecret): void {
    this.#secrets.delete(secret.name);
  }

  /** Cancels a scheduled deletion. */
  restore(secret: StoredSecret): void {
    secret.deletedDate = undefined;
    secret.deletionDate = undefined;
    secret.lastChangedDate = this.now();
  }

  /** An ARN as AWS would give a secret named `name`, for answers about secrets that don't exist. */
  arnFor(name: string): string {
    return `${this.#arnPrefix()}${name}-${randomSuffix()}`;
  }

  /** Forgets every secret. */
  clear(): void {
    this.#secrets.clear();
  }

  #repeatedCreate(existing: StoredSecret, input: NewSecret): SecretVersion | undefined {
    if (existing.deletedDate !== undefined) {
      throw invalidRequest(
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      );
    }
    const version = input.versionId === undefined ? undefined : existing.versions.get(input.versionId);
    if (version && input.value) {
      if (sameValue(version.value, input.value)) return version;
      throw tokenInUse(version.versionId, existing);
    }
    throw resourceExists(`The operation failed because the secret ${input.name} already exists.`);
  }

  /** Scheduled deletions take effect lazily, on the emulator's (injectable) clock. */
  #purgeExpired(): void {
    const now = this.now();
    for (const [name, secret] of this.#secrets) {
      if (secret.deletionDate !== undefined && secret.deletionDate <= now) this.#secrets.delete(name);
    }
  }

  /**
   * Scheduled rotations happen lazily, on the emulator's (injectable) clock: the first request after a secret's
   * `NextRotationDate` rotates it. A failed one is retried at the next window, as AWS retries.
   */
  #rotateDue(): void {
    const now = this.now();
    for (const secret of this.#secrets.values()) {
      const state = secret.rotation;
      if (!state?.enabled || state.nextRotationDate === undefined || state.nextRotationDate > now) continue;
      if (secret.deletedDate !== undefined) continue;
      try {
        rotateNow(this, secret, this.rotate);
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error;
        reschedule(state, now);
      }
    }
  }

  #arnPrefix(): string {
    const { region, accountId } = this.context;
    return `arn:${partition(region)}:secretsmanager:${region}:${accountId}:secret:`;
  }
}

function tokenInUse(versionId: string, secret: StoredSecret) {
  return resourceExists(
    `You can't use ClientRequestToken ${versionId} because that value is already in use for a version of secret ${secret.arn}.`,
  );
}

function dropOldDeprecatedVersions(secret: StoredSecret): void {
  for (const [id, version] of secret.versions) {
    if (secret.versions.size <= MAX_VERSIONS) return;
    if (version.stages.length === 0) secret.versions.delete(id);
  }
}

function randomSuffix(): string {
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return suffix;
}

function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
