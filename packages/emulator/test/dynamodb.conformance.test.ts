import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { it } from 'vitest';
import { tableInput } from './support/dynamodb.js';
import { describeConformance } from './support/dynamodbConformance.js';

// Tables and single-item operations, compared with moto (see support/dynamodbConformance.ts for what is compared and why).
describeConformance('DynamoDB conformance against moto: tables and items', (conform) => {
  it('manages tables', async () => {
    await conform([
      ['create', (c) => c.send(new CreateTableCommand(tableInput('c_tables', ['id', 'S'], ['sk', 'N'])))],
      ['create again', (c) => c.send(new CreateTableCommand(tableInput('c_tables', ['id', 'S']))), 'fails'],
      ['describe', (c) => c.send(new DescribeTableCommand({ TableName: 'c_tables' }))],
      ['describe missing', (c) => c.send(new DescribeTableCommand({ TableName: 'c_missing' })), 'fails'],
      [
        'provisioned without throughput',
        (c) => c.send(new CreateTableCommand({ ...tableInput('c_prov', ['id', 'S']), BillingMode: 'PROVISIONED' })),
        'fails',
      ],
      [
        // AWS answers DeleteTable with TableStatus DELETING; moto says ACTIVE, so the status is left out.
        'delete',
        async (c) => {
          const { TableDescription: table } = await c.send(new DeleteTableCommand({ TableName: 'c_tables' }));
          return { ...table, TableStatus: undefined };
        },
      ],
      ['describe deleted', (c) => c.send(new DescribeTableCommand({ TableName: 'c_tables' })), 'fails'],
      [
        'list',
        async (c) => ((await c.send(new ListTablesCommand({}))).TableNames ?? []).filter((n) => n.startsWith('c_')),
      ],
    ]);
  });

  it('writes and reads items', async () => {
    const item = { id: 'a', sk: 'b', text: 'x', n: 1.5, flag: true, none: null, list: [1, 'two'], map: { k: 'v' } };
    await conform([
      ['create', (c) => c.send(new CreateTableCommand(tableInput('c_items', ['id', 'S'], ['sk', 'S'])))],
      ['put', (c) => c.send(new PutItemCommand({ TableName: 'c_items', Item: marshall(item) }))],
      ['get', (c) => c.send(new GetItemCommand({ TableName: 'c_items', Key: marshall({ id: 'a', sk: 'b' }) }))],
      ['get absent', (c) => c.send(new GetItemCommand({ TableName: 'c_items', Key: marshall({ id: 'a', sk: 'z' }) }))],
      [
        'get projected',
        (c) =>
          c.send(
            new GetItemCommand({
              TableName: 'c_items',
              Key: marshall({ id: 'a', sk: 'b' }),
              // Not `#l[1]`: moto fails to see an alias used with a list index and calls it unused.
              ProjectionExpression: '#t, #m.k',
              ExpressionAttributeNames: { '#t': 'text', '#m': 'map' },
            }),
          ),
      ],
      [
        'put if absent (exists)',
        (c) =>
          c.send(
            new PutItemCommand({
              TableName: 'c_items',
              Item: marshall(item),
              ConditionExpression: 'attribute_not_exists(id)',
            }),
          ),
        'fails',
      ],
      [
        'put if present (exists)',
        (c) =>
          c.send(
            new PutItemCommand({
              TableName: 'c_items',
              Item: marshall({ ...item, text: 'y' }),
              ConditionExpression: 'attribute_exists(id)',
              ReturnValues: 'ALL_OLD',
            }),
          ),
      ],
      [
        'put if absent (new)',
        (c) =>
          c.send(
            new PutItemCommand({
              TableName: 'c_items',
              Item: marshall({ id: 'c', sk: 'd' }),
              ConditionExpression: 'attribute_not_exists(id)',
            }),
          ),
      ],
      [
        'put missing key',
        (c) => c.send(new PutItemCommand({ TableName: 'c_items', Item: marshall({ id: 'a' }) })),
        'fails',
      ],
      [
        'put wrong key type',
        (c) => c.send(new PutItemCommand({ TableName: 'c_items', Item: marshall({ id: 'a', sk: 1 }) })),
        'fails',
      ],
      [
        'get wrong key',
        (c) => c.send(new GetItemCommand({ TableName: 'c_items', Key: marshall({ id: 'a' }) })),
        'fails',
      ],
      [
        'get reserved word',
        (c) =>
          c.send(
            new GetItemCommand({
              TableName: 'c_items',
              Key: marshall({ id: 'a', sk: 'b' }),
              ProjectionExpression: 'name',
            }),
          ),
        'fails',
      ],
      [
        'get missing table',
        (c) => c.send(new GetItemCommand({ TableName: 'c_none', Key: marshall({ id: 'a' }) })),
        'fails',
      ],
      [
        'delete',
        (c) =>
          c.send(
            new DeleteItemCommand({
              TableName: 'c_items',
              Key: marshall({ id: 'a', sk: 'b' }),
              ReturnValues: 'ALL_OLD',
            }),
          ),
      ],
      [
        'delete absent',
        (c) =>
          c.send(
            new DeleteItemCommand({
              TableName: 'c_items',
              Key: marshall({ id: 'a', sk: 'b' }),
              ReturnValues: 'ALL_OLD',
            }),
          ),
      ],
      ['item count', async (c) => (await c.send(new DescribeTableCommand({ TableName: 'c_items' }))).Table?.ItemCount],
    ]);
  });

  it('writes and reads in batches', async () => {
    const put = (id: string, extra: Record<string, unknown> = {}) => ({
      PutRequest: { Item: marshall({ id, n: id.length, ...extra }) },
    });
    // moto adds an empty ItemCollectionMetrics that AWS sends only for tables with local secondary indexes.
    const written = async (promise: Promise<{ UnprocessedItems?: unknown }>) => ({
      UnprocessedItems: (await promise).UnprocessedItems,
    });
    // AWS documents no order for a table's items in Responses.
    const read = async (promise: Promise<{ Responses?: Record<string, unknown[]>; UnprocessedKeys?: unknown }>) => {
      const { Responses = {}, UnprocessedKeys } = await promise;
      const sorted = Object.fromEntries(
        Object.entries(Responses).map(([table, items]) => [
          table,
          [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        ]),
      );
      return { Responses: sorted, UnprocessedKeys };
    };
    await conform([
      ['create', (c) => c.send(new CreateTableCommand(tableInput('c_batch', ['id', 'S'])))],
      ['create second', (c) => c.send(new CreateTableCommand(tableInput('c_batch2', ['id', 'S'])))],
      [
        'write',
        (c) =>
          written(
            c.send(
              new BatchWriteItemCommand({
                RequestItems: { c_batch: [put('a'), put('bb', { tag: 'x' }), put('ccc')], c_batch2: [put('z')] },
              }),
            ),
          ),
      ],
      [
        'write and delete',
        (c) =>
          written(
            c.send(
              new BatchWriteItemCommand({
                RequestItems: { c_batch: [{ DeleteRequest: { Key: marshall({ id: 'ccc' }) } }, put('dddd')] },
              }),
            ),
          ),
      ],
      [
        'read',
        (c) =>
          read(
            c.send(
              new BatchGetItemCommand({
                RequestItems: {
                  c_batch: { Keys: ['a', 'bb', 'ccc', 'dddd'].map((id) => marshall({ id })) },
                  c_batch2: { Keys: [marshall({ id: 'z' })], ConsistentRead: true },
                },
              }),
            ),
          ),
      ],
      [
        'read projected',
        (c) =>
          read(
            c.send(
              new BatchGetItemCommand({
                RequestItems: {
                  c_batch: {
                    Keys: [marshall({ id: 'bb' })],
                    ProjectionExpression: '#t',
                    ExpressionAttributeNames: { '#t': 'tag' },
                  },
                },
              }),
            ),
          ),
      ],
      [
        'write a key twice',
        (c) => c.send(new BatchWriteItemCommand({ RequestItems: { c_batch: [put('a'), put('a')] } })),
        'fails',
      ],
      [
        'read a key twice',
        (c) =>
          c.send(
            new BatchGetItemCommand({
              RequestItems: { c_batch: { Keys: [marshall({ id: 'a' }), marshall({ id: 'a' })] } },
            }),
          ),
        'fails',
      ],
      [
        'write to a missing table',
        (c) => c.send(new BatchWriteItemCommand({ RequestItems: { c_nothere: [put('a')] } })),
        'fails',
      ],
      [
        'read too many',
        (c) =>
          c.send(
            new BatchGetItemCommand({
              RequestItems: { c_batch: { Keys: Array.from({ length: 101 }, (_, i) => marshall({ id: `k${i}` })) } },
            }),
          ),
        'fails',
      ],
      ['item count', async (c) => (await c.send(new DescribeTableCommand({ TableName: 'c_batch' }))).Table?.ItemCount],
    ]);
  });

  it('updates items', async () => {
    const update =
      (input: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>, id = 'a') =>
      (c: DynamoDBClient) =>
        c.send(new UpdateItemCommand({ TableName: 'c_upd', Key: marshall({ id }), ReturnValues: 'ALL_NEW', ...input }));
    const values = (plain: Record<string, unknown>) => marshall(plain);
    await conform([
      ['create', (c) => c.send(new CreateTableCommand(tableInput('c_upd', ['id', 'S'])))],
      [
        'put',
        (c) =>
          c.send(
            new PutItemCommand({
              TableName: 'c_upd',
              Item: {
                ...marshall({ id: 'a', n: 1, list: [1, 2, 3], m: { k: 'v', j: 'w' } }),
                tags: { SS: ['x', 'y'] },
              },
            }),
          ),
      ],
      [
        'add to a number',
        update({ UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: values({ ':one': 1 }) }),
      ],
      ['subtract', update({ UpdateExpression: 'SET n = n - :two', ExpressionAttributeValues: values({ ':two': 2 }) })],
      [
        'if_not_exists',
        update({
          UpdateExpression: 'SET fresh = if_not_exists(fresh, :d), n = if_not_exists(n, :d)',
          ExpressionAttributeValues: values({ ':d': 10 }),
          ReturnValues: 'UPDATED_NEW',
        }),
      ],
      [
        'list_append',
        update({
          UpdateExpression: 'SET #l = list_append(#l, :more)',
          ExpressionAttributeNames: { '#l': 'list' },
          ExpressionAttributeValues: values({ ':more': [4] }),
          ReturnValues: 'UPDATED_OLD',
        }),
      ],
      ['remove', update({ UpdateExpression: 'REMOVE #l[0], m.k', ExpressionAttributeNames: { '#l': 'list' } })],
      [
        'add to a set and a missing number',
        update({
          UpdateExpression: 'ADD tags :t, hits :one',
          ExpressionAttributeValues: { ':t': { SS: ['z'] }, ':one': { N: '1' } },
        }),
      ],
      [
        'delete from a set',
        update({ UpdateExpression: 'DELETE tags :t', ExpressionAttributeValues: { ':t': { SS: ['x'] } } }),
      ],
      [
        'set nested',
        update({
          UpdateExpression: 'SET m.added = :v, #l[9] = :v',
          ExpressionAttributeNames: { '#l': 'list' },
          ExpressionAttributeValues: values({ ':v': 'new' }),
        }),
      ],
      [
        'create by update',
        update({ UpdateExpression: 'SET v = :v', ExpressionAttributeValues: values({ ':v': 'b' }) }, 'b'),
      ],
      [
        'update the key',
        update({ UpdateExpression: 'SET id = :v', ExpressionAttributeValues: values({ ':v': 'z' }) }),
        'fails',
      ],
      [
        'condition fails',
        update({
          UpdateExpression: 'SET v = :v',
          ConditionExpression: 'attribute_not_exists(id)',
          ExpressionAttributeValues: values({ ':v': 'x' }),
        }),
        'fails',
      ],
      ['operand missing', update({ UpdateExpression: 'SET v = nothere' }), 'fails'],
      [
        'nested path missing',
        update({ UpdateExpression: 'SET nothere.deep = :v', ExpressionAttributeValues: values({ ':v': 'x' }) }),
        'fails',
      ],
      [
        'paths overlap',
        update({ UpdateExpression: 'SET m = :v REMOVE m.j', ExpressionAttributeValues: values({ ':v': 'x' }) }),
        'fails',
      ],
      [
        'a clause twice',
        update({ UpdateExpression: 'SET v = :v SET w = :v', ExpressionAttributeValues: values({ ':v': 'x' }) }),
        'fails',
      ],
      [
        'arithmetic on a string',
        update({ UpdateExpression: 'SET m = m + :one', ExpressionAttributeValues: values({ ':one': 1 }) }),
        'fails',
      ],
      ['get', (c) => c.send(new GetItemCommand({ TableName: 'c_upd', Key: marshall({ id: 'a' }) }))],
      ['item count', async (c) => (await c.send(new DescribeTableCommand({ TableName: 'c_upd' }))).Table?.ItemCount],
    ]);
  });

  it('writes and reads in transactions', async () => {
    const key = (id: string) => marshall({ id });
    const get = (id: string) => (c: DynamoDBClient) => c.send(new GetItemCommand({ TableName: 'c_tx', Key: key(id) }));
    await conform([
      ['create', (c) => c.send(new CreateTableCommand(tableInput('c_tx', ['id', 'S'])))],
      ['put', (c) => c.send(new PutItemCommand({ TableName: 'c_tx', Item: marshall({ id: 'a', n: 1 }) }))],
      // moto adds an empty ItemCollectionMetrics that AWS sends only when asked (ReturnItemCollectionMetrics).
      [
        'write',
        async (c) => ({
          ...(await c.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                { Put: { TableName: 'c_tx', Item: marshall({ id: 'b', v: 'x' }) } },
                {
                  Update: {
                    TableName: 'c_tx',
                    Key: key('a'),
                    UpdateExpression: 'SET n = n + :one',
                    ExpressionAttributeValues: marshall({ ':one': 1 }),
                  },
                },
                {
                  ConditionCheck: { TableName: 'c_tx', Key: key('c'), ConditionExpression: 'attribute_not_exists(id)' },
                },
                { Delete: { TableName: 'c_tx', Key: key('z') } },
              ],
            }),
          )),
          ItemCollectionMetrics: undefined,
        }),
      ],
      ['get updated', get('a')],
      ['get put', get('b')],
      [
        'a condition fails',
        (c) =>
          c.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                { Put: { TableName: 'c_tx', Item: marshall({ id: 'c' }) } },
                {
                  Update: {
                    TableName: 'c_tx',
                    Key: key('a'),
                    UpdateExpression: 'SET n = :zero',
                    ConditionExpression: 'n = :zero',
                    ExpressionAttributeValues: marshall({ ':zero': 0 }),
                  },
                },
              ],
            }),
          ),
        'fails',
      ],
      ['nothing written', get('c')],
      ['a unchanged', get('a')],
      [
        'one item twice',
        (c) =>
          c.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                { Put: { TableName: 'c_tx', Item: marshall({ id: 'd' }) } },
                { Delete: { TableName: 'c_tx', Key: key('d') } },
              ],
            }),
          ),
        'fails',
      ],
      [
        'read',
        (c) =>
          c.send(
            new TransactGetItemsCommand({
              TransactItems: [
                { Get: { TableName: 'c_tx', Key: key('a') } },
                { Get: { TableName: 'c_tx', Key: key('missing') } },
                // `id` named too: moto adds the key to a projected TransactGetItems item, which AWS does not.
                { Get: { TableName: 'c_tx', Key: key('b'), ProjectionExpression: 'id, v' } },
              ],
            }),
          ),
      ],
      [
        'read a missing table',
        (c) =>
          c.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'c_none', Key: key('a') } }] })),
        'fails',
      ],
    ]);
  });
});
