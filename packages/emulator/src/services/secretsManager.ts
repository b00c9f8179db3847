import { AwsServiceError, jsonErrorResponse, jsonResponse, jsonTarget, parseJsonBody } from '../core/awsJson.js';
import type { EmulatedService, EmulatorRequest, EmulatorResponse, ServiceContext } from '../core/types.js';
import { MODELED_ERRORS } from './secretsManager/errors.js';
import { checkSecretName, type Tag } from './secretsManager/fields.js';
import { checkLength, type Input } from './secretsManager/input.js';
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy } from './secretsManager/policyOperations.js';
import { getRandomPassword } from './secretsManager/randomPassword.js';
import {
  batchGetSecretValue,
  describeSecret,
  getSecretValue,
  listSecrets,
  listSecretVersionIds,
} from './secretsManager/readOperations.js';
import { cancelRotateSecret, rotateSecret } from './secretsManager/rotateOperations.js';
import type { RotationHook } from './secretsManager/rotation.js';
import type { RotationRules } from './secretsManager/rotationSchedule.js';
import { parseSecretsManagerSeed } from './secretsManager/seed.js';
import { type SecretValueEntry, secretValueShape } from './secretsManager/shapes.js';
import { resolveVersion, versionWithStage } from './secretsManager/stages.js';
import { SecretStore, type StoredSecret } from './secretsManager/store.js';
import { tagResource, untagResource } from './secretsManager/tagOperations.js';
import { checkValueSize, secretValue } from './secretsManager/values.js';
import {
  createSecret,
  deleteSecret,
  putSecretValue,
  restoreSecret,
  updateSecret,
  updateSecretVersionStage,
} from './secretsManager/writeOperations.js';

export type { RotationHook, RotationRequest } from './secretsManager/rotation.js';
export type { RotationRules } from './secretsManager/rotationSchedule.js';
export type {
  SecretsManagerSeed,
  SecretsManagerSeedSecret,
  SecretsManagerSeedVersion,
} from './secretsManager/seed.js';

type Operation = (input: Input, store: SecretStore) => Record<string, unknown>;

// A Map, not an object literal: an operation name such as `constructor` must never find Object.prototype's members.
const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  Object.entries({
    BatchGetSecretValue: batchGetSecretValue,
    CancelRotateSecret: cancelRotateSecret,
    CreateSecret: createSecret,
    DeleteResourcePolicy: deleteResourcePolicy,
    DeleteSecret: deleteSecret,
    DescribeSecret: describeSecret,
    GetRandomPassword: getRandomPassword,
    GetResourcePolicy: getResourcePolicy,
    GetSecretValue: getSecretValue,
    ListSecrets: listSecrets,
    ListSecretVersionIds: listSecretVersionIds,
    PutResourcePolicy: putResourcePolicy,
    PutSecretValue: putSecretValue,
    RestoreSecret: restoreSecret,
    RotateSecret: rotateSecret,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateSecret: updateSecret,
    UpdateSecretVersionStage: updateSecretVersionStage,
  } satisfies Record<string, Operation>),
);

/** What `SecretsManagerService.createSecret` takes. */
export interface CreateSecretInput {
  readonly name: string;
  /** Text becomes `SecretString`, bytes become `SecretBinary`, a JSON object or array its JSON text. */
  readonly value: string | Uint8Array | object;
  readonly description?: string;
  readonly kmsKeyId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Id of the first version (32..64 characters); random when omitted. */
  readonly versionId?: string;
}

/** Options of `SecretsManagerService` (`createEmulator({ secretsManager })`). */
export interface SecretsManagerOptions {
  /**
   * Produces a rotated secret's next value, in place of the rotation Lambda function (never called here).
   * @default a fresh 32-character `password` in a JSON object that has one (other fields kept); otherwise a fresh
   * 32-character password, or as many random bytes for a binary secret
   * @example
   * ```ts
   * createEmulator({ secretsManager: { rotate: ({ current }) => JSON.stringify({ ...JSON.parse(String(current)), password: 'next' }) } });
   * ```
   */
  readonly rotate?: RotationHook;
}

/** What `SecretsManagerService.rotateSecret` takes. */
export interface RotateSecretOptions {
  /** The schedule, as RotateSecret's `RotationRules`; the secret's earlier rules when omitted. */
  readonly rules?: RotationRules;
  /** Rotate now (default), or only set the schedule. @default true */
  readonly immediately?: boolean;
}

/** A version read for another service: GetSecretValue's answer, as JSON (dates in epoch seconds). */
export type ReferencedSecret = SecretValueEntry;

