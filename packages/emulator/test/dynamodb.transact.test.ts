import {
  TransactGetItemsCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { useConfigTable } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

const { h, put, get } = useConfigTable();
const key = (sk: string) => marshall({ id: 'app', sk });
const write = (TransactItems: TransactWriteItem[], extra: object = {}) =>
  h.client.send(new TransactWriteItemsCommand({ TransactItems, ...extra }));

beforeEach(async () => {
  await put({ Item: marshall({ id: 'app', sk: 'counter', n: 1 }) });
});

describe('TransactWriteItems', () => {
  it('applies every action, conditions judged on the items as they were, at twice the capacity', async () => {
    const answer = await write(
      [
        {
          Put: {
            TableName: 'config',
            Item: marshall({ id: 'app', sk: 'new', v: 'x' }),
            ConditionExpression: 'attribute_not_exists(id)',
          },
        },
        {
          Update: {
            TableName: 'config',
            Key: key('counter'),
            UpdateExpression: 'SET n = n + :one',
            ConditionExpression: 'n = :one',
            ExpressionAttributeValues: marshall({ ':one': 1 }),
          },
        },
        {
          ConditionCheck: { TableName: 'config', Key: key('absent'), ConditionExpression: 'attribute_not_exists(id)' },
        },
      ],
      { ReturnConsumedCapacity: 'TOTAL', ClientRequestToken: 'token-1' },
    );
    expect(answer.ConsumedCapacity).toEqual([{ TableName: 'config', CapacityUnits: 6 }]);
    expect(unmarshall((await get({ id: 'app', sk: 'counter' })) ?? {}).n).toBe(2);
    expect(unmarshall((await get({ id: 'app', sk: 'new' })) ?? {}).v).toBe('x');
  });

  it('writes nothing when a condition fails, and gives a reason for every action', async () => {
    const error = await rejection(
      write([
        { Put: { TableName: 'config', Item: marshall({ id: 'app', sk: 'other' }) } },
        {
          Delete: {
            TableName: 'config',
            Key: key('counter'),
            ConditionExpression: 'n > :big',
            ExpressionAttributeValues: marshall({ ':big': 10 }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]),
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
    );
    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: marshall({ id: 'app', sk: 'counter', n: 1 }),
      },
    ]);
    expect(await get({ id: 'app', sk: 'other' })).toBeUndefined();
    expect(await get({ id: 'app', sk: 'counter' })).toBeDefined();
  });

  it('cancels with a ValidationError reason an update that does not fit the item it finds', async () => {
    const error = await rejection(
      write([
        { Put: { TableName: 'config', Item: marshall({ id: 'app', sk: 'other' }) } },
        {
          Update: {
            TableName: 'config',
            Key: key('counter'),
            UpdateExpression: 'SET n = n + :text',
            ExpressionAttributeValues: { ':text': { N: '1' } },
          },
        },
        {
          Update: {
            TableName: 'config',
            Key: key('fresh'),
            UpdateExpression: 'SET runningCount = absentCount + :one',
            ExpressionAttributeValues: { ':one': { N: '1' } },
          },
        },
      ]),
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'None' },
      {
        Code: 'ValidationError',
        Message: 'The provided expression refers to an attribute that does not exist in the item',
      },
    ]);
    expect(await get({ id: 'app', sk: 'other' })).toBeUndefined();
    expect(unmarshall((await get({ id: 'app', sk: 'counter' })) ?? {}).n).toBe(1);
  });

  it('refuses a transaction it cannot run as a whole, with AWS validation errors', async () => {
    const cases: [TransactWriteItem[], RegExp][] = [
      [[], /at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1/],
      [
        Array.from({ length: 101 }, (_, i) => ({ Delete: { TableName: 'config', Key: key(`k${i}`) } })),
        /Member must have length less than or equal to 100/,
      ],
      [
        [
          { Put: { TableName: 'config', Item: marshall({ id: 'app', sk: 'x' }) } },
          { Delete: { TableName: 'config', Key: key('x') } },
        ],
        /Transaction request cannot include multiple operations on one item/,
      ],
      [[{ ConditionCheck: { TableName: 'config', Key: key('x') } as never }], /conditionExpression/],
      [[{ Update: { TableName: 'config', Key: key('x') } as never }], /updateExpression/],
      [[{}], /TransactItems can only contain one of ConditionCheck, Put, Delete, Update/],
      [
        [
          {
            Update: {
              TableName: 'config',
              Key: key('x'),
              UpdateExpression: 'SET sk = :v',
              ExpressionAttributeValues: marshall({ ':v': 'y' }),
            },
          },
        ],
        /part of the key/,
      ],
    ];
    for (const [items, message] of cases) {
      const error = await rejection(write(items));
      expect(error.name, String(message)).toBe('ValidationException');
      expect(error.message).toMatch(message);
    }
    const missing = await rejection(write([{ Delete: { TableName: 'nothing', Key: key('x') } }]));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});

describe('TransactGetItems', () => {
  it('answers each get in order, projected as asked, {} for an item that does not exist', async () => {
    const answer = await h.client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: 'config', Key: key('counter'), ProjectionExpression: 'n' } },
          { Get: { TableName: 'config', Key: key('absent') } },
          { Get: { TableName: 'config', Key: key('counter') } },
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(answer.Responses).toEqual([
      { Item: marshall({ n: 1 }) },
      {},
      { Item: marshall({ id: 'app', sk: 'counter', n: 1 }) },
    ]);
    expect(answer.ConsumedCapacity).toEqual([{ TableName: 'config', CapacityUnits: 6 }]);
  });
});
