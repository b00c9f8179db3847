import { AwsServiceError } from './awsJson.js';

/** A parsed JSON request body (or a structure inside one). */
export type Body = Readonly<Record<string, unknown>>;

/** Length or value bounds of a member, as the AWS model states them. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

/** The model types a member can have, named as AWS's (Coral) deserializer names them in its messages. */
export type WireType = 'String' | 'Integer' | 'Long' | 'Boolean' | 'List' | 'Structure' | 'Map';

// The request members of the AWS JSON protocols, read the way AWS's front end (Coral) reads them, for every JSON
// service of the emulator. Two kinds of failure, as AWS has them:
// - a member of the wrong JSON type never reaches validation: `SerializationException`, worded as Coral words it
//   (`NUMBER_VALUE cannot be converted to String`, `Start of structure or map found where not expected.`);
// - a well-typed member outside its model constraints: `ValidationException`,
//   `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: ...`.
// Each service renders both in its own protocol (DynamoDB namespaces `__type`; AppConfigData maps them to its
// `BadRequestException`).

/** AWS names members in lowerCamelCase in validation messages: `SecretId` → `secretId`. */
export function memberPath(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

/**
 * A `ValidationException` in AWS's wording. `shown` is the offending value as AWS prints it (`'x'`, `null`);
 * `undefined` leaves it out, as AWS does for sensitive members.
 */
export function constraintViolation(path: string, constraint: string, shown?: string): AwsServiceError {
  const value = shown === undefined ? '' : ` ${shown}`;
  return new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value${value} at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

/** A member whose JSON type is not its model type, worded as AWS's deserializer words it. Never shows the value. */
export function serializationError(found: unknown, expected: WireType): AwsServiceError {
  return new AwsServiceError('SerializationException', serializationMessage(found, expected));
}

function serializationMessage(found: unknown, expected: WireType): string {
  if (Array.isArray(found)) return 'Start of list found where not expected.';
  if (found === null) return `NULL_VALUE cannot be converted to ${expected}`;
  if (typeof found === 'object') return 'Start of structure or map found where not expected.';
  const token =
    typeof found === 'string' ? 'STRING_VALUE' : typeof found === 'number' ? 'NUMBER_VALUE' : 'BOOLEAN_VALUE';
  return `${token} cannot be converted to ${expected}`;
}

/** Checks a length against bounds; `shown` as in `constraintViolation`. */
export function checkLength(path: string, length: number, bounds: Bounds, shown: string | undefined): void {
  if (bounds.min !== undefined && length < bounds.min) {
    throw constraintViolation(path, `Member must have length greater than or equal to ${bounds.min}`, shown);
  }
  if (bounds.max !== undefined && length > bounds.max) {
    throw constraintViolation(path, `Member must have length less than or equal to ${bounds.max}`, shown);
  }
}

/** The member's value; JSON `null` counts as absent, as in the AWS JSON protocols. Only own members count. */
export function memberValue(body: Body, member: string): unknown {
  if (!Object.hasOwn(body, member)) return undefined;
  const value = body[member];
  return value === null ? undefined : value;
}

/** Reads the members of one body (or nested structure), naming each in errors by its path in the request. */
export class RequestMembers {
  /**
   * @param body the parsed body or structure.
   * @param prefix where `body` sits in the request, for nested structures (`tags.1.member.`).
   */
  constructor(
    readonly body: Body,
    readonly prefix = '',
  ) {}

  #path(member: string): string {
    return `${this.prefix}${memberPath(member)}`;
  }

  /** The raw value (`null` as `undefined`), for members the caller checks itself. */
  raw(member: string): unknown {
    return memberValue(this.body, member);
  }

  /** Whether the member is present (not absent, not null). */
  has(member: string): boolean {
    return this.raw(member) !== undefined;
  }

  /** A `ValidationException` for a required member that is absent. */
  missing(member: string): AwsServiceError {
    return constraintViolation(this.#path(member), 'Member must not be null', 'null');
  }

  /** A string within `length`; a `sensitive` one (a secret value) never appears in a message. */
  optionalString(member: string, length: Bounds = {}, sensitive = false): string | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw serializationError(value, 'String');
    checkLength(this.#path(member), value.length, length, sensitive ? undefined : `'${value}'`);
    return value;
  }

  requiredString(member: string, length: Bounds = {}): string {
    const value = this.optionalString(member, length);
    if (value === undefined) throw this.missing(member);
    return value;
  }

  /** A string that must be one of `allowed` (an AWS enum). */
  optionalEnum<T extends string>(member: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(member);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw constraintViolation(
        this.#path(member),
        `Member must satisfy enum value set: [${allowed.join(', ')}]`,
        `'${value}'`,
      );
    }
    return value as T;
  }

  optionalBoolean(member: string): boolean | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw serializationError(value, 'Boolean');
    return value;
  }

  /** A whole number within `bounds`; `type` is the model type (`Integer`, or `Long` for 64-bit members). */
  optionalInteger(member: string, bounds: Bounds = {}, type: 'Integer' | 'Long' = 'Integer'): number | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    // Coral truncates a fraction sent for an integer member; the emulator refuses it instead of guessing. A number
    // past 2^53 has lost digits in JSON.parse (1e21 is 1e+21 to JavaScript), so it is refused the same way rather
    // than echoed in float notation.
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw serializationError(value, type);
    const path = this.#path(member);
    if (bounds.min !== undefined && value < bounds.min) {
      throw constraintViolation(path, `Member must have value greater than or equal to ${bounds.min}`, `'${value}'`);
    }
    if (bounds.max !== undefined && value > bounds.max) {
      throw constraintViolation(path, `Member must have value less than or equal to ${bounds.max}`, `'${value}'`);
    }
    return value;
  }

  /** A list, its items unchecked. */
  optionalList(member: string): readonly unknown[] | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw serializationError(value, 'List');
    return value;
  }

  /** A list of strings; `list` bounds its length, `item` the length of each string. */
  optionalStringList(member: string, list: Bounds = {}, item: Bounds = {}): string[] | undefined {
    const raw = this.optionalList(member);
    if (raw === undefined) return undefined;
    const items = raw.map((value) => {
      if (typeof value !== 'string') throw serializationError(value, 'String');
      return value;
    });
    const path = this.#path(member);
    const shown = `'[${items.join(', ')}]'`;
    checkLength(path, items.length, list, shown);
    items.forEach((value, index) => {
      checkLength(`${path}.${index + 1}.member`, value.length, item, `'${value}'`);
    });
    return items;
  }

  requiredStringList(member: string, list: Bounds = {}, item: Bounds = {}): string[] {
    const value = this.optionalStringList(member, list, item);
    if (value === undefined) throw this.missing(member);
    return value;
  }

  /** A structure or map member, as a plain object. */
  optionalStructure(member: string, type: 'Structure' | 'Map' = 'Structure'): Body | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw serializationError(value, type);
    return value as Body;
  }

  /** A list of structures, each as its own reader (paths `member.N.member.`). */
  optionalStructureList(member: string): RequestMembers[] | undefined {
    const raw = this.optionalList(member);
    if (raw === undefined) return undefined;
    return raw.map((item, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw serializationError(item, 'Structure');
      return new RequestMembers(item as Body, `${this.#path(member)}.${index + 1}.member.`);
    });
  }
}
