import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndexDescription,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { it } from 'vitest';
import { describeConformance } from './support/dynamodbConformance.js';

const TABLE: CreateTableCommandInput = {
  TableName: 'c_indexed',
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    { AttributeName: 'gk', AttributeType: 'S' },
    { AttributeName: 'gn', AttributeType: 'N' },
    { AttributeName: 'lk', AttributeType: 'S' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'g_all',
      KeySchema: [
        { AttributeName: 'gk', KeyType: 'HASH' },
        { AttributeName: 'gn', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
    {
      IndexName: 'g_keys',
      KeySchema: [{ AttributeName: 'gk', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    },
  ],
  LocalSecondaryIndexes: [
    {
      IndexName: 'l_include',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'lk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] },
    },
  ],
};

// Distinct index keys throughout: the order of items that tie on an index key is not specified by AWS.
const ITEMS = [
  { pk: 'p', sk: '1', gk: 'x', gn: 3, lk: 'c', a: 'a1', b: 'b1' },
  { pk: 'p', sk: '2', gk: 'x', gn: -1, lk: 'a', a: 'a2', b: 'b2' },
  { pk: 'p', sk: '3', gk: 'y', gn: 10, a: 'a3' },
  { pk: 'q', sk: '1', gk: 'x', gn: 7.5, lk: 'b' },
  { pk: 'p', sk: '4', lk: 'b', b: 'b4' },
];

const query = (input: Omit<QueryCommandInput, 'TableName'>) => (client: DynamoDBClient) =>
  client.send(new QueryCommand({ TableName: 'c_indexed', ...input }));
const onX = (extra = '', values: Record<string, unknown> = {}) => ({
  IndexName: 'g_all',
  KeyConditionExpression: `gk = :g${extra}`,
  ExpressionAttributeValues: marshall({ ':g': 'x', ...values }),
});
const onP = {
  IndexName: 'l_include',
  KeyConditionExpression: 'pk = :p',
  ExpressionAttributeValues: marshall({ ':p': 'p' }),
};

// Secondary indexes, compared with moto (see support/dynamodbConformance.ts for what is compared and why). Where
// moto departs from AWS on indexes (dynamodb.indexes.test.ts covers AWS's answers), steps are left out: moto answers
// an unknown IndexName with ResourceNotFoundException (AWS: ValidationException), accepts an index key of the wrong
// type and a duplicate index name, and answers a local index's ALL_ATTRIBUTES with the projected attributes only.
describeConformance('DynamoDB conformance against moto: secondary indexes', (conform) => {
  it('reads through global and local indexes as AWS does', async () => {
    await conform([
      [
        'create',
        async (c) => {
          // Compared without the members moto leaves out (IndexArn, ItemCount, IndexSizeBytes, NumberOfDecreasesToday).
          const { TableDescription: table } = await c.send(new CreateTableCommand(TABLE));
          const shape = ({ IndexName, KeySchema, Projection, IndexStatus }: GlobalSecondaryIndexDescription) => ({
            IndexName,
            KeySchema,
            Projection,
            IndexStatus,
          });
          return {
            AttributeDefinitions: table?.AttributeDefinitions,
            GlobalSecondaryIndexes: table?.GlobalSecondaryIndexes?.map(shape),
            LocalSecondaryIndexes: table?.LocalSecondaryIndexes?.map(shape),
          };
        },
      ],
      [
        'put',
        async (c) => {
          for (const item of ITEMS) await c.send(new PutItemCommand({ TableName: 'c_indexed', Item: marshall(item) }));
        },
      ],
      ['global, index order', query(onX())],
      ['global, descending', query({ ...onX(), ScanIndexForward: false })],
      ['global, sort condition', query(onX(' AND gn > :n', { ':n': 0 }))],
      ['global, page 1', query({ ...onX(), Limit: 2 })],
      [
        'global, page 2',
        query({ ...onX(), Limit: 2, ExclusiveStartKey: marshall({ gk: 'x', gn: 3, pk: 'p', sk: '1' }) }),
      ],
      ['global, projection', query({ ...onX(), ProjectionExpression: 'sk, b' })],
      ['global, count', query({ ...onX(), Select: 'COUNT' })],
      ['global, filter', query({ ...onX('', { ':a': 'a1' }), FilterExpression: 'a = :a' })],
      [
        'keys only',
        query({
          IndexName: 'g_keys',
          KeyConditionExpression: 'gk = :g',
          ExpressionAttributeValues: marshall({ ':g': 'y' }),
        }),
      ],
      ['local, index order', query(onP)],
      ['local, consistent', query({ ...onP, ConsistentRead: true })],
      ['scan a global index', (c) => c.send(new ScanCommand({ TableName: 'c_indexed', IndexName: 'g_all' }))],
      [
        'update moves an item in the index',
        (c) =>
          c.send(
            new UpdateItemCommand({
              TableName: 'c_indexed',
              Key: marshall({ pk: 'p', sk: '4' }),
              UpdateExpression: 'SET gk = :g, gn = :n',
              ExpressionAttributeValues: marshall({ ':g': 'x', ':n': 100 }),
            }),
          ),
      ],
      ['global, after the update', query(onX())],
      ['consistent read of a global index', query({ ...onX(), ConsistentRead: true }), 'fails'],
      [
        'an unused attribute definition',
        (c) =>
          c.send(
            new CreateTableCommand({
              ...TABLE,
              TableName: 'c_unused',
              LocalSecondaryIndexes: undefined,
            }),
          ),
        'fails',
      ],
    ]);
  });
});
