import { type AttributeValue, CreateTableCommand, DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { tableInput, useConfigTable } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

const { h, put, get } = useConfigTable();

describe('key and item validation', () => {
  const invalidPut = async (Item: Record<string, AttributeValue>) => rejection(put({ Item }));

  it.each<[string, Record<string, AttributeValue>, string]>([
    [
      'a missing sort key',
      { id: { S: 'a' } },
      'One or more parameter values were invalid: Missing the key sk in the item',
    ],
    [
      'a key of the wrong type',
      { id: { N: '1' }, sk: { S: 'b' } },
      'One or more parameter values were invalid: Type mismatch for key id expected: S actual: N',
    ],
    [
      'an empty string key',
      { id: { S: '' }, sk: { S: 'b' } },
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
    ],
    [
      'an invalid number',
      { id: { S: 'a' }, sk: { S: 'b' }, n: { N: 'twelve' } },
      'A value provided cannot be converted into a number',
    ],
    [
      'a number with spaces around it',
      { id: { S: 'a' }, sk: { S: 'b' }, n: { N: ' 12 ' } },
      'A value provided cannot be converted into a number',
    ],
    [
      'a number-set member with a space before it',
      { id: { S: 'a' }, sk: { S: 'b' }, set: { NS: ['1', ' 2'] } },
      'A value provided cannot be converted into a number',
    ],
    ['an empty set', { id: { S: 'a' }, sk: { S: 'b' }, s: { SS: [] } }, 'An string set  may not be empty'],
    ['a set with duplicates', { id: { S: 'a' }, sk: { S: 'b' }, s: { SS: ['x', 'x'] } }, 'contains duplicates'],
    ['a number with 39 digits', { id: { S: 'a' }, sk: { S: 'b' }, n: { N: '1'.repeat(39) } }, '38 significant digits'],
    [
      'a partition key over 2048 bytes',
      { id: { S: 'x'.repeat(2049) }, sk: { S: 'b' } },
      'Size of hashkey has exceeded',
    ],
    ['a sort key over 1024 bytes', { id: { S: 'a' }, sk: { S: 'x'.repeat(1025) } }, 'range keys has exceeded'],
  ])('rejects %s', async (_, item, message) => {
    const error = await invalidPut(item);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(message);
  });

  it('rejects items over 400 KB and accepts one just under', async () => {
    const base = { id: { S: 'a' }, sk: { S: 'b' } };
    // Names and key values take 'id' + 'a' + 'sk' + 'b' + 'blob' = 10 bytes.
    const error = await invalidPut({ ...base, blob: { S: 'x'.repeat(400 * 1024 - 9) } });
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Item size has exceeded the maximum allowed size');
    await put({ Item: { ...base, blob: { S: 'x'.repeat(400 * 1024 - 10) } } });
  });

  it.each([
    ['an extra attribute', { id: 'a', sk: 'b', other: 'c' }],
    ['a missing sort key', { id: 'a' }],
    ['a key of the wrong type', { id: 'a', sk: 1 }],
  ])('rejects a GetItem key with %s', async (_, key) => {
    const error = await rejection(get(key));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('The provided key element does not match the schema');
  });

  it('answers ResourceNotFoundException for item operations on a missing table', async () => {
    for (const call of [
      put({ Item: marshall({ id: 'a', sk: 'b' }) }, 'missing'),
      get({ id: 'a', sk: 'b' }, 'missing'),
      h.client.send(new DeleteItemCommand({ TableName: 'missing', Key: marshall({ id: 'a', sk: 'b' }) })),
    ]) {
      const error = await rejection(call);
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.message).toBe('Requested resource not found');
    }
  });
});

describe('binary keys', () => {
  it('stores and reads items keyed by binary values', async () => {
    await h.client.send(new CreateTableCommand(tableInput('blobs', ['hash', 'B'], ['part', 'N'])));
    const key = { hash: new Uint8Array([0xde, 0xad, 0xbe, 0xef]), part: 1 };
    await put({ Item: marshall({ ...key, data: 'payload' }) }, 'blobs');
    expect(unmarshall((await get(key, 'blobs')) ?? {})).toEqual({ ...key, data: 'payload' });
    expect(await get({ hash: new Uint8Array([0xde, 0xad]), part: 1 }, 'blobs')).toBeUndefined();
    const empty = await rejection(put({ Item: marshall({ hash: new Uint8Array([]), part: 1 }) }, 'blobs'));
    expect(empty.message).toContain('cannot contain an empty binary value');
  });
});
