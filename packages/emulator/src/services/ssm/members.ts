import { AwsServiceError } from '../../core/awsJson.js';

/** Length or value bounds of a request member, as the AWS model states them. */
export interface Bounds {
  min?: number;
  max?: number;
}

/**
 * Reads the members of a JSON request body with the checks AWS's front end makes before an operation runs:
 * required members, types, lengths and ranges. Violations become `ValidationException`s worded like AWS's
 * ("1 validation error detected: Value null at 'name' failed to satisfy constraint: ...").
 */
export class RequestMembers {
  constructor(private readonly body: Readonly<Record<string, unknown>>) {}

  /** The raw value, for members the caller checks itself. */
  raw(member: string): unknown {
    return this.body[member];
  }

  requiredString(member: string, bounds: Bounds = {}): string {
    const value = this.optionalString(member, bounds);
    if (value === undefined) throw notNull(member);
    return value;
  }

  optionalString(member: string, bounds: Bounds = {}): string | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw wrongType(member, 'a string');
    checkLength(member, value, value.length, bounds);
    return value;
  }

  /** A string that must be one of `allowed` (an AWS enum). */
  optionalEnum<T extends string>(member: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(member);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw violation(member, `'${value}'`, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    }
    return value as T;
  }

  optionalBoolean(member: string): boolean | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw wrongType(member, 'a boolean');
    return value;
  }

  optionalInteger(member: string, bounds: Bounds = {}): number | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(member, 'an integer');
    if (bounds.min !== undefined && value < bounds.min) {
      throw violation(member, `'${value}'`, `Member must have value greater than or equal to ${bounds.min}`);
    }
    if (bounds.max !== undefined && value > bounds.max) {
      throw violation(member, `'${value}'`, `Member must have value less than or equal to ${bounds.max}`);
    }
    return value;
  }

  /** A list of strings; `items` bounds the length of each string, `bounds` the length of the list. */
  requiredStringList(member: string, bounds: Bounds = {}, items: Bounds = {}): string[] {
    const value = this.body[member];
    if (value === undefined || value === null) throw notNull(member);
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw wrongType(member, 'a list of strings');
    }
    const list = value as string[];
    checkLength(member, `[${list.join(', ')}]`, list.length, bounds);
    for (const item of list) {
      if (outside(item.length, items)) {
        throw violation(member, `'[${list.join(', ')}]'`, `Member must satisfy constraint: [${describe(items)}]`);
      }
    }
    return list;
  }

  /** A list of objects, each handed back as its own `RequestMembers`. */
  optionalStructureList(member: string): RequestMembers[] | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every(isPlainObject)) throw wrongType(member, 'a list of objects');
    return value.map((item) => new RequestMembers(item));
  }
}

/** Whether `value` is a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** AWS names members in validation messages in lower camel case: `Name` → `name`. */
function wireName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function violation(member: string, shownValue: string, constraint: string): AwsServiceError {
  return new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value ${shownValue} at '${wireName(member)}' failed to satisfy constraint: ${constraint}`,
  );
}

function notNull(member: string): AwsServiceError {
  return violation(member, 'null', 'Member must not be null');
}

// AWS itself answers a type mismatch with a bare SerializationException; naming the member is more useful.
function wrongType(member: string, expected: string): AwsServiceError {
  return new AwsServiceError('ValidationException', `Invalid type for member '${member}': expected ${expected}.`);
}

function checkLength(member: string, shown: string, length: number, bounds: Bounds): void {
  if (bounds.min !== undefined && length < bounds.min) {
    throw violation(member, `'${shown}'`, `Member must have length greater than or equal to ${bounds.min}`);
  }
  if (bounds.max !== undefined && length > bounds.max) {
    throw violation(member, `'${shown}'`, `Member must have length less than or equal to ${bounds.max}`);
  }
}

function outside(length: number, bounds: Bounds): boolean {
  return (bounds.min !== undefined && length < bounds.min) || (bounds.max !== undefined && length > bounds.max);
}

function describe(bounds: Bounds): string {
  const parts: string[] = [];
  if (bounds.max !== undefined) parts.push(`Member must have length less than or equal to ${bounds.max}`);
  if (bounds.min !== undefined) parts.push(`Member must have length greater than or equal to ${bounds.min}`);
  return parts.join(', ');
}
