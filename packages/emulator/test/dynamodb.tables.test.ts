import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynamoHarness, startDynamo, tableInput } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
let h: DynamoHarness;

beforeAll(async () => {
  h = await startDynamo({ now: () => NOW });
});
afterAll(() => h.stop());
beforeEach(() => h.service.reset());

describe('CreateTable', () => {
  it('creates an ACTIVE table and describes it as AWS does', async () => {
    const { TableDescription: table } = await h.client.send(
      new CreateTableCommand(tableInput('config', ['id', 'S'], ['sk', 'N'])),
    );
    expect(table).toMatchObject({
      TableName: 'config',
      TableStatus: 'ACTIVE',
      TableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/config',
      KeySchema: [
        { AttributeName: 'id', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      ItemCount: 0,
      TableSizeBytes: 0,
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
      DeletionProtectionEnabled: false,
    });
    // The SDK parses the epoch-seconds CreationDateTime into a Date.
    expect(table?.CreationDateTime?.getTime()).toBe(NOW);
    expect(table?.TableId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports provisioned throughput for a PROVISIONED table', async () => {
    const { TableDescription: table } = await h.client.send(
      new CreateTableCommand({
        ...tableInput('provisioned', ['id', 'S']),
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 7 },
      }),
    );
    expect(table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 5, WriteCapacityUnits: 7 });
    expect(table?.BillingModeSummary).toBeUndefined();
  });

  it('answers ResourceInUseException when the table exists', async () => {
    await h.client.send(new CreateTableCommand(tableInput('config', ['id', 'S'])));
    const error = await rejection(h.client.send(new CreateTableCommand(tableInput('config', ['id', 'S']))));
    expect(error.name).toBe('ResourceInUseException');
    expect(error.message).toBe('Table already exists: config');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  const base = tableInput('bad-table', ['id', 'S'], ['sk', 'S']);
  it.each<[string, Partial<CreateTableCommandInput>, string]>([
    ['a table name that is too short', { TableName: 'ab' }, "at 'tableName'"],
    ['a table name with bad characters', { TableName: 'my table' }, "at 'tableName'"],
    ['no key schema', { KeySchema: undefined }, "Value null at 'keySchema'"],
    ['an empty key schema', { KeySchema: [] }, "at 'keySchema'"],
    [
      'a RANGE key first',
      { KeySchema: [{ AttributeName: 'id', KeyType: 'RANGE' }] },
      'The first KeySchemaElement is not a HASH key type',
    ],
    [
      'two HASH keys',
      {
        KeySchema: [
          { AttributeName: 'id', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'HASH' },
        ],
      },
      'The second KeySchemaElement is not a RANGE key type',
    ],
    [
      'the same name for both keys',
      {
        KeySchema: [
          { AttributeName: 'id', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
      },
      'have the same name',
    ],
    [
      'a key without attribute definition',
      { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] },
      'Some index key attributes are not defined in AttributeDefinitions. Keys: [sk]',
    ],
    [
      'an unused attribute definition',
      {
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'other', AttributeType: 'S' },
        ],
      },
      'Number of attributes in KeySchema does not exactly match',
    ],
    [
      'an attribute type that is not S, N or B',
      {
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'BOOL' as 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
      },
      'Member must satisfy enum value set: [B, N, S]',
    ],
    [
      'PROVISIONED without throughput',
      { BillingMode: 'PROVISIONED' },
      'must both be specified when BillingMode is PROVISIONED',
    ],
    [
      'PAY_PER_REQUEST with throughput',
      { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
      'can be specified when BillingMode is PAY_PER_REQUEST',
    ],
    [
      'an index key without attribute definition',
      {
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi',
            KeySchema: [{ AttributeName: 'gk', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      },
      'Some index key attributes are not defined in AttributeDefinitions. Keys: [gk]',
    ],
  ])('rejects %s with ValidationException', async (_, change, message) => {
    const error = await rejection(
      h.client.send(new CreateTableCommand({ ...base, ...change } as CreateTableCommandInput)),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(message);
  });
});

describe('DescribeTable, DeleteTable, ListTables', () => {
  it('counts items and their size', async () => {
    await h.client.send(new CreateTableCommand(tableInput('config', ['id', 'S'])));
    await h.client.send(new PutItemCommand({ TableName: 'config', Item: { id: { S: 'a' }, v: { S: 'xyz' } } }));
    const { Table: table } = await h.client.send(new DescribeTableCommand({ TableName: 'config' }));
    expect(table).toMatchObject({ TableName: 'config', TableStatus: 'ACTIVE', ItemCount: 1 });
    // 'id' + 'a' + 'v' + 'xyz' = 2 + 1 + 1 + 3 bytes.
    expect(table?.TableSizeBytes).toBe(7);
  });

  it('answers ResourceNotFoundException for a missing table', async () => {
    const error = await rejection(h.client.send(new DescribeTableCommand({ TableName: 'missing' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Requested resource not found: Table: missing not found');
  });

  it('accepts a table ARN as TableName', async () => {
    await h.client.send(new CreateTableCommand(tableInput('config', ['id', 'S'])));
    const arn = 'arn:aws:dynamodb:us-east-1:123456789012:table/config';
    const { Table: table } = await h.client.send(new DescribeTableCommand({ TableName: arn }));
    expect(table?.TableName).toBe('config');
  });

  it('works with the SDK waiter waitUntilTableExists', async () => {
    await h.client.send(new CreateTableCommand(tableInput('config', ['id', 'S'])));
    const result = await waitUntilTableExists({ client: h.client, maxWaitTime: 30 }, { TableName: 'config' });
    expect(result.state).toBe('SUCCESS');
  });

  it('deletes a table, answering DELETING, after which it is gone', async () => {
    await h.client.send(new CreateTableCommand(tableInput('config', ['id', 'S'])));
    const { TableDescription: table } = await h.client.send(new DeleteTableCommand({ TableName: 'config' }));
    expect(table?.TableStatus).toBe('DELETING');
    const error = await rejection(h.client.send(new DescribeTableCommand({ TableName: 'config' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect((await rejection(h.client.send(new DeleteTableCommand({ TableName: 'config' })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it('lists tables by name, paging with Limit and ExclusiveStartTableName', async () => {
    for (const name of ['gamma', 'alpha', 'beta']) {
      await h.client.send(new CreateTableCommand(tableInput(name, ['id', 'S'])));
    }
    expect(await h.client.send(new ListTablesCommand({}))).toMatchObject({ TableNames: ['alpha', 'beta', 'gamma'] });
    const first = await h.client.send(new ListTablesCommand({ Limit: 2 }));
    expect(first).toMatchObject({ TableNames: ['alpha', 'beta'], LastEvaluatedTableName: 'beta' });
    const second = await h.client.send(new ListTablesCommand({ Limit: 2, ExclusiveStartTableName: 'beta' }));
    expect(second.TableNames).toEqual(['gamma']);
    expect(second.LastEvaluatedTableName).toBeUndefined();
    expect((await rejection(h.client.send(new ListTablesCommand({ Limit: 101 })))).name).toBe('ValidationException');
  });
});
