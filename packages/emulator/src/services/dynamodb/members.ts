import { AwsServiceError } from '../../core/awsJson.js';

/** A parsed request body. */
export type Body = Readonly<Record<string, unknown>>;

/** AWS names members in lowerCamelCase in its validation messages (`tableName`, `keySchema`). */
function camel(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

/** A validation error in AWS's "1 validation error detected" wording. */
export function constraintError(member: string, value: unknown, constraint: string): AwsServiceError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${camel(member)}' failed to satisfy constraint: ${constraint}`,
  );
}

/**
 * A member of the wrong JSON type, as a `ValidationException` naming it. (AWS itself answers a
 * `SerializationException`; the SDKs never send such requests, and the emulator's services agree on this form.)
 */
export function typeError(member: string, expected: string, value?: unknown): AwsServiceError {
  const shown = typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
  return constraintError(member, shown, `Member must be ${expected}`);
}

/** A member that must be present. */
export function required<T>(body: Body, member: string, read: (body: Body, member: string) => T | undefined): T {
  const value = read(body, member);
  if (value === undefined) throw constraintError(member, undefined, 'Member must not be null');
  return value;
}

/** An optional string member. */
export function optionalString(body: Body, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError(member, 'a string', value);
  return value;
}

/** An optional boolean member. */
export function optionalBoolean(body: Body, member: string): boolean | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw typeError(member, 'a boolean', value);
  return value;
}

/** An optional integer member with a lower bound (e.g. `Limit` ≥ 1). */
export function optionalInteger(body: Body, member: string, min: number): number | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(member, 'an integer', value);
  if (value < min) throw constraintError(member, value, `Member must have value greater than or equal to ${min}`);
  return value;
}

/** An optional member restricted to an enumeration. */
export function optionalEnum<T extends string>(body: Body, member: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(body, member);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw constraintError(member, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}

/** An optional list member. */
export function optionalList(body: Body, member: string): unknown[] | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw typeError(member, 'a list', value);
  return value;
}

/** An optional object (map or structure) member. */
export function optionalObject(body: Body, member: string): Body | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw typeError(member, 'an object', value);
  return value as Body;
}

/**
 * The `TableName` member: 3–255 characters of `[a-zA-Z0-9_.-]`. A table ARN is accepted too (AWS allows one
 * since 2023) and reduced to the table name.
 */
export function tableName(body: Body): string {
  const raw = required(body, 'TableName', optionalString);
  const name = raw.startsWith('arn:') ? raw.slice(raw.indexOf(':table/') + ':table/'.length) : raw;
  if (name.length < 3) throw constraintError('TableName', raw, 'Member must have length greater than or equal to 3');
  if (name.length > 255) throw constraintError('TableName', raw, 'Member must have length less than or equal to 255');
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) {
    throw constraintError('TableName', raw, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  }
  return name;
}

/** Rejects legacy (pre-expression) parameters the emulator does not implement, rather than ignoring them. */
export function rejectUnsupported(body: Body, members: readonly string[]): void {
  for (const member of members) {
    if (body[member] !== undefined && body[member] !== null) {
      throw new AwsServiceError(
        'ValidationException',
        `The paramkit emulator does not support the legacy parameter ${member}; use the expression parameters instead`,
      );
    }
  }
}
