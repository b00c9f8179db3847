import {
  BatchWriteItemCommand,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynamoHarness, startDynamo } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

let h: DynamoHarness;
beforeAll(async () => {
  h = await startDynamo();
});
afterAll(() => h.stop());
beforeEach(() => h.service.reset());

/** Orders by customer: a global index on (customer, amount) with INCLUDE, a local one on (pk, placed) KEYS_ONLY. */
const ORDERS: CreateTableCommandInput = {
  TableName: 'orders',
  BillingMode: 'PAY_PER_REQUEST',
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    { AttributeName: 'customer', AttributeType: 'S' },
    { AttributeName: 'amount', AttributeType: 'N' },
    { AttributeName: 'placed', AttributeType: 'S' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'byCustomer',
      KeySchema: [
        { AttributeName: 'customer', KeyType: 'HASH' },
        { AttributeName: 'amount', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['shipping'] },
    },
  ],
  LocalSecondaryIndexes: [
    {
      IndexName: 'byPlaced',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'placed', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    },
  ],
};

const ORDER_ITEMS = [
  { pk: 'shop', sk: 'o1', customer: 'ann', amount: 30, placed: '2024-03', shipping: 'paid', note: 'gift' },
  { pk: 'shop', sk: 'o2', customer: 'bob', amount: 5, placed: '2024-01', shipping: 'new', note: 'x' },
  { pk: 'shop', sk: 'o3', customer: 'ann', amount: 12, placed: '2024-02', shipping: 'new', note: 'y' },
  { pk: 'shop', sk: 'o4', customer: 'ann', amount: 12, shipping: 'sent' }, // same index key as o3; no `placed`
  { pk: 'shop', sk: 'o5', amount: 99, placed: '2024-04' }, // no customer: not in byCustomer
];

async function orders(): Promise<void> {
  await h.client.send(new CreateTableCommand(ORDERS));
  for (const item of ORDER_ITEMS)
    await h.client.send(new PutItemCommand({ TableName: 'orders', Item: marshall(item) }));
}

const query = (input: Omit<QueryCommandInput, 'TableName'>) =>
  h.client.send(new QueryCommand({ TableName: 'orders', ...input }));
const ofAnn = {
  IndexName: 'byCustomer',
  KeyConditionExpression: 'customer = :c',
  ExpressionAttributeValues: marshall({ ':c': 'ann' }),
};
const items = (answer: { Items?: Record<string, unknown>[] }) =>
  (answer.Items ?? []).map((item) => unmarshall(item as never));

