import { AwsServiceError } from '../../core/awsJson.js';
import {
  type Body,
  constraintViolation,
  memberPath,
  RequestMembers,
  serializationError,
  type WireType,
} from '../../core/members.js';

// DynamoDB's operations read their members through the emulator's one request reader (`core/members.ts`).

export type { Body } from '../../core/members.js';

/** A validation error in AWS's "1 validation error detected" wording. */
export function constraintError(
  member: string,
  value: string | number | undefined,
  constraint: string,
): AwsServiceError {
  const shown = value === undefined ? 'null' : `'${value}'`;
  return constraintViolation(memberPath(member), constraint, shown);
}

/** A value of the wrong JSON type: AWS's `SerializationException` (namespaced by the service's error renderer). */
export function typeError(value: unknown, expected: WireType): AwsServiceError {
  return serializationError(value, expected);
}

/** A list member's item that must be a structure (a JSON object). */
export function structure(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(value, 'Structure');
  return value as Body;
}

/** A member that must be present. */
export function required<T>(body: Body, member: string, read: (body: Body, member: string) => T | undefined): T {
  const value = read(body, member);
  if (value === undefined) throw new RequestMembers(body).missing(member);
  return value;
}

/** An optional string member. */
export function optionalString(body: Body, member: string): string | undefined {
  return new RequestMembers(body).optionalString(member);
}

/** An optional boolean member. */
export function optionalBoolean(body: Body, member: string): boolean | undefined {
  return new RequestMembers(body).optionalBoolean(member);
}

/** An optional integer member with a lower bound (e.g. `Limit` ≥ 1) and, where the model has one, an upper bound. */
export function optionalInteger(body: Body, member: string, min: number, max?: number): number | undefined {
  return new RequestMembers(body).optionalInteger(member, max === undefined ? { min } : { min, max });
}

/** An optional member restricted to an enumeration. */
export function optionalEnum<T extends string>(body: Body, member: string, allowed: readonly T[]): T | undefined {
  return new RequestMembers(body).optionalEnum(member, allowed);
}

/** An optional list member. */
export function optionalList(body: Body, member: string): unknown[] | undefined {
  return new RequestMembers(body).optionalList(member) as unknown[] | undefined;
}

/** An optional map or structure member. */
export function optionalObject(body: Body, member: string): Body | undefined {
  return new RequestMembers(body).optionalStructure(member, 'Map');
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
