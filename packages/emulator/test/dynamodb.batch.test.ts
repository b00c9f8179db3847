import {
  BatchGetItemCommand,
  type BatchGetItemCommandInput,
  BatchWriteItemCommand,
  type BatchWriteItemCommandInput,
  CreateTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableInput, useConfigTable } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

const { h, get } = useConfigTable();

beforeEach(async () => {
  await h.client.send(new CreateTableCommand(tableInput('flags', ['name', 'S'])));
});

const putRequest = (item: Record<string, unknown>) => ({ PutRequest: { Item: marshall(item) } });
const write = (RequestItems: BatchWriteItemCommandInput['RequestItems'], extra: object = {}) =>
  h.client.send(new BatchWriteItemCommand({ RequestItems, ...extra }));
const read = (RequestItems: BatchGetItemCommandInput['RequestItems'], extra: object = {}) =>
  h.client.send(new BatchGetItemCommand({ RequestItems, ...extra }));

describe('BatchWriteItem', () => {
  it('puts and deletes across tables in one call, with the capacity of each table when asked', async () => {
    await write({ config: [putRequest({ id: 'app', sk: 'old', v: 1 })] });
    const answer = await write(
      {
        config: [
          putRequest({ id: 'app', sk: 'db', v: 'postgres://db' }),
          { DeleteRequest: { Key: marshall({ id: 'app', sk: 'old' }) } },
        ],
        flags: [putRequest({ name: 'beta', on: true })],
      },
      { ReturnConsumedCapacity: 'TOTAL' },
    );
    expect(answer.UnprocessedItems).toEqual({});
    expect(answer.ConsumedCapacity).toEqual([
      { TableName: 'config', CapacityUnits: 2 },
      { TableName: 'flags', CapacityUnits: 1 },
    ]);
    expect(await get({ id: 'app', sk: 'db' })).toEqual(marshall({ id: 'app', sk: 'db', v: 'postgres://db' }));
    expect(await get({ id: 'app', sk: 'old' })).toBeUndefined();
    expect(await get({ name: 'beta' }, 'flags')).toEqual(marshall({ name: 'beta', on: true }));
  });

  it('takes a table ARN for a table name, and answers under the name as given', async () => {
    const arn = 'arn:aws:dynamodb:us-east-1:123456789012:table/flags';
    await write({ [arn]: [putRequest({ name: 'gamma', on: false })] });
    const answer = await read({ [arn]: { Keys: [marshall({ name: 'gamma' })] } });
    expect(answer.Responses?.[arn]?.map((item) => unmarshall(item))).toEqual([{ name: 'gamma', on: false }]);
  });

  it('writes nothing when any request of the batch is wrong', async () => {
    const cases: [BatchWriteItemCommandInput['RequestItems'], string, RegExp][] = [
      [
        { config: [putRequest({ id: 'a', sk: '1' })], flags: [putRequest({ id: 'no name' })] },
        'ValidationException',
        /Missing the key name in the item/,
      ],
      [
        { config: [putRequest({ id: 'a', sk: '1' })], nothing: [putRequest({ id: 'x' })] },
        'ResourceNotFoundException',
        /Requested resource not found/,
      ],
      [
        { config: [putRequest({ id: 'a', sk: '1' }), { DeleteRequest: { Key: marshall({ id: 'a', sk: '1' }) } }] },
        'ValidationException',
        /Provided list of item keys contains duplicates/,
      ],
      [
        {
          config: Array.from({ length: 20 }, (_, i) => putRequest({ id: 'a', sk: `${i}` })),
          flags: Array.from({ length: 6 }, (_, i) => putRequest({ name: `${i}` })),
        },
        'ValidationException',
        /Too many items requested for the BatchWriteItem call/,
      ],
      [{ config: [{}] }, 'ValidationException', /exactly one of PutRequest and DeleteRequest/],
      [
        { config: [] },
        'ValidationException',
        /requestItems.config.member' failed to satisfy constraint: Member must have length greater than or equal to 1/,
      ],
      [{}, 'ValidationException', /at 'requestItems' failed to satisfy constraint/],
      [
        { config: [{ DeleteRequest: { Key: marshall({ id: 'a' }) } }] },
        'ValidationException',
        /key element does not match the schema/,
      ],
    ];
    for (const [items, name, message] of cases) {
      const error = await rejection(write(items));
      expect(error.name, JSON.stringify(items).slice(0, 80)).toBe(name);
      expect(error.message).toMatch(message);
    }
    expect(await get({ id: 'a', sk: '1' })).toBeUndefined();
    expect(h.service.getItem('config', { id: 'a', sk: '0' })).toBeUndefined();
  });
});