/** A version as `getSecret` reports it. */
export interface SecretVersionInfo {
  readonly versionId: string;
  readonly stages: readonly string[];
  readonly createdDate: Date;
}

/** A secret's metadata as `getSecret` reports it (never its value). */
export interface SecretInfo {
  readonly arn: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly kmsKeyId: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdDate: Date;
  readonly lastChangedDate: Date;
  readonly lastAccessedDate: Date | undefined;
  /** Set while the secret is scheduled for deletion. */
  readonly deletedDate: Date | undefined;
  /** The version labelled AWSCURRENT, if the secret has a value. */
  readonly currentVersionId: string | undefined;
  /** Every version, deprecated ones included, oldest first. */
  readonly versions: readonly SecretVersionInfo[];
  /** `undefined` for a secret never configured for rotation (DescribeSecret then has no `RotationEnabled`). */
  readonly rotationEnabled: boolean | undefined;
  readonly lastRotatedDate: Date | undefined;
  /** When the next scheduled rotation happens (the end of its window), while rotation is enabled. */
  readonly nextRotationDate: Date | undefined;
}

/**
 * AWS Secrets Manager over the AWS JSON 1.1 protocol (`X-Amz-Target: secretsmanager.<Operation>`), for unmodified
 * `@aws-sdk/client-secrets-manager` clients. Implements CreateSecret, GetSecretValue, BatchGetSecretValue,
 * PutSecretValue, UpdateSecret, UpdateSecretVersionStage, DescribeSecret, ListSecrets, ListSecretVersionIds,
 * DeleteSecret, RestoreSecret, RotateSecret, CancelRotateSecret, TagResource, UntagResource, GetRandomPassword and
 * Put/Get/DeleteResourcePolicy, with AWS's
 * staging-label, idempotency, deletion and validation rules.
 *
 * The programmatic methods (`createSecret`, `putSecretValue`, ...) set up and inspect state from tests without an
 * SDK; they apply the same rules and throw the same `AwsServiceError`s as the API.
 */
export class SecretsManagerService implements EmulatedService {
  readonly name = 'secretsmanager';
  readonly seedKeys: readonly string[] = ['secretsmanager'];
  readonly #store: SecretStore;

  constructor(context: ServiceContext, options: SecretsManagerOptions = {}) {
    this.#store = new SecretStore(context, options.rotate);
  }

  /** Claims JSON requests whose target is `secretsmanager.*`. */
  route(request: EmulatorRequest): string | undefined {
    return jsonTarget(request, 'secretsmanager');
  }

  implementsOperation(operation: string): boolean {
    return OPERATIONS.has(operation);
  }