describe('secondary indexes', () => {
  it('are described with their keys, projections, counts and ARNs', async () => {
    await orders();
    const { Table: table } = await h.client.send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(table?.AttributeDefinitions?.map((d) => d.AttributeName)).toEqual([
      'pk',
      'sk',
      'customer',
      'amount',
      'placed',
    ]);
    expect(table?.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: 'byCustomer',
        IndexStatus: 'ACTIVE',
        IndexArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/byCustomer',
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['shipping'] },
        ItemCount: 4,
      }),
    ]);
    expect(table?.LocalSecondaryIndexes).toEqual([
      expect.objectContaining({ IndexName: 'byPlaced', Projection: { ProjectionType: 'KEYS_ONLY' }, ItemCount: 4 }),
    ]);
    expect(table?.LocalSecondaryIndexes?.[0]).not.toHaveProperty('IndexStatus');
  });

  it('query a global index in its key order, sparse, with what it projects', async () => {
    await orders();
    const answer = await query(ofAnn);
    // o3 and o4 tie on the index key: the table key breaks the tie. `note` is not projected.
    expect(items(answer)).toEqual([
      { pk: 'shop', sk: 'o3', customer: 'ann', amount: 12, shipping: 'new' },
      { pk: 'shop', sk: 'o4', customer: 'ann', amount: 12, shipping: 'sent' },
      { pk: 'shop', sk: 'o1', customer: 'ann', amount: 30, shipping: 'paid' },
    ]);
    const descending = await query({ ...ofAnn, ScanIndexForward: false, ProjectionExpression: 'sk, shipping' });
    expect(items(descending)).toEqual([
      { sk: 'o1', shipping: 'paid' },
      { sk: 'o4', shipping: 'sent' },
      { sk: 'o3', shipping: 'new' },
    ]);
    const between = await query({
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customer = :c AND amount BETWEEN :a AND :b',
      ExpressionAttributeValues: marshall({ ':c': 'ann', ':a': 13, ':b': 100 }),
    });
    expect(items(between).map((item) => item.sk)).toEqual(['o1']);
    const filtered = await query({
      ...ofAnn,
      FilterExpression: 'shipping = :s',
      ExpressionAttributeValues: marshall({ ':c': 'ann', ':s': 'new' }),
    });
    expect(filtered).toMatchObject({ Count: 1, ScannedCount: 3 });
    const scanned = await h.client.send(
      new ScanCommand({ TableName: 'orders', IndexName: 'byCustomer', Select: 'COUNT' }),
    );
    expect(scanned).toMatchObject({ Count: 4, ScannedCount: 4 });
  });

  it('page with a LastEvaluatedKey that holds the index and table keys, through ties', async () => {
    await orders();
    const seen: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    const keys: unknown[] = [];
    do {
      const answer = await query({ ...ofAnn, Limit: 1, ...(start ? { ExclusiveStartKey: start as never } : {}) });
      seen.push(...items(answer).map((item) => item.sk));
      start = answer.LastEvaluatedKey;
      if (start) keys.push(unmarshall(start as never));
    } while (start);
    expect(seen).toEqual(['o3', 'o4', 'o1']);
    expect(keys[0]).toEqual({ customer: 'ann', amount: 12, pk: 'shop', sk: 'o3' });
    const wrongShape = await rejection(query({ ...ofAnn, ExclusiveStartKey: marshall({ pk: 'shop', sk: 'o3' }) }));
    expect(wrongShape.message).toBe(
      'The provided starting key is invalid: The provided key element does not match the schema',
    );
    const emptyKey = await rejection(
      query({ ...ofAnn, ExclusiveStartKey: marshall({ customer: 'ann', amount: 12, pk: 'shop', sk: '' }) }),
    );
    expect(emptyKey.message).toBe(
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk',
    );
  });

  it('query a local index, fetching attributes it does not project from the table', async () => {
    await orders();
    const byPlaced = {
      IndexName: 'byPlaced',
      KeyConditionExpression: 'pk = :p AND placed < :d',
      ExpressionAttributeValues: marshall({ ':p': 'shop', ':d': '2024-04' }),
    };
    expect(items(await query(byPlaced))).toEqual([
      { pk: 'shop', sk: 'o2', placed: '2024-01' },
      { pk: 'shop', sk: 'o3', placed: '2024-02' },
      { pk: 'shop', sk: 'o1', placed: '2024-03' },
    ]);
    const all = await query({ ...byPlaced, Select: 'ALL_ATTRIBUTES', Limit: 1 });
    expect(items(all)).toEqual([ORDER_ITEMS[1]]);
    const named = await query({ ...byPlaced, ProjectionExpression: 'note', ConsistentRead: true });
    expect(items(named)).toEqual([{ note: 'x' }, { note: 'y' }, { note: 'gift' }]);
  });

  it('refuse what AWS refuses on index reads', async () => {
    await orders();
    const cases: [Omit<QueryCommandInput, 'TableName'>, string][] = [
      [{ ...ofAnn, ConsistentRead: true }, 'Consistent reads are not supported on global secondary indexes'],
      [
        { ...ofAnn, Select: 'ALL_ATTRIBUTES' },
        'Select type ALL_ATTRIBUTES is not supported for global secondary index byCustomer because its projection type is not ALL',
      ],
      [{ ...ofAnn, IndexName: 'nope' }, 'The table does not have the specified index: nope'],
      [
        { ...ofAnn, FilterExpression: 'amount > :c' },
        'Filter Expression can only contain non-primary key attributes: Primary key attribute: amount',
      ],
      [
        {
          IndexName: 'byCustomer',
          KeyConditionExpression: 'pk = :c',
          ExpressionAttributeValues: marshall({ ':c': 'shop' }),
        },
        'Query condition missed key schema element',
      ],
      // A global index cannot fetch from the table what it does not project.
      [
        { ...ofAnn, ProjectionExpression: 'sk, note, zeta, shipping' },
        'One or more parameter values were invalid: Global secondary index byCustomer does not project [note, zeta]',
      ],
      // Neither kind of index filters on what it does not hold.
      [
        { ...ofAnn, FilterExpression: 'attribute_exists(note) OR zeta = :c' },
        'One or more parameter values were invalid: Secondary index byCustomer does not project one or more filter attributes: [note, zeta]',
      ],
      [
        {
          IndexName: 'byPlaced',
          KeyConditionExpression: 'pk = :p',
          FilterExpression: 'note = :p',
          ExpressionAttributeValues: marshall({ ':p': 'shop' }),
        },
        'Secondary index byPlaced does not project one or more filter attributes: [note]',
      ],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(query(input));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain(message);
    }
  });

  it('check the index keys an item holds on every write; an item without them is only left out', async () => {
    await orders();
    const wrongType = await rejection(
      h.client.send(
        new PutItemCommand({ TableName: 'orders', Item: marshall({ pk: 'shop', sk: 'o9', amount: 'big' }) }),
      ),
    );
    expect(wrongType.message).toBe(
      'One or more parameter values were invalid: Type mismatch for Index Key amount Expected: N Actual: S IndexName: byCustomer',
    );
    const empty = await rejection(
      h.client.send(
        new PutItemCommand({ TableName: 'orders', Item: marshall({ pk: 'shop', sk: 'o9', customer: '' }) }),
      ),
    );
    expect(empty.message).toContain('A value specified for a secondary index key is not supported');
    const update = await rejection(
      h.client.send(
        new UpdateItemCommand({
          TableName: 'orders',
          Key: marshall({ pk: 'shop', sk: 'o1' }),
          UpdateExpression: 'SET placed = :n',
          ExpressionAttributeValues: marshall({ ':n': 7 }),
        }),
      ),
    );
    expect(update.message).toContain('Type mismatch for Index Key placed Expected: S Actual: N IndexName: byPlaced');
    const batch = await rejection(
      h.client.send(
        new BatchWriteItemCommand({
          RequestItems: { orders: [{ PutRequest: { Item: marshall({ pk: 'shop', sk: 'o8', customer: 3 }) } }] },
        }),
      ),
    );
    expect(batch.message).toContain('Type mismatch for Index Key customer');
    // Nothing was written by the refused calls; the update of a non-key attribute moves the item in the index.
    await h.client.send(
      new UpdateItemCommand({
        TableName: 'orders',
        Key: marshall({ pk: 'shop', sk: 'o2' }),
        UpdateExpression: 'SET customer = :c',
        ExpressionAttributeValues: marshall({ ':c': 'ann' }),
      }),
    );
    expect(items(await query(ofAnn)).map((item) => item.sk)).toEqual(['o2', 'o3', 'o4', 'o1']);
  });

  it('refuse index declarations AWS refuses', async () => {
    const [gsi] = ORDERS.GlobalSecondaryIndexes as [GlobalSecondaryIndex];
    const [lsi] = ORDERS.LocalSecondaryIndexes as [LocalSecondaryIndex];
    const cases: [Partial<CreateTableCommandInput>, string][] = [
      [{ GlobalSecondaryIndexes: [gsi, gsi] }, 'Duplicate index name: byCustomer'],
      [{ GlobalSecondaryIndexes: [] }, 'List of GlobalSecondaryIndexes is empty'],
      [
        { GlobalSecondaryIndexes: [{ ...gsi, Projection: { ProjectionType: 'INCLUDE' } }] },
        'ProjectionType is INCLUDE, but NonKeyAttributes is not specified',
      ],
      [
        {
          LocalSecondaryIndexes: [
            {
              ...lsi,
              KeySchema: [
                { AttributeName: 'customer', KeyType: 'HASH' },
                (lsi.KeySchema as KeySchemaElement[])[1] as KeySchemaElement,
              ],
            },
          ],
        },
        'Index KeySchema does not have the same leading hash key as table KeySchema for index: byPlaced',
      ],
      [
        {
          LocalSecondaryIndexes: undefined,
          AttributeDefinitions: ORDERS.AttributeDefinitions?.filter((d) => d.AttributeName !== 'amount'),
        },
        'Some index key attributes are not defined in AttributeDefinitions. Keys: [amount]',
      ],
      [{ LocalSecondaryIndexes: undefined }, 'Some AttributeDefinitions are not used'],
      [
        { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, BillingMode: 'PROVISIONED' },
        'ProvisionedThroughput must be specified for index: byCustomer',
      ],
    ];
    for (const [change, message] of cases) {
      const error = await rejection(h.client.send(new CreateTableCommand({ ...ORDERS, ...change })));
      expect(error.name, message).toBe('ValidationException');
      expect(error.message).toContain(message);
    }
    const localOnHashTable = await rejection(
      h.client.send(
        new CreateTableCommand({
          ...ORDERS,
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: ORDERS.AttributeDefinitions?.filter((d) => d.AttributeName !== 'sk'),
        }),
      ),
    );
    expect(localOnHashTable.message).toContain('Table KeySchema does not have a range key');
  });

  it('report item collection metrics of tables with a local index, when asked', async () => {
    await orders();
    const put = await h.client.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: marshall({ pk: 'shop', sk: 'o6' }),
        ReturnItemCollectionMetrics: 'SIZE',
      }),
    );
    expect(put.ItemCollectionMetrics).toEqual({
      ItemCollectionKey: { pk: { S: 'shop' } },
      SizeEstimateRangeGB: [0, 1],
    });
    const batch = await h.client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          orders: [
            { PutRequest: { Item: marshall({ pk: 'shop', sk: 'o7' }) } },
            { PutRequest: { Item: marshall({ pk: 'mall', sk: 'o1' }) } },
            { DeleteRequest: { Key: marshall({ pk: 'shop', sk: 'o6' }) } },
          ],
        },
        ReturnItemCollectionMetrics: 'SIZE',
      }),
    );
    expect(batch.ItemCollectionMetrics?.orders?.map((m) => m.ItemCollectionKey)).toEqual([
      { pk: { S: 'shop' } },
      { pk: { S: 'mall' } },
    ]);
    const unasked = await h.client.send(
      new PutItemCommand({ TableName: 'orders', Item: marshall({ pk: 'shop', sk: 'o8' }) }),
    );
    expect(unasked.ItemCollectionMetrics).toBeUndefined();
    const bad = await rejection(
      h.client.send(
        new PutItemCommand({
          TableName: 'orders',
          Item: marshall({ pk: 'shop', sk: 'o9' }),
          ReturnItemCollectionMetrics: 'ALL' as 'SIZE',
        }),
      ),
    );
    expect(bad.message).toContain('Member must satisfy enum value set: [SIZE, NONE]');
  });
});
