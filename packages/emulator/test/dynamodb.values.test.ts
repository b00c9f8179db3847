import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { fromItem, toAttributeValue, toItem } from '../src/services/dynamodb/marshal.js';
import { canonicalNumber, compareNumbers } from '../src/services/dynamodb/numbers.js';
import {
  canonicalValue,
  compareStrings,
  compareValues,
  itemSize,
  valuesEqual,
} from '../src/services/dynamodb/values.js';

describe('numbers', () => {
  it.each([
    ['1.50', '1.5'],
    ['0012', '12'],
    ['-0', '0'],
    ['0.000', '0'],
    ['+7', '7'],
    ['1e3', '1000'],
    ['1.5E-3', '0.0015'],
    ['-12.3400e1', '-123.4'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['12345678901234567890123456789012345678', '12345678901234567890123456789012345678'],
    ['1e125', `1${'0'.repeat(125)}`],
  ])('canonicalises %s as %s', (text, canonical) => {
    expect(canonicalNumber(text)).toBe(canonical);
  });

  it.each([
    ['abc', 'cannot be converted into a number'],
    ['', 'cannot be converted into a number'],
    ['1e', 'cannot be converted into a number'],
    ['1.2.3', 'cannot be converted into a number'],
    ['NaN', 'cannot be converted into a number'],
    ['1'.repeat(39), '38 significant digits'],
    ['1e126', 'Number overflow'],
    ['1e-131', 'Number underflow'],
  ])('rejects %s', (text, message) => {
    expect(() => canonicalNumber(text)).toThrow(message);
  });

  it('compares exactly, beyond double precision', () => {
    const sorted = ['-1e10', '-2', '-1.5', '0', '1e-5', '0.5', '1', '2', '10', '9007199254740993', '9007199254740994'];
    const shuffled = [...sorted].reverse();
    expect(shuffled.sort(compareNumbers)).toEqual(sorted);
    expect(compareNumbers('1.0', '1')).toBe(0);
    expect(compareNumbers('-0', '0')).toBe(0);
  });
});

describe('attribute values', () => {
  it('compares strings by UTF-8 bytes', () => {
    expect(compareStrings('\uff5e', '😀')).toBeLessThan(0);
    expect('\uff5e' < '😀').toBe(false);
    expect(compareStrings('B', 'a')).toBeLessThan(0);
  });

  it('orders only values of the same scalar type', () => {
    expect(compareValues({ N: '2' }, { N: '10' })).toBeLessThan(0);
    expect(compareValues({ B: 'AP8=' }, { B: 'AQ==' })).toBeLessThan(0);
    expect(compareValues({ N: '2' }, { S: '2' })).toBeUndefined();
    expect(compareValues({ BOOL: true }, { BOOL: true })).toBeUndefined();
  });

  it('treats sets as unordered and compares maps and lists deeply', () => {
    expect(valuesEqual({ SS: ['a', 'b'] }, { SS: ['b', 'a'] })).toBe(true);
    expect(valuesEqual({ SS: ['a'] }, { SS: ['a', 'b'] })).toBe(false);
    expect(valuesEqual({ M: { a: { N: '1' } } }, { M: { a: { N: '1' } } })).toBe(true);
    expect(valuesEqual({ M: { a: { N: '1' } } }, { M: { b: { N: '1' } } })).toBe(false);
    expect(valuesEqual({ L: [{ S: 'a' }] }, { L: [{ S: 'a' }, { S: 'b' }] })).toBe(false);
    expect(valuesEqual({ NULL: true }, { NULL: true })).toBe(true);
    expect(valuesEqual({ BOOL: false }, { BOOL: true })).toBe(false);
  });

  it('rejects values of the wrong JSON type with SerializationException, worded as AWS words it', () => {
    expect(() => canonicalValue({ S: 5 }, 'Item.title')).toThrow('NUMBER_VALUE cannot be converted to String');
    expect(() => canonicalValue({ L: [{ N: 1 }] }, 'Item.l')).toThrow('NUMBER_VALUE cannot be converted to String');
    expect(() => canonicalValue('a')).toThrow('STRING_VALUE cannot be converted to Structure');
    expect(() => canonicalValue({ M: [] })).toThrow('Start of list found where not expected.');
  });

  it('rejects empty, ambiguous and malformed values with ValidationException naming the place', () => {
    expect(() => canonicalValue({})).toThrow('Supplied AttributeValue is empty');
    expect(() => canonicalValue({ S: 'a', N: '1' })).toThrow('more than one datatypes');
    expect(() => canonicalValue({ NULL: false })).toThrow('Null attribute value types must have the value of true');
    expect(() => canonicalValue({ B: 'not base64!' }, 'Key.id')).toThrow('Key.id.B must be base64 text');
    expect(() => canonicalValue({ X: 'a' })).toThrow('unknown data type X');
    expect(() => canonicalValue({ NS: ['1', '1.0'] })).toThrow('contains duplicates');
  });

  it('computes item sizes by DynamoDB rules', () => {
    expect(itemSize({ ab: { S: 'héllo' } })).toBe(2 + 6);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ b: { B: 'AQID' } })).toBe(1 + 3);
    expect(itemSize({ f: { BOOL: true }, z: { NULL: true } })).toBe(4);
    expect(itemSize({ l: { L: [{ S: 'ab' }] } })).toBe(1 + 3 + 1 + 2);
    expect(itemSize({ m: { M: { k: { S: 'ab' } } } })).toBe(1 + 3 + 1 + 1 + 2);
  });
});

describe('plain value conversion', () => {
  const plain = {
    s: 'text',
    n: 1.5,
    big: 12345678901234567890n,
    t: true,
    z: null,
    b: new Uint8Array([1, 2]),
    l: [1, 'a'],
    m: { inner: { deep: false } },
    ss: new Set(['x', 'y']),
    ns: new Set([1, 2]),
    skipped: undefined,
  };

  it('marshals like @aws-sdk/util-dynamodb (without depending on it)', () => {
    const { skipped: _, big: __, ...comparable } = plain;
    expect(toItem(comparable)).toEqual(JSON.parse(JSON.stringify(marshall(comparable), base64)));
    expect(toItem(plain).big).toEqual({ N: '12345678901234567890' });
    expect(toItem(plain)).not.toHaveProperty('skipped');
  });

  it('unmarshals back to plain values', () => {
    const { skipped: _, big: __, ...comparable } = plain;
    expect(fromItem(toItem(comparable))).toEqual(comparable);
  });

  it.each([
    [Number.NaN, 'must be a finite number'],
    [Number.POSITIVE_INFINITY, 'must be a finite number'],
    [new Date(0), 'cannot store: Date'],
    [undefined, 'cannot store: undefined'],
    [() => 1, 'cannot store: Function'],
    [new Set(), 'empty set'],
    [new Set(['a', 1]), 'not all strings'],
    [1e200, 'Number overflow'],
  ])('rejects %s with a TypeError naming the path', (value, message) => {
    expect(() => toAttributeValue(value, 'item.x')).toThrow(TypeError);
    expect(() => toAttributeValue(value, 'item.x')).toThrow(message);
    expect(() => toAttributeValue(value, 'item.x')).toThrow('item.x');
  });
});

/** JSON replacer rendering Uint8Array as base64, the wire form of binary values. */
function base64(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
}
