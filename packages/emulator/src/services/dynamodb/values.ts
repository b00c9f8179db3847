import { AwsServiceError } from '../../core/awsJson.js';
import { emptyRecord } from '../../core/jsonTree.js';
import { serializationError } from '../../core/members.js';
import { canonicalNumber, compareNumbers, numberSize } from './numbers.js';

/**
 * A DynamoDB attribute value in its wire form: binary values are base64 text, numbers are decimal text.
 * Stored items keep this form (canonicalised), so responses are written without conversion.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };

/** An item: attribute names mapped to values. */
export type Item = Record<string, AttributeValue>;

/** The type descriptors of DynamoDB, as used in `attribute_type` and error messages. */
export type AttributeType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

/** Every descriptor, in the order DynamoDB documents them. */
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

/** How deeply DynamoDB nests documents: a scalar is one level, each `M` or `L` around it one more. */
export const MAX_NESTING_LEVELS = 32;

/**
 * AWS's answer to a document nested deeper than `MAX_NESTING_LEVELS`, for items and expression values alike. The
 * recursion that finds it is bounded: request bodies are capped at `MAX_JSON_DEPTH` before they get here.
 */
export function nestingTooDeep(): AwsServiceError {
  return invalid(
    'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
  );
}

/** DynamoDB's item size limit (400 KB). */
export const MAX_ITEM_BYTES = 400 * 1024;

/** The descriptor of a value. */
export function typeOf(value: AttributeValue): AttributeType {
  return Object.keys(value)[0] as AttributeType;
}

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/**
 * A value AWS's deserializer accepts but DynamoDB refuses; the message names where it is, e.g. `Item.tags.SS[1]`.
 * (A value of the wrong JSON type is a `SerializationException`, as AWS answers it.)
 */
