import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../core/awsJson.js';
import { invalidRequest } from './errors.js';
import { nextRotationDate, type ParsedRules } from './rotationSchedule.js';
import { versionWithStage } from './stages.js';
import type { SecretVersion, StoredSecret } from './store.js';
import { checkValueSize, type SecretValue, secretValue } from './values.js';

/** What a rotation hook is asked to rotate. */
export interface RotationRequest {
  /** The secret's name. */
  readonly name: string;
  readonly arn: string;
  /** The AWSCURRENT value before the rotation (`undefined` for a secret without one). */
  readonly current: string | Uint8Array | undefined;
  /** The id the new version will have. */
  readonly versionId: string;
}

/**
 * Produces a secret's next value, standing in for the rotation Lambda function the emulator does not run. It runs
 * synchronously inside the request that rotates (RotateSecret, or the first request after a scheduled rotation is
 * due). If it throws, the secret is not rotated.
 */
export type RotationHook = (request: RotationRequest) => string | Uint8Array;

/** A secret's rotation configuration and history. Dates are milliseconds since the epoch. */
export interface RotationState {
  enabled: boolean;
  lambdaArn: string | undefined;
  rules: ParsedRules | undefined;
  lastRotatedDate: number | undefined;
  /** Set while rotation is enabled with a schedule. */
  nextRotationDate: number | undefined;
}

const PASSWORD_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,-.:;<=>?@[]^_{|}~';
const PASSWORD_LENGTH = 32;

/**
 * The default rotation: a JSON object with a string `password` gets a fresh 32-character password (its other
 * fields, such as `username` and `host`, are kept, as AWS's database rotation functions keep them); binary gets as
 * many fresh random bytes; any other value is replaced by a fresh 32-character password.
 */
export function defaultRotation(request: RotationRequest): string | Uint8Array {
  const { current } = request;
  if (current instanceof Uint8Array) return new Uint8Array(randomBytes(Math.max(1, current.length)));
  const parsed = parseObject(current);
  if (parsed && typeof parsed.password === 'string') return JSON.stringify({ ...parsed, password: randomPassword() });
  return randomPassword();
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function randomPassword(): string {
  let password = '';
  for (let i = 0; i < PASSWORD_LENGTH; i += 1) password += PASSWORD_CHARACTERS[randomInt(PASSWORD_CHARACTERS.length)];
  return password;
}

/** What rotating needs from the store. */
export interface RotationStore {
  now(): number;
  putValue(
    secret: StoredSecret,
    value: SecretValue,
    versionId?: string,
    stages?: readonly string[],
  ): { version: SecretVersion };
}

/**
 * Rotates a secret at once: a new version with the hook's value becomes AWSCURRENT, the old one AWSPREVIOUS, and
 * `LastRotatedDate`/`NextRotationDate` move on. Refused while another rotation is pending (an AWSPENDING version
 * that is not AWSCURRENT), as AWS refuses it.
 */
export function rotateNow(
  store: RotationStore,
  secret: StoredSecret,
  hook: RotationHook,
  versionId: string = randomUUID(),
): SecretVersion {
  const pending = versionWithStage(secret, 'AWSPENDING');
  if (pending && !pending.stages.includes('AWSCURRENT')) {
    throw invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");
  }
  const current = versionWithStage(secret, 'AWSCURRENT')?.value;
  const value = produce(hook, {
    name: secret.name,
    arn: secret.arn,
    current:
      current === undefined ? undefined : current.kind === 'string' ? current.text : Uint8Array.from(current.bytes),
    versionId,
  });
  const { version } = store.putValue(secret, value, versionId, ['AWSCURRENT']);
  const now = store.now();
  const state = secret.rotation ?? newRotationState();
  secret.rotation = state;
  state.lastRotatedDate = now;
  reschedule(state, now);
  return version;
}

/** The state of a secret that has never been configured for rotation, before its first change. */
export function newRotationState(): RotationState {
  return {
    enabled: false,
    lambdaArn: undefined,
    rules: undefined,
    lastRotatedDate: undefined,
    nextRotationDate: undefined,
  };
}

/** Sets `NextRotationDate` from `fromMs` while rotation is enabled with rules; clears it otherwise. */
export function reschedule(state: RotationState, fromMs: number): void {
  state.nextRotationDate = state.enabled && state.rules ? nextRotationDate(state.rules, fromMs) : undefined;
}

/** Runs the hook; a throw, or a value Secrets Manager could not store, fails the rotation without saying more. */
function produce(hook: RotationHook, request: RotationRequest): SecretValue {
  const failed = () => invalidRequest('The rotation hook failed, so the secret was not rotated.');
  let produced: unknown;
  try {
    produced = hook(request);
  } catch {
    // The hook's own error could quote the value; it stays out of the answer.
    throw failed();
  }
  if (typeof produced !== 'string' && !(produced instanceof Uint8Array)) throw failed();
  const value = secretValue(produced);
  try {
    checkValueSize(value);
  } catch (error) {
    if (error instanceof AwsServiceError) throw failed();
    throw error;
  }
  return value;
}
