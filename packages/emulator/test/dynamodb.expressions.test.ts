import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../src/core/awsJson.js';
import { evaluate } from '../src/services/dynamodb/evaluate.js';
import { ExpressionAttributes } from '../src/services/dynamodb/expressionAttributes.js';
import { parseCondition, parseProjection } from '../src/services/dynamodb/expressionParser.js';
import { toAttributeValue, toItem } from '../src/services/dynamodb/marshal.js';
import { Projection } from '../src/services/dynamodb/projection.js';
import { isReservedWord } from '../src/services/dynamodb/reservedWords.js';

const ITEM = toItem({
  id: 'a',
  count: 5,
  title: 'hello world',
  tags: new Set(['red', 'blue']),
  scores: new Set([1, 2.5]),
  list: ['x', { deep: 1 }, 3],
  map: { port: 5432, nested: { flag: true } },
  nothing: null,
  bytes: new Uint8Array([1, 2, 3]),
  blank: '',
});

/** Evaluates `source` against ITEM with `:placeholders` marshalled from plain values. */
function holds(source: string, values: Record<string, unknown> = {}, names?: Record<string, string>): boolean {
  const attributes = new ExpressionAttributes(
    names,
    Object.keys(values).length > 0 ? toItem(values as Record<string, never>, 'values') : undefined,
  );
  const condition = parseCondition(source, 'ConditionExpression', attributes);
  attributes.assertAllUsed(true);
  return evaluate(condition, ITEM);
}