  /** Answers one operation; errors are thrown as `AwsServiceError` and rendered by `errorResponse`. */
  handle(operation: string, request: EmulatorRequest): EmulatorResponse {
    const run = OPERATIONS.get(operation);
    if (!run) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `The emulator does not implement the operation secretsmanager.${operation}.`,
      );
    }
    return jsonResponse(run(parseJsonBody(request), this.#store));
  }

  /** Renders an error in AWS JSON 1.1. Injected 5xx faults use the service's own `InternalServiceError` code. */
  errorResponse(error: AwsServiceError): EmulatorResponse {
    const answered =
      error.code === 'InternalServerError'
        ? new AwsServiceError('InternalServiceError', error.message, error.status, error.extra)
        : error;
    return jsonErrorResponse(answered, undefined, MODELED_ERRORS.has(answered.code) ? 'Message' : 'message');
  }

  /** Loads the `secretsmanager` seed section; a seeded secret replaces an existing one of the same name. */
  load(seed: unknown): void {
    for (const parsed of parseSecretsManagerSeed(seed)) {
      const existing = this.#store.find(parsed.name);
      if (existing) this.#store.remove(existing);
      const { secret } = this.#store.create({
        name: parsed.name,
        description: parsed.description,
        kmsKeyId: parsed.kmsKeyId,
        tags: parsed.tags,
      });
      for (const version of parsed.versions) {
        this.#store.putValue(secret, version.value, version.versionId, version.stages);
      }
    }
  }

  /** Forgets every secret. */
  reset(): void {
    this.#store.clear();
  }

  /** Creates a secret with a first (AWSCURRENT) version. Throws `AwsServiceError` as CreateSecret would. */
  createSecret(input: CreateSecretInput): { arn: string; name: string; versionId: string } {
    checkSecretName(input.name);
    const value = secretValue(input.value);
    checkValueSize(value);
    if (input.versionId !== undefined)
      checkLength('clientRequestToken', input.versionId.length, { min: 32, max: 64 }, `'${input.versionId}'`);
    const tags: Tag[] | undefined = input.tags && Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value }));
    const { secret, version } = this.#store.create({ ...input, value, tags });
    // A create with a value always yields a version (a new one, or the same one on an idempotent repeat).
    if (!version) throw new Error(`Secret ${secret.name} has no version after createSecret`);
    return { arn: secret.arn, name: secret.name, versionId: version.versionId };
  }

  /**
   * Adds a version, as PutSecretValue does; returns its id. With the default stages the old AWSCURRENT becomes
   * AWSPREVIOUS, which simulates a completed rotation; `['AWSPENDING']` simulates one in progress.
   */
  putSecretValue(
    name: string,
    value: string | Uint8Array | object,
    stages: readonly string[] = ['AWSCURRENT'],
  ): string {
    const stored = secretValue(value);
    checkValueSize(stored);
    return this.#store.putValue(this.#store.requireActive(name), stored, undefined, stages).version.versionId;
  }

  /**
   * Rotates a secret as RotateSecret does (rules are validated as there; the rotation hook makes the value) and
   * returns the new AWSCURRENT version's id, or `undefined` when `immediately` is false.
   */
  rotateSecret(name: string, options: RotateSecretOptions = {}): string | undefined {
    const input = {
      SecretId: name,
      ...(options.rules === undefined ? {} : { RotationRules: options.rules }),
      ...(options.immediately === undefined ? {} : { RotateImmediately: options.immediately }),
    };
    return rotateSecret(input, this.#store).VersionId as string | undefined;
  }

  /** The metadata of a secret (by name or ARN), or `undefined` when there is none. Does not count as an access. */
  getSecret(name: string): SecretInfo | undefined {
    const secret = this.#store.find(name);
    return secret && info(secret);
  }

  /**
   * Reads a version for another service (Parameter Store's `/aws/reference/secretsmanager/` names): by version id
   * when `selector` names one, else by staging label (default AWSCURRENT). Counts as an access, as the read AWS
   * makes on the caller's behalf does. Throws the `AwsServiceError` GetSecretValue would.
   */
  readForReference(secretId: string, selector?: string): ReferencedSecret {
    const secret = this.#store.requireActive(secretId);
    const byId = selector === undefined ? undefined : secret.versions.get(selector);
    const version = byId ?? resolveVersion(secret, undefined, selector);
    this.#store.markAccessed(secret, version);
    return secretValueShape(secret, version);
  }

  /** The value under a staging label (default AWSCURRENT), or `undefined`. Does not count as an access. */
  getSecretValue(name: string, stage = 'AWSCURRENT'): string | Uint8Array | undefined {
    const secret = this.#store.find(name);
    const version = secret && versionWithStage(secret, stage);
    if (!version) return undefined;
    return version.value.kind === 'string' ? version.value.text : Uint8Array.from(version.value.bytes);
  }

  /**
   * Deletes a secret. Without options it vanishes at once (ForceDeleteWithoutRecovery); with
   * `recoveryWindowInDays` it is scheduled, so the API answers as for a secret marked for deletion.
   * Returns whether the secret existed.
   */
  deleteSecret(name: string, options: { recoveryWindowInDays?: number } = {}): boolean {
    const secret = this.#store.find(name);
    if (!secret) return false;
    if (options.recoveryWindowInDays === undefined) this.#store.remove(secret);
    else this.#store.scheduleDeletion(secret, options.recoveryWindowInDays);
    return true;
  }
}

function info(secret: StoredSecret): SecretInfo {
  const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
  return {
    arn: secret.arn,
    name: secret.name,
    description: secret.description,
    kmsKeyId: secret.kmsKeyId,
    tags: Object.fromEntries((secret.tags ?? []).map((t) => [t.Key, t.Value])),
    createdDate: new Date(secret.createdDate),
    lastChangedDate: new Date(secret.lastChangedDate),
    lastAccessedDate: date(secret.lastAccessedDate),
    deletedDate: date(secret.deletedDate),
    currentVersionId: versionWithStage(secret, 'AWSCURRENT')?.versionId,
    rotationEnabled: secret.rotation?.enabled,
    lastRotatedDate: date(secret.rotation?.lastRotatedDate),
    nextRotationDate: date(secret.rotation?.nextRotationDate),
    versions: [...secret.versions.values()].map((v) => ({
      versionId: v.versionId,
      stages: [...v.stages],
      createdDate: new Date(v.createdDate),
    })),
  };
}
