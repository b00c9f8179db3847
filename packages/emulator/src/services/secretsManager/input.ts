import { constraintViolation, serializationError } from './errors.js';

/** A parsed JSON request body. */
export type Input = Readonly<Record<string, unknown>>;

/** Length bounds of a string member, as in the service model. */
export interface LengthRule {
  readonly min?: number;
  readonly max?: number;
}

/** AWS names members in lowerCamelCase in validation messages ("at 'secretId'"). */
export function memberPath(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function quoted(value: string): string {
  return `'${value}'`;
}

/** Checks `length` against a rule; `shown` is what the message prints (`undefined` for sensitive members). */
export function checkLength(path: string, length: number, rule: LengthRule, shown: string | undefined): void {
  if (rule.min !== undefined && length < rule.min) {
    throw constraintViolation(path, `Member must have length greater than or equal to ${rule.min}`, shown);
  }
  if (rule.max !== undefined && length > rule.max) {
    throw constraintViolation(path, `Member must have length less than or equal to ${rule.max}`, shown);
  }
}

/** JSON `null` counts as absent, as in the AWS JSON protocol. */
function present(input: Input, member: string): unknown {
  const raw = input[member];
  return raw === null ? undefined : raw;
}

/** Reads a required string member; a missing one is a `ValidationException` naming it. */
export function requireString(input: Input, member: string, rule: LengthRule = {}): string {
  const value = optionalString(input, member, rule);
  if (value === undefined) throw constraintViolation(memberPath(member), 'Member must not be null', 'null');
  return value;
}

/** Reads an optional string member. */
export function optionalString(input: Input, member: string, rule: LengthRule = {}): string | undefined {
  const raw = present(input, member);
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw serializationError(member, 'a string');
  checkLength(memberPath(member), raw.length, rule, quoted(raw));
  return raw;
}

/** Reads an optional integer member within `[min, max]`. */
export function optionalInteger(input: Input, member: string, min: number, max: number): number | undefined {
  const raw = present(input, member);
  if (raw === undefined) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw serializationError(member, 'an integer');
  const path = memberPath(member);
  if (raw < min) throw constraintViolation(path, `Member must have value greater than or equal to ${min}`, `'${raw}'`);
  if (raw > max) throw constraintViolation(path, `Member must have value less than or equal to ${max}`, `'${raw}'`);
  return raw;
}

/** Reads an optional boolean member. */
export function optionalBoolean(input: Input, member: string): boolean | undefined {
  const raw = present(input, member);
  if (raw === undefined) return undefined;
  if (typeof raw !== 'boolean') throw serializationError(member, 'a boolean');
  return raw;
}

/** Reads an optional array member without looking at its items. */
export function optionalArray(input: Input, member: string): readonly unknown[] | undefined {
  const raw = present(input, member);
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw serializationError(member, 'a list');
  return raw;
}

/** Reads an optional list of strings with bounds on the list and on each item. */
export function optionalStringList(
  input: Input,
  member: string,
  list: LengthRule,
  item: LengthRule,
): string[] | undefined {
  const raw = optionalArray(input, member);
  if (raw === undefined) return undefined;
  return checkStringList(raw, memberPath(member), member, list, item);
}

/** Checks a list of strings found at `path`; shared by top-level lists and lists nested in structures. */
export function checkStringList(
  raw: readonly unknown[],
  path: string,
  member: string,
  list: LengthRule,
  item: LengthRule,
): string[] {
  const items = raw.map((value) => {
    if (typeof value !== 'string') throw serializationError(member, 'a list of strings');
    return value;
  });
  checkLength(path, items.length, list, quoted(`[${items.join(', ')}]`));
  items.forEach((value, index) => {
    checkLength(`${path}.${index + 1}.member`, value.length, item, quoted(value));
  });
  return items;
}
