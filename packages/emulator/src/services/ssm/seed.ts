import { PARAMETER_TIERS, PARAMETER_TYPES, type ParameterType, type RequestedTier } from './model.js';

/** One parameter of a seed, in the full form. */
export interface SsmSeedParameter {
  /** Parameter name, e.g. `/app/db/url`. */
  name: string;
  /** The value; give either `value` or `versions`. */
  value?: string;
  /** Several values, oldest first; each becomes a version (1, 2, ...). */
  versions?: string[];
  /** @default 'String' */
  type?: ParameterType;
  description?: string;
  /** @default 'Standard' */
  tier?: RequestedTier;
  /** KMS key of a SecureString. @default 'alias/aws/ssm' */
  keyId?: string;
  /** @default 'text' */
  dataType?: string;
  allowedPattern?: string;
  /** Labels attached to the latest version. */
  labels?: string[];
}

/**
 * The `ssm` section of a seed. Either the full form, `{ "parameters": [ { "name": ..., "value": ... } ] }`,
 * or the shorthand `{ "/app/url": "https://example.com" }` mapping each name to a `String` value.
 */
export type SsmSeed = { parameters?: SsmSeedParameter[] } | { readonly [name: string]: string };

/** A seed parameter after validation, with `path` locating it in the seed for error messages. */
export interface ParsedSeedParameter extends Omit<SsmSeedParameter, 'value' | 'versions'> {
  readonly path: string;
  readonly versions: string[];
}

const FULL_FORM_FIELDS = new Set([
  'name',
  'value',
  'versions',
  'type',
  'description',
  'tier',
  'keyId',
  'dataType',
  'allowedPattern',
  'labels',
]);

/** Validates the `ssm` section of a seed; throws a `TypeError` naming the first bad field. */
export function parseSsmSeed(seed: unknown): ParsedSeedParameter[] {
  if (!isPlainObject(seed)) throw new TypeError('ssm: expected an object');
  if (!('parameters' in seed)) return Object.entries(seed).map(([name, value]) => parseShorthand(name, value));
  const extra = Object.keys(seed).find((key) => key !== 'parameters');
  if (extra !== undefined) {
    throw new TypeError(`ssm: unexpected field '${extra}' next to 'parameters' (use one form or the other)`);
  }
  if (!Array.isArray(seed.parameters)) throw new TypeError('ssm.parameters: expected an array');
  return seed.parameters.map((entry, index) => parseEntry(entry, `ssm.parameters[${index}]`));
}

function parseShorthand(name: string, value: unknown): ParsedSeedParameter {
  if (typeof value !== 'string') {
    const hint = Array.isArray(value) ? " (did you mean 'parameters'?)" : '';
    throw new TypeError(`ssm['${name}']: expected a string value${hint}`);
  }
  return { path: `ssm['${name}']`, name, versions: [value], type: 'String' };
}

function parseEntry(entry: unknown, path: string): ParsedSeedParameter {
  if (!isPlainObject(entry)) throw new TypeError(`${path}: expected an object`);
  const unknown = Object.keys(entry).find((key) => !FULL_FORM_FIELDS.has(key));
  if (unknown !== undefined) throw new TypeError(`${path}.${unknown}: unknown field`);
  const name = entry.name;
  if (typeof name !== 'string' || name === '') throw new TypeError(`${path}.name: expected a non-empty string`);
  if ((entry.value === undefined) === (entry.versions === undefined)) {
    throw new TypeError(`${path}: give exactly one of 'value' and 'versions'`);
  }
  const versions =
    entry.versions === undefined ? [stringField(entry, 'value', path)] : stringList(entry, 'versions', path);
  if (versions.length === 0) throw new TypeError(`${path}.versions: expected at least one value`);
  return {
    path,
    name,
    versions,
    type: enumField(entry, 'type', PARAMETER_TYPES, path) ?? 'String',
    tier: enumField(entry, 'tier', PARAMETER_TIERS, path),
    description: optionalString(entry, 'description', path),
    keyId: optionalString(entry, 'keyId', path),
    dataType: optionalString(entry, 'dataType', path),
    allowedPattern: optionalString(entry, 'allowedPattern', path),
    labels: entry.labels === undefined ? undefined : stringList(entry, 'labels', path),
  };
}

function stringField(entry: Record<string, unknown>, field: string, path: string): string {
  const value = entry[field];
  if (typeof value !== 'string') throw new TypeError(`${path}.${field}: expected a string`);
  return value;
}

function optionalString(entry: Record<string, unknown>, field: string, path: string): string | undefined {
  return entry[field] === undefined ? undefined : stringField(entry, field, path);
}

function stringList(entry: Record<string, unknown>, field: string, path: string): string[] {
  const value = entry[field];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new TypeError(`${path}.${field}: expected an array of strings`);
  }
  return value as string[];
}

function enumField<T extends string>(
  entry: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  path: string,
): T | undefined {
  const value = optionalString(entry, field, path);
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
    throw new TypeError(`${path}.${field}: expected one of ${allowed.join(', ')}; got '${value}'`);
  }
  return value as T | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
