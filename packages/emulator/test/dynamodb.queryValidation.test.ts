import {
  type AttributeValue,
  CreateTableCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoHarness, startDynamo, tableInput } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

let h: DynamoHarness;

beforeAll(async () => {
  h = await startDynamo();
  await h.client.send(new CreateTableCommand(tableInput('numbers', ['pk', 'S'], ['n', 'N'])));
  for (const n of [1, 2]) {
    await h.client.send(new PutItemCommand({ TableName: 'numbers', Item: marshall({ pk: 'p', n, label: `n${n}` }) }));
  }
});
afterAll(() => h.stop());

const query = (input: Omit<QueryCommandInput, 'TableName'> & { TableName?: string }) =>
  h.client.send(new QueryCommand({ TableName: 'numbers', ...input } as QueryCommandInput));

const inPartition = (extra = '', values: Record<string, unknown> = {}) => ({
  KeyConditionExpression: `pk = :pk${extra}`,
  ExpressionAttributeValues: marshall({ ':pk': 'p', ...values }),
});

describe('Query validation', () => {
  const values = (v: Record<string, unknown>) => marshall(v);
  it.each<[string, Partial<QueryCommandInput>, string]>([
    [
      'no key condition',
      {},
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
    ],
    [
      'OR',
      { KeyConditionExpression: 'pk = :a OR n = :b', ExpressionAttributeValues: values({ ':a': 'p', ':b': 1 }) },
      'Invalid operator used in KeyConditionExpression: OR',
    ],
    [
      'a range on the partition key',
      { KeyConditionExpression: 'pk > :a', ExpressionAttributeValues: values({ ':a': 'p' }) },
      'Query key condition not supported',
    ],
    [
      'a missing partition key',
      { KeyConditionExpression: 'n = :b', ExpressionAttributeValues: values({ ':b': 1 }) },
      'Query condition missed key schema element: pk',
    ],
    [
      'a non-key attribute',
      { KeyConditionExpression: 'pk = :a AND label = :b', ExpressionAttributeValues: values({ ':a': 'p', ':b': 'x' }) },
      'Query condition missed key schema element: n',
    ],
    [
      'two conditions on one key',
      {
        KeyConditionExpression: 'pk = :a AND n > :b AND n < :b',
        ExpressionAttributeValues: values({ ':a': 'p', ':b': 1 }),
      },
      'KeyConditionExpressions must only contain one condition per key',
    ],
    [
      'a value of the wrong type',
      { KeyConditionExpression: 'pk = :a', ExpressionAttributeValues: values({ ':a': 1 }) },
      'Condition parameter type does not match schema type',
    ],
    [
      'begins_with on a number',
      {
        KeyConditionExpression: 'pk = :a AND begins_with(n, :b)',
        ExpressionAttributeValues: values({ ':a': 'p', ':b': 1 }),
      },
      'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    ],
    [
      'an inverted BETWEEN',
      {
        KeyConditionExpression: 'pk = :a AND n BETWEEN :c AND :b',
        ExpressionAttributeValues: values({ ':a': 'p', ':b': 1, ':c': 5 }),
      },
      'The BETWEEN operator requires upper bound to be greater than or equal to lower bound',
    ],
    [
      'an undefined value',
      { KeyConditionExpression: 'pk = :nope' },
      'An expression attribute value used in expression is not defined; attribute value: :nope',
    ],
    [
      'an unused value',
      { KeyConditionExpression: 'pk = :a', ExpressionAttributeValues: values({ ':a': 'p', ':b': 1 }) },
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}',
    ],
    [
      'a trailing AND',
      { KeyConditionExpression: 'pk = :a AND', ExpressionAttributeValues: values({ ':a': 'p' }) },
      'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "AND"',
    ],
    [
      'a stray character',
      { KeyConditionExpression: 'pk == :a', ExpressionAttributeValues: values({ ':a': 'p' }) },
      'Invalid KeyConditionExpression: Syntax error; token: "="',
    ],
    [
      'a key condition in redundant parentheses',
      { KeyConditionExpression: '((pk = :a)) AND n = :b', ExpressionAttributeValues: values({ ':a': 'p', ':b': 1 }) },
      'Invalid KeyConditionExpression: The expression has redundant parentheses;',
    ],
    [
      'a filter in redundant parentheses',
      { ...inPartition('', { ':b': 'x' }), FilterExpression: '((label = :b))' },
      'Invalid FilterExpression: The expression has redundant parentheses;',
    ],
    [
      'a filter on a key attribute',
      { ...inPartition(' ', { ':b': 1 }), FilterExpression: 'n > :b' },
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: n',
    ],
    [
      'Limit 0',
      { ...inPartition(), Limit: 0 },
      "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'an ExclusiveStartKey of the wrong shape',
      { ...inPartition(), ExclusiveStartKey: { pk: { S: 'p' } } },
      'The provided starting key is invalid: The provided key element does not match the schema',
    ],
    [
      'an ExclusiveStartKey in another partition',
      { ...inPartition(), ExclusiveStartKey: { pk: { S: 'q' }, n: { N: '1' } } },
      'The provided starting key is outside query range',
    ],
    [
      'a secondary index',
      { ...inPartition(), IndexName: 'byLabel' },
      'The table does not have the specified index: byLabel',
    ],
    [
      'Select COUNT with a projection',
      { ...inPartition(), Select: 'COUNT', ProjectionExpression: 'n' },
      'Cannot specify the ProjectionExpression',
    ],
    [
      'ALL_PROJECTED_ATTRIBUTES on a table',
      { ...inPartition(), Select: 'ALL_PROJECTED_ATTRIBUTES' },
      'can be used only when Querying using an IndexName',
    ],
    [
      'SPECIFIC_ATTRIBUTES without a projection',
      { ...inPartition(), Select: 'SPECIFIC_ATTRIBUTES' },
      'SPECIFIC_ATTRIBUTES requires a ProjectionExpression',
    ],
    [
      'both KeyConditions and KeyConditionExpression',
      { ...inPartition(), KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } } },
      'Can not use both expression and non-expression parameters',
    ],
    [
      'a legacy operator that is not a key condition',
      { KeyConditions: { pk: { ComparisonOperator: 'NE', AttributeValueList: [{ S: 'p' }] } } },
      'Attempted conditional constraint is not an indexable operation',
    ],
    [
      'a legacy operator with the wrong arguments',
      { KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [] } } },
      'Invalid number of argument(s) for the EQ ComparisonOperator',
    ],
  ])('rejects %s with ValidationException', async (_, input, message) => {
    const error = await rejection(query(input as Omit<QueryCommandInput, 'TableName'>));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(message);
  });

  it('answers ResourceNotFoundException for a missing table', async () => {
    const error = await rejection(query({ TableName: 'missing', ...inPartition() }));
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('never crashes on malformed key conditions', async () => {
    const malformed = [
      '',
      ' ',
      '(',
      ')',
      'pk = :a AND (',
      'pk = = :a',
      'pk :a',
      'AND',
      'pk = :a,',
      'pk[0] = :a',
      '#',
      ':',
      'pk.x = :a',
      'size(pk) = :a',
      'pk IN (:a)',
      'NOT pk = :a',
      'pk <> :a',
      'contains(pk, :a)',
      'attribute_exists(pk)',
      'foo(pk)',
      '_pk = :a',
    ];
    for (const KeyConditionExpression of malformed) {
      const error = await rejection(
        h.client.send(
          new QueryCommand({
            TableName: 'numbers',
            KeyConditionExpression,
            ExpressionAttributeValues: { ':a': { S: 'p' } } as Record<string, AttributeValue>,
          }),
        ),
      );
      expect(error.name, KeyConditionExpression).toBe('ValidationException');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
  });
});