describe('BatchGetItem', () => {
  beforeEach(async () => {
    await write({
      config: [
        putRequest({ id: 'app', sk: 'db', v: 'postgres://db', secret: 'x' }),
        putRequest({ id: 'app', sk: 'url', v: 'https://a' }),
      ],
      flags: [putRequest({ name: 'beta', on: true })],
    });
  });

  it('reads keys across tables, projected as asked, with a list for every table', async () => {
    const answer = await read(
      {
        config: {
          Keys: [
            marshall({ id: 'app', sk: 'db' }),
            marshall({ id: 'app', sk: 'url' }),
            marshall({ id: 'app', sk: 'none' }),
          ],
          ProjectionExpression: '#k, v',
          ExpressionAttributeNames: { '#k': 'sk' },
        },
        flags: { Keys: [marshall({ name: 'alpha' })], ConsistentRead: true },
      },
      { ReturnConsumedCapacity: 'TOTAL' },
    );
    const items = (answer.Responses?.config ?? []).map((item) => unmarshall(item));
    expect(items.sort((a, b) => String(a.sk).localeCompare(String(b.sk)))).toEqual([
      { sk: 'db', v: 'postgres://db' },
      { sk: 'url', v: 'https://a' },
    ]);
    expect(answer.Responses?.flags).toEqual([]);
    expect(answer.UnprocessedKeys).toEqual({});
    expect(answer.ConsumedCapacity).toEqual([
      { TableName: 'config', CapacityUnits: 1 },
      { TableName: 'flags', CapacityUnits: 0 },
    ]);
  });

  it('hands back the keys past the 16 MB answer limit as UnprocessedKeys, with their read options', async () => {
    const big = 'x'.repeat(390 * 1024);
    for (let i = 0; i < 45; i++) h.service.putItem('flags', { name: `big${i}`, big });
    const keys = Array.from({ length: 45 }, (_, i) => marshall({ name: `big${i}` }));
    const answer = await read({ flags: { Keys: keys, ConsistentRead: true } });
    const served = answer.Responses?.flags?.length ?? 0;
    const left = answer.UnprocessedKeys?.flags;
    expect(served).toBeGreaterThan(35);
    expect(served).toBeLessThan(45);
    expect(left?.ConsistentRead).toBe(true);
    expect((left?.Keys?.length ?? 0) + served).toBe(45);
    const again = await read({ flags: left as NonNullable<typeof left> });
    expect(again.Responses?.flags).toHaveLength(45 - served);
  });

  it('refuses duplicate keys, more than 100 keys, a missing table and legacy members', async () => {
    const cases: [BatchGetItemCommandInput['RequestItems'], string, RegExp][] = [
      [
        { flags: { Keys: [marshall({ name: 'a' }), marshall({ name: 'a' })] } },
        'ValidationException',
        /contains duplicates/,
      ],
      [
        {
          flags: { Keys: Array.from({ length: 60 }, (_, i) => marshall({ name: `${i}` })) },
          config: { Keys: Array.from({ length: 41 }, (_, i) => marshall({ id: 'a', sk: `${i}` })) },
        },
        'ValidationException',
        /Too many items requested for the BatchGetItem call/,
      ],
      [{ nothing: { Keys: [marshall({ name: 'a' })] } }, 'ResourceNotFoundException', /Requested resource not found/],
      [
        { flags: { Keys: [marshall({ name: 'a' })], AttributesToGet: ['on'] } },
        'ValidationException',
        /legacy parameter AttributesToGet/,
      ],
      [{ flags: { Keys: [marshall({ id: 'a' })] } }, 'ValidationException', /key element does not match the schema/],
      [
        { flags: { Keys: [marshall({ name: 'a' })], ExpressionAttributeNames: { '#n': 'on' } } },
        'ValidationException',
        /can only be specified when using expressions/,
      ],
    ];
    for (const [items, name, message] of cases) {
      const error = await rejection(read(items));
      expect(error.name, JSON.stringify(items).slice(0, 80)).toBe(name);
      expect(error.message).toMatch(message);
      if (name === 'ResourceNotFoundException') expect(error).toBeInstanceOf(ResourceNotFoundException);
    }
  });
});
