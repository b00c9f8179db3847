import { AwsServiceError } from '../../core/awsJson.js';
import { checkSecretName, type Tag } from './fields.js';
import { checkValueSize, type SecretValue } from './values.js';

/** A secret value in a seed: text, or a JSON object stored as its JSON string. */
export type SeedValue = string | Readonly<Record<string, unknown>>;

/** One version of a seeded secret. */
export interface SecretsManagerSeedVersion {
  /** Text value, or a JSON object (stored as its JSON string). */
  readonly value?: SeedValue;
  /** Binary value as base64, instead of `value`. */
  readonly binary?: string;
  /** Version id (32..64 characters, as AWS requires); random when omitted. */
  readonly versionId?: string;
  /** Staging labels moved onto this version. @default ['AWSCURRENT'] */
  readonly stages?: readonly string[];
}

/** One seeded secret. */
export interface SecretsManagerSeedSecret {
  /** 1..512 characters: ASCII letters, digits and `/_+=.@-`. */
  readonly name: string;
  /** The current value (AWSCURRENT): text, or a JSON object stored as its JSON string. */
  readonly value?: SeedValue;
  /** The current value as base64 bytes, instead of `value`. */
  readonly binary?: string;
  readonly description?: string;
  readonly kmsKeyId?: string;
  /** Tags as a `{ key: value }` object. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Versions added before `value`/`binary`, older to newer, each becoming AWSCURRENT unless it names `stages`. */
  readonly versions?: readonly SecretsManagerSeedVersion[];
}

/** The `secretsmanager` section of a seed file. */
export interface SecretsManagerSeed {
  readonly secrets?: readonly SecretsManagerSeedSecret[];
}

/** A validated seed version. */
export interface ParsedVersion {
  readonly value: SecretValue;
  readonly versionId: string | undefined;
  readonly stages: readonly string[] | undefined;
}

/** A validated seed secret. */
export interface ParsedSecret {
  readonly name: string;
  readonly description: string | undefined;
  readonly kmsKeyId: string | undefined;
  readonly tags: Tag[] | undefined;
  readonly versions: readonly ParsedVersion[];
}

const SECRET_KEYS = ['name', 'value', 'binary', 'description', 'kmsKeyId', 'tags', 'versions'];
const VERSION_KEYS = ['value', 'binary', 'versionId', 'stages'];

/**
 * Validates the `secretsmanager` section of a seed. Throws a `TypeError` naming the bad field; values never
 * appear in messages. Nothing is loaded unless the whole section is valid.
 */
export function parseSecretsManagerSeed(seed: unknown): ParsedSecret[] {
  const root = record(seed, 'secretsmanager');
  allowOnly(root, ['secrets'], 'secretsmanager');
  if (root.secrets === undefined) return [];
  if (!Array.isArray(root.secrets)) throw new TypeError('secretsmanager.secrets must be an array');
  const seen = new Set<string>();
  return root.secrets.map((entry: unknown, index) => {
    const where = `secretsmanager.secrets[${index}]`;
    const secret = parseSecret(entry, where);
    if (seen.has(secret.name)) throw new TypeError(`${where}.name '${secret.name}' appears more than once`);
    seen.add(secret.name);
    return secret;
  });
}

function parseSecret(entry: unknown, where: string): ParsedSecret {
  const raw = record(entry, where);
  allowOnly(raw, SECRET_KEYS, where);
  if (typeof raw.name !== 'string') throw new TypeError(`${where}.name must be a string`);
  const name = raw.name;
  rethrowAsTypeError(`${where}.name`, () => checkSecretName(name));
  const versions: ParsedVersion[] = [];
  if (raw.versions !== undefined) {
    if (!Array.isArray(raw.versions)) throw new TypeError(`${where}.versions must be an array`);
    raw.versions.forEach((v: unknown, i) => {
      versions.push(parseVersion(v, `${where}.versions[${i}]`));
    });
  }
  const current = optionalValue(raw, where);
  if (current) versions.push({ value: current, versionId: undefined, stages: undefined });
  if (versions.length === 0) throw new TypeError(`${where} needs a value, binary or versions`);
  return {
    name,
    description: optionalText(raw.description, `${where}.description`),
    kmsKeyId: optionalText(raw.kmsKeyId, `${where}.kmsKeyId`),
    tags: parseTags(raw.tags, `${where}.tags`),
    versions,
  };
}

function parseVersion(entry: unknown, where: string): ParsedVersion {
  const raw = record(entry, where);
  allowOnly(raw, VERSION_KEYS, where);
  const value = optionalValue(raw, where);
  if (!value) throw new TypeError(`${where} needs a value or binary`);
  const versionId = optionalText(raw.versionId, `${where}.versionId`);
  if (versionId !== undefined && (versionId.length < 32 || versionId.length > 64)) {
    throw new TypeError(`${where}.versionId must be 32..64 characters long, as AWS requires`);
  }
  let stages: string[] | undefined;
  if (raw.stages !== undefined) {
    if (!Array.isArray(raw.stages) || !raw.stages.every((s) => typeof s === 'string' && s.length > 0)) {
      throw new TypeError(`${where}.stages must be an array of non-empty strings`);
    }
    stages = raw.stages as string[];
  }
  return { value, versionId, stages };
}

function optionalValue(raw: Record<string, unknown>, where: string): SecretValue | undefined {
  if (raw.value !== undefined && raw.binary !== undefined) {
    throw new TypeError(`${where} has both value and binary; give one`);
  }
  let value: SecretValue | undefined;
  if (raw.binary !== undefined) {
    if (typeof raw.binary !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(raw.binary) || raw.binary.length % 4 !== 0) {
      throw new TypeError(`${where}.binary must be a base64 string`);
    }
    value = { kind: 'binary', bytes: new Uint8Array(Buffer.from(raw.binary, 'base64')) };
  } else if (typeof raw.value === 'string') {
    value = { kind: 'string', text: raw.value };
  } else if (raw.value !== undefined) {
    if (raw.value === null || typeof raw.value !== 'object' || Array.isArray(raw.value)) {
      throw new TypeError(`${where}.value must be a string or a JSON object`);
    }
    value = { kind: 'string', text: JSON.stringify(raw.value) };
  }
  const checked = value;
  if (checked)
    rethrowAsTypeError(`${where}.${checked.kind === 'string' ? 'value' : 'binary'}`, () => checkValueSize(checked));
  return value;
}

function parseTags(raw: unknown, where: string): Tag[] | undefined {
  if (raw === undefined) return undefined;
  const tags = record(raw, where);
  return Object.entries(tags).map(([key, value]) => {
    if (typeof value !== 'string') throw new TypeError(`${where}.${key} must be a string`);
    if (key.length < 1 || key.length > 128 || value.length > 256) {
      throw new TypeError(`${where}.${key}: tag keys are 1..128 and values 0..256 characters`);
    }
    return { Key: key, Value: value };
  });
}

function optionalText(raw: unknown, where: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new TypeError(`${where} must be a string`);
  return raw;
}

function record(raw: unknown, where: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new TypeError(`${where} must be an object`);
  return raw as Record<string, unknown>;
}

function allowOnly(raw: Record<string, unknown>, keys: readonly string[], where: string): void {
  for (const key of Object.keys(raw)) {
    if (!keys.includes(key))
      throw new TypeError(`${where}.${key} is not a known field; expected one of: ${keys.join(', ')}`);
  }
}

/** Reuses the API's checks for seeds, reporting them as the seed's field (messages never include values). */
function rethrowAsTypeError(where: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof AwsServiceError) throw new TypeError(`${where}: ${error.message}`);
    throw error;
  }
}