function malformed(path: string, expected: string): AwsServiceError {
  return invalid(`One or more parameter values were invalid: ${path} must be ${expected}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function canonicalBinary(text: unknown, path: string): string {
  if (typeof text !== 'string') throw serializationError(text, 'String');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw malformed(path, 'base64 text');
  return Buffer.from(text, 'base64').toString('base64');
}

function canonicalSet(type: 'SS' | 'NS' | 'BS', members: unknown, path: string): string[] {
  if (!Array.isArray(members)) throw serializationError(members, 'List');
  const names = { SS: 'string', NS: 'number', BS: 'binary' } as const;
  if (members.length === 0) {
    // The double space is AWS's own wording.
    throw invalid(`One or more parameter values were invalid: An ${names[type]} set  may not be empty`);
  }
  const canonical = members.map((member, i) => {
    if (type === 'BS') return canonicalBinary(member, `${path}[${i}]`);
    if (typeof member !== 'string') throw serializationError(member, 'String');
    return type === 'NS' ? canonicalNumber(member) : member;
  });
  if (new Set(canonical).size !== canonical.length) {
    throw invalid(
      `One or more parameter values were invalid: Input collection [${members.join(', ')}] contains duplicates.`,
    );
  }
  return canonical;
}

/**
 * Validates an attribute value as received on the wire and returns its canonical copy.
 * Throws the `ValidationException` AWS answers for empty, ambiguous or malformed values.
 */
export function canonicalValue(raw: unknown, path = 'AttributeValue', level = 1): AttributeValue {
  if (level > MAX_NESTING_LEVELS) throw nestingTooDeep();
  if (!isRecord(raw)) throw serializationError(raw, 'Structure');
  const present = Object.keys(raw).filter((key) => raw[key] !== undefined && raw[key] !== null);
  if (present.length === 0) {
    throw invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  if (present.length > 1) {
    throw invalid(
      'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    );
  }
  const type = present[0] as string;
  const inner = raw[type];
  const at = `${path}.${type}`;
  switch (type) {
    case 'S':
      if (typeof inner !== 'string') throw serializationError(inner, 'String');
      return { S: inner };
    case 'N':
      if (typeof inner !== 'string') throw serializationError(inner, 'String');
      return { N: canonicalNumber(inner) };
    case 'B':
      return { B: canonicalBinary(inner, at) };
    case 'SS':
      return { SS: canonicalSet('SS', inner, at) };
    case 'NS':
      return { NS: canonicalSet('NS', inner, at) };
    case 'BS':
      return { BS: canonicalSet('BS', inner, at) };
    case 'BOOL':
      if (typeof inner !== 'boolean') throw serializationError(inner, 'Boolean');
      return { BOOL: inner };
    case 'NULL':
      if (inner !== true) {
        throw invalid(
          'One or more parameter values were invalid: Null attribute value types must have the value of true',
        );
      }
      return { NULL: true };
    case 'L':
      if (!Array.isArray(inner)) throw serializationError(inner, 'List');
      return { L: inner.map((element, i) => canonicalValue(element, `${at}[${i}]`, level + 1)) };
    case 'M':
      return { M: canonicalItem(inner, at, level + 1) };
    default:
      throw invalid(`One or more parameter values were invalid: ${path} has an unknown data type ${type}`);
  }
}

/** Validates a map of attribute values (an item, a key, or an `M` value) and returns its canonical copy. */
export function canonicalItem(raw: unknown, path: string, level = 1): Item {
  if (!isRecord(raw)) throw serializationError(raw, 'Map');
  const item: Item = emptyRecord();
  for (const [name, value] of Object.entries(raw)) item[name] = canonicalValue(value, `${path}.${name}`, level);
  return item;
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'base64'), Buffer.from(b, 'base64'));
}

/** Compares strings as DynamoDB does: by their UTF-8 bytes, not by UTF-16 code units. */
/** A stable text for a key value, used as a map key; values are canonical, so equal values give equal text. */
export function keyText(value: AttributeValue): string {
  return `${typeOf(value)}:${Object.values(value)[0] as string}`;
}

export function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Orders two scalar values of the same type (S, N or B); `undefined` when they cannot be ordered,
 * which makes `<`, `>`, `BETWEEN` false as in DynamoDB.
 */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a && 'S' in b) return compareStrings(a.S, b.S);
  if ('N' in a && 'N' in b) return compareNumbers(a.N, b.N);
  if ('B' in a && 'B' in b) return compareBytes(a.B, b.B);
  return undefined;
}

/** Deep equality; sets are equal regardless of member order. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  if ('M' in a && 'M' in b) {
    const keys = Object.keys(a.M);
    if (keys.length !== Object.keys(b.M).length) return false;
    return keys.every((key) => {
      const other = b.M[key];
      const mine = a.M[key];
      return other !== undefined && mine !== undefined && valuesEqual(mine, other);
    });
  }
  if ('L' in a && 'L' in b) {
    return a.L.length === b.L.length && a.L.every((value, i) => valuesEqual(value, b.L[i] as AttributeValue));
  }
  if (('SS' in a && 'SS' in b) || ('NS' in a && 'NS' in b) || ('BS' in a && 'BS' in b)) {
    // Members are canonical, so set membership on the text is exact.
    const mine = Object.values(a)[0] as string[];
    const other = new Set(Object.values(b)[0] as string[]);
    return mine.length === other.size && mine.every((member) => other.has(member));
  }
  return compareValues(a, b) === 0 || ('BOOL' in a && 'BOOL' in b && a.BOOL === b.BOOL) || type === 'NULL';
}

/** The size DynamoDB counts for a value, following its documented item-size rules. */
export function valueSize(value: AttributeValue): number {
  if ('S' in value) return Buffer.byteLength(value.S, 'utf8');
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  if ('SS' in value) return value.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if ('NS' in value) return value.NS.reduce((n, s) => n + numberSize(s), 0);
  if ('BS' in value) return value.BS.reduce((n, s) => n + Buffer.from(s, 'base64').length, 0);
  // Lists and maps cost 3 bytes plus 1 byte per element on top of their contents.
  if ('L' in value) return 3 + value.L.reduce((n, v) => n + 1 + valueSize(v), 0);
  if ('M' in value) return 3 + itemSize(value.M) + Object.keys(value.M).length;
  return 1;
}

/** The size of an item: attribute names plus values. */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name, 'utf8') + valueSize(value);
  return size;
}

/** Renders a value the way AWS quotes values in error messages, e.g. `{N:5}`. */
export function describeValue(value: AttributeValue): string {
  const type = typeOf(value);
  const inner = Object.values(value)[0];
  return `{${type}:${typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}}`;
}