/** The message of the ValidationException `run` throws. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AwsServiceError);
    expect((error as AwsServiceError).code).toBe('ValidationException');
    return (error as AwsServiceError).message;
  }
  throw new Error('expected a ValidationException');
}

describe('condition evaluation', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['#c = :v', { ':v': 5 }, true],
    ['#c <> :v', { ':v': 5 }, false],
    ['#c < :v', { ':v': 10 }, true],
    ['#c >= :v', { ':v': 5.0 }, true],
    ['#c > :v', { ':v': '4' }, false],
    ['absent <> :v', { ':v': 1 }, true],
    ['absent = :v', { ':v': 1 }, false],
    ['absent < :v', { ':v': 1 }, false],
    ['#c BETWEEN :a AND :b', { ':a': 1, ':b': 5 }, true],
    ['#c BETWEEN :a AND :b', { ':a': 6, ':b': 9 }, false],
    ['#c IN (:a, :b)', { ':a': 1, ':b': 5 }, true],
    ['#c IN (:a)', { ':a': '5' }, false],
    ['attribute_exists(#m.port)', {}, true],
    ['attribute_exists(#m.absent)', {}, false],
    ['attribute_not_exists(absent)', {}, true],
    ['attribute_exists(#l[1].deep)', {}, true],
    ['attribute_exists(#l[9])', {}, false],
    ['attribute_type(#c, :t)', { ':t': 'N' }, true],
    ['attribute_type(tags, :t)', { ':t': 'SS' }, true],
    ['attribute_type(nothing, :t)', { ':t': 'NULL' }, true],
    ['begins_with(title, :p)', { ':p': 'hell' }, true],
    ['begins_with(title, :p)', { ':p': 'world' }, false],
    ['begins_with(bytes, :p)', { ':p': new Uint8Array([1, 2]) }, true],
    ['contains(title, :s)', { ':s': 'o w' }, true],
    ['contains(tags, :s)', { ':s': 'red' }, true],
    ['contains(tags, :s)', { ':s': 'green' }, false],
    ['contains(scores, :n)', { ':n': 2.5 }, true],
    ['contains(#l, :v)', { ':v': 3 }, true],
    ['contains(#l, :v)', { ':v': { deep: 1 } }, true],
    ['size(title) = :n', { ':n': 11 }, true],
    ['size(tags) = :n', { ':n': 2 }, true],
    ['size(#m) = :n', { ':n': 2 }, true],
    ['size(#c) = :n', { ':n': 1 }, false],
    ['size(blank) = :n', { ':n': 0 }, true],
    ['tags = :s', { ':s': new Set(['blue', 'red']) }, true],
    ['#m = :m', { ':m': { nested: { flag: true }, port: 5432 } }, true],
    ['#m.nested.flag = :t', { ':t': true }, true],
    ['nothing = :n', { ':n': null }, true],
    ['NOT #c = :v', { ':v': 5 }, false],
    ['NOT NOT #c = :v', { ':v': 5 }, true],
    // AND binds tighter than OR: false AND false OR true.
    ['#c = :x AND #c = :x OR #c = :v', { ':v': 5, ':x': 0 }, true],
    ['#c = :x AND (#c = :x OR #c = :v)', { ':v': 5, ':x': 0 }, false],
    ['#c = :v and id = :id', { ':v': 5, ':id': 'a' }, true],
  ])('%s with %o is %s', (source, values, expected) => {
    expect(holds(source, values, source.includes('#') ? pickNames(source) : undefined)).toBe(expected);
  });

  function pickNames(source: string): Record<string, string> {
    const all: Record<string, string> = { '#c': 'count', '#m': 'map', '#l': 'list' };
    return Object.fromEntries(Object.entries(all).filter(([alias]) => source.includes(alias)));
  }
});

describe('expression errors', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['count = :v', { ':v': 1 }, 'Attribute name is a reserved keyword; reserved keyword: count'],
    ['a = :v AND', { ':v': 1 }, 'Syntax error; token: "<EOF>", near: "AND"'],
    ['a = = :v', { ':v': 1 }, 'Syntax error; token: "="'],
    ['a = :v)', { ':v': 1 }, 'Syntax error; token: ")"'],
    ['(a = :v', { ':v': 1 }, 'Syntax error; token: "<EOF>"'],
    ['a $ :v', { ':v': 1 }, 'Syntax error; token: "$"'],
    ['a = :', {}, 'Syntax error; token: ":"'],
    ['_a = :v', { ':v': 1 }, 'Syntax error; token: "_"'],
    ['a[x] = :v', { ':v': 1 }, 'Syntax error; token: "x"'],
    ['a = :missing', {}, 'An expression attribute value used in expression is not defined; attribute value: :missing'],
    [
      '#nope = :v',
      { ':v': 1 },
      'An expression attribute name used in the document path is not defined; attribute name: #nope',
    ],
    ['foo(a)', {}, 'Invalid function name; function: foo'],
    [
      'a = begins_with(a, :v)',
      { ':v': 'x' },
      'The function is not allowed to be used this way in an expression; function: begins_with',
    ],
    [
      'attribute_exists(a, b)',
      {},
      'Incorrect number of operands for operator or function; operator or function: attribute_exists',
    ],
    [
      'attribute_exists(:v)',
      { ':v': 1 },
      'Operator or function requires a document path; operator or function: attribute_exists',
    ],
    ['attribute_type(a, :t)', { ':t': 'STRING' }, 'Invalid attribute type name found; type: STRING'],
    [
      'begins_with(a, :n)',
      { ':n': 1 },
      'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    ],
    ['size(a)', {}, 'The function is not allowed to be used this way in an expression; function: size'],
    ['size(:v) = :v', { ':v': 1 }, 'Operator or function requires a document path; operator or function: size'],
    [
      'a BETWEEN :b AND :a',
      { ':a': 1, ':b': 2 },
      'The BETWEEN operator requires upper bound to be greater than or equal to lower bound',
    ],
    ['   ', {}, 'The expression can not be empty;'],
  ])('%s fails with "%s"', (source, values, message) => {
    expect(failure(() => holds(source, values, source.includes('#nope') ? { '#other': 'x' } : undefined))).toContain(
      `Invalid ConditionExpression: ${message}`,
    );
  });

  it('rejects more than 100 operands in IN', () => {
    const values = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`:v${i}`, i]));
    const source = `a IN (${Object.keys(values).join(', ')})`;
    expect(failure(() => holds(source, values))).toContain('The IN operator is provided with too many operands');
  });

  it('rejects empty and malformed ExpressionAttributeNames and Values', () => {
    expect(failure(() => new ExpressionAttributes({}, undefined))).toBe('ExpressionAttributeNames must not be empty');
    expect(failure(() => new ExpressionAttributes(undefined, {}))).toBe('ExpressionAttributeValues must not be empty');
    expect(failure(() => new ExpressionAttributes({ n: 'x' }, undefined))).toContain(
      'ExpressionAttributeNames contains invalid key',
    );
    expect(failure(() => new ExpressionAttributes(undefined, { v: { S: 'x' } }))).toContain(
      'ExpressionAttributeValues contains invalid key',
    );
    expect(failure(() => new ExpressionAttributes(undefined, { ':v': {} }))).toContain(
      'ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty',
    );
    expect(failure(() => new ExpressionAttributes({ '#n': 'x' }, undefined).assertAllUsed(false))).toBe(
      'ExpressionAttributeNames can only be specified when using expressions',
    );
  });

  it('never throws anything but a ValidationException on arbitrary input', () => {
    const pieces = [
      'a',
      '#n',
      ':v',
      '(',
      ')',
      '[',
      ']',
      '0',
      '.',
      ',',
      '=',
      '<>',
      '<',
      'AND',
      'OR',
      'NOT',
      'BETWEEN',
      'IN',
      'size',
      'contains',
      'attribute_exists',
      '!',
      ' ',
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 2000; round += 1) {
      const length = 1 + Math.floor(random() * 8);
      const source = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join(' ');
      try {
        const attributes = new ExpressionAttributes({ '#n': 'name' }, { ':v': toAttributeValue(1, 'v') });
        evaluate(parseCondition(source, 'FilterExpression', attributes), ITEM);
        parseProjection(source, attributes);
      } catch (error) {
        expect(error, source).toBeInstanceOf(AwsServiceError);
        expect((error as AwsServiceError).code, source).toBe('ValidationException');
      }
    }
  });
});

describe('projection', () => {
  const project = (source: string, names?: Record<string, string>) =>
    new Projection(parseProjection(source, new ExpressionAttributes(names, undefined))).apply(ITEM);

  it('selects top-level attributes, map members and list elements', () => {
    expect(project('id, #m.nested, #l[2], #l[0]', { '#m': 'map', '#l': 'list' })).toEqual({
      id: { S: 'a' },
      map: { M: { nested: { M: { flag: { BOOL: true } } } } },
      list: { L: [{ S: 'x' }, { N: '3' }] },
    });
  });

  it('rejects overlapping and conflicting paths', () => {
    expect(failure(() => project('id, id'))).toContain('Two document paths overlap with each other');
    expect(failure(() => project('#l[0], #l.x', { '#l': 'list' }))).toContain(
      'Two document paths conflict with each other',
    );
  });
});

describe('reserved words', () => {
  it('knows the words AWS reserves, case-insensitively', () => {
    for (const word of ['name', 'VALUE', 'Data', 'status', 'size', 'count', 'date', 'key', 'ttl', 'user']) {
      expect(isReservedWord(word), word).toBe(true);
    }
    for (const word of ['id', 'pk', 'sk', 'title', 'price', 'version', 'label'])
      expect(isReservedWord(word), word).toBe(false);
  });
});
