import { emptyRecord, jsonDepth } from '../../core/jsonTree.js';
import { canonicalNumber } from './numbers.js';
import { type AttributeValue, type Item, MAX_NESTING_LEVELS } from './values.js';

/**
 * A plain JavaScript value the programmatic API and seed files accept for an attribute.
 * Sets of strings or numbers become `SS`/`NS`; `undefined` members of objects are left out.
 */
export type PlainValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Uint8Array
  | Set<string>
  | Set<number>
  | readonly PlainValue[]
  | { readonly [key: string]: PlainValue | undefined };

/** A plain JavaScript item: attribute names mapped to plain values. */
export type PlainItem = { readonly [key: string]: PlainValue | undefined };

/**
 * Converts a plain value to a DynamoDB attribute value (string→S, number→N, boolean→BOOL, null→NULL,
 * Uint8Array→B, array→L, object→M). Throws a `TypeError` naming `path` for values DynamoDB cannot hold.
 * Written here rather than taken from `@aws-sdk/util-dynamodb`, so the emulator has no runtime dependency on it.
 */
export function toAttributeValue(value: unknown, path: string): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`${path} must be a finite number, got ${value}`);
    }
    return { N: canonicalPlainNumber(String(value), path) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (value instanceof Uint8Array) return { B: Buffer.from(value).toString('base64') };
  if (value instanceof Set) return setValue(value, path);
  if (Array.isArray(value)) return { L: value.map((member, i) => toAttributeValue(member, `${path}[${i}]`)) };
  if (typeof value === 'object' && value !== undefined && Object.getPrototypeOf(value) === Object.prototype) {
    return { M: plainToItem(value as Record<string, unknown>, path) };
  }
  const kind = value === undefined ? 'undefined' : (value?.constructor?.name ?? typeof value);
  throw new TypeError(`${path} has a value DynamoDB cannot store: ${kind}`);
}

/**
 * Converts a plain object to an item, leaving out `undefined` members. Nesting is checked first, without recursion,
 * so a deep object from a seed file is a `TypeError` rather than a stack overflow.
 */
export function toItem(plain: Record<string, unknown>, path = 'item'): Item {
  if (jsonDepth(plain, MAX_NESTING_LEVELS) > MAX_NESTING_LEVELS) {
    throw new TypeError(`${path} nests deeper than the ${MAX_NESTING_LEVELS} levels DynamoDB allows`);
  }
  return plainToItem(plain, path);
}

function plainToItem(plain: Record<string, unknown>, path: string): Item {
  const item: Item = emptyRecord();
  for (const [name, value] of Object.entries(plain)) {
    if (value !== undefined) item[name] = toAttributeValue(value, `${path}.${name}`);
  }
  return item;
}

function canonicalPlainNumber(text: string, path: string): string {
  try {
    return canonicalNumber(text);
  } catch (error) {
    throw new TypeError(`${path}: ${(error as Error).message}`);
  }
}

function setValue(set: Set<unknown>, path: string): AttributeValue {
  const members = [...set];
  if (members.length === 0) throw new TypeError(`${path} is an empty set; DynamoDB sets may not be empty`);
  if (members.every((m) => typeof m === 'string')) return { SS: members as string[] };
  if (members.every((m) => typeof m === 'number' || typeof m === 'bigint')) {
    return { NS: members.map((m) => canonicalPlainNumber(String(m), path)) };
  }
  if (members.every((m) => m instanceof Uint8Array)) {
    return { BS: members.map((m) => Buffer.from(m as Uint8Array).toString('base64')) };
  }
  throw new TypeError(`${path} is a set whose members are not all strings, all numbers or all binary`);
}

/**
 * Converts an attribute value back to a plain value. Numbers become JS numbers (precision beyond a double's is lost),
 * binary becomes `Uint8Array`, sets become `Set`.
 */
export function fromAttributeValue(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('B' in value) return new Uint8Array(Buffer.from(value.B, 'base64'));
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('SS' in value) return new Set(value.SS);
  if ('NS' in value) return new Set(value.NS.map(Number));
  if ('BS' in value) return new Set(value.BS.map((b) => new Uint8Array(Buffer.from(b, 'base64'))));
  if ('L' in value) return value.L.map(fromAttributeValue);
  return fromItem(value.M);
}

/** Converts an item back to a plain object. */
export function fromItem(item: Item): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  // defineProperty: an attribute named `__proto__` must stay an attribute, not replace the object's prototype.
  for (const [name, value] of Object.entries(item)) {
    Object.defineProperty(plain, name, {
      value: fromAttributeValue(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return plain;
}
