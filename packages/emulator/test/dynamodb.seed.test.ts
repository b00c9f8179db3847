import { DescribeTableCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorCore } from '../src/core/emulator.js';
import { type DynamoDbSeed, DynamoDbService } from '../src/services/dynamodb.js';
import { type DynamoHarness, startDynamo } from './support/dynamodb.js';

let h: DynamoHarness;

beforeAll(async () => {
  h = await startDynamo();
});
afterAll(() => h.stop());
beforeEach(() => h.service.reset());

const SEED: DynamoDbSeed = {
  tables: [
    {
      name: 'config',
      partitionKey: 'id',
      sortKey: 'sk',
      items: [
        { id: 'app', sk: 'db', value: 'postgres://db', port: 5432 },
        { id: 'app', sk: 'cache', value: 'redis://cache', options: { ttl: 60, tags: ['a'] } },
      ],
    },
    { name: 'counters', partitionKey: 'n', partitionKeyType: 'N', items: [{ n: 1, label: 'one' }] },
  ],
};

describe('the programmatic API', () => {
  it('creates tables and puts and gets plain items', () => {
    h.service.createTable({ name: 'things', partitionKey: 'id', sortKey: 'version', sortKeyType: 'N' });
    h.service.putItem('things', { id: 'a', version: 2, on: true, blob: new Uint8Array([9]), none: null });
    expect(h.service.getItem('things', { id: 'a', version: 2 })).toEqual({
      id: 'a',
      version: 2,
      on: true,
      blob: new Uint8Array([9]),
      none: null,
    });
    expect(h.service.getItem('things', { id: 'a', version: 3 })).toBeUndefined();
  });

  it('serves programmatic items to SDK clients', async () => {
    h.service.createTable({ name: 'things', partitionKey: 'id' });
    h.service.putItem('things', { id: 'a', nested: { list: [1, 'two'] } });
    const { Item } = await h.client.send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'a' } } }));
    expect(unmarshall(Item ?? {})).toEqual({ id: 'a', nested: { list: [1, 'two'] } });
  });

  it('throws clear errors for misuse', () => {
    expect(() => h.service.putItem('absent', { id: 'a' })).toThrow("DynamoDB table 'absent' does not exist");
    h.service.createTable({ name: 'things', partitionKey: 'id' });
    expect(() => h.service.createTable({ name: 'things', partitionKey: 'id' })).toThrow("'things' already exists");
    expect(() => h.service.createTable({ name: 'x', partitionKey: 'id' })).toThrow(TypeError);
    expect(() => h.service.putItem('things', { other: 'a' })).toThrow('Missing the key id in the item');
    expect(() => h.service.putItem('things', { id: 1 })).toThrow('Type mismatch for key id expected: S actual: N');
    expect(() => h.service.putItem('things', { id: 'a', when: new Date() as never })).toThrow('cannot store: Date');
    expect(() => h.service.getItem('things', { id: 'a', extra: 1 })).toThrow('does not match the schema');
  });

  it('forgets every table on reset', () => {
    h.service.createTable({ name: 'things', partitionKey: 'id' });
    h.service.reset();
    expect(() => h.service.getItem('things', { id: 'a' })).toThrow('does not exist');
  });
});

describe('seeds', () => {
  it('loads tables and items that SDK clients can query', async () => {
    h.service.load(SEED);
    const { Items } = await h.client.send(
      new QueryCommand({
        TableName: 'config',
        KeyConditionExpression: 'id = :id',
        ExpressionAttributeValues: { ':id': { S: 'app' } },
      }),
    );
    expect(Items?.map((item) => unmarshall(item).sk)).toEqual(['cache', 'db']);
    expect(h.service.getItem('counters', { n: 1 })).toEqual({ n: 1, label: 'one' });
  });

  it('loads through EmulatorCore.load under the "dynamodb" key', () => {
    const core = new EmulatorCore();
    const service = core.register(new DynamoDbService(core.context));
    core.load({ dynamodb: SEED });
    expect(service.getItem('config', { id: 'app', sk: 'db' })).toMatchObject({ port: 5432 });
    core.reset();
    expect(() => service.getItem('config', { id: 'app', sk: 'db' })).toThrow('does not exist');
  });

  it('adds items to an existing table with the same keys', () => {
    h.service.load(SEED);
    h.service.load({ tables: [{ name: 'config', partitionKey: 'id', sortKey: 'sk', items: [{ id: 'b', sk: 'c' }] }] });
    expect(h.service.getItem('config', { id: 'b', sk: 'c' })).toEqual({ id: 'b', sk: 'c' });
    expect(h.service.getItem('config', { id: 'app', sk: 'db' })).toEqual({
      id: 'app',
      sk: 'db',
      value: 'postgres://db',
      port: 5432,
    });
  });

  it.each<[string, unknown, string]>([
    ['a non-object', 'tables', 'dynamodb seed must be an object'],
    ['an unknown section field', { tables: [], extra: 1 }, "unknown field 'extra'"],
    ['tables that are not an array', { tables: {} }, 'dynamodb.tables must be an array'],
    ['a table that is not an object', { tables: [1] }, 'dynamodb.tables[0] must be an object'],
    [
      'a misspelt table field',
      { tables: [{ name: 'abc', partitonKey: 'id' }] },
      "dynamodb.tables[0] has an unknown field 'partitonKey'",
    ],
    ['a bad table name', { tables: [{ name: 'a b', partitionKey: 'id' }] }, 'dynamodb.tables[0].name'],
    ['a missing partition key', { tables: [{ name: 'abc' }] }, 'dynamodb.tables[0].partitionKey'],
    [
      'a bad key type',
      { tables: [{ name: 'abc', partitionKey: 'id', partitionKeyType: 'BOOL' }] },
      'dynamodb.tables[0].partitionKeyType',
    ],
    [
      'a sort key type without sort key',
      { tables: [{ name: 'abc', partitionKey: 'id', sortKeyType: 'N' }] },
      'dynamodb.tables[0].sortKeyType',
    ],
    [
      'items that are not an array',
      { tables: [{ name: 'abc', partitionKey: 'id', items: {} }] },
      'dynamodb.tables[0].items must be an array',
    ],
    [
      'an item without its key',
      { tables: [{ name: 'abc', partitionKey: 'id', items: [{ other: 1 }] }] },
      'dynamodb.tables[0].items[0]: One or more parameter values were invalid: Missing the key id',
    ],
    [
      'an item key of the wrong type',
      { tables: [{ name: 'abc', partitionKey: 'id', partitionKeyType: 'N', items: [{ id: 'x' }] }] },
      'dynamodb.tables[0].items[0]: One or more parameter values were invalid: Type mismatch',
    ],
    [
      'an item that is not an object',
      { tables: [{ name: 'abc', partitionKey: 'id', items: ['x'] }] },
      'dynamodb.tables[0].items[0] must be an object',
    ],
    [
      'an oversized item',
      { tables: [{ name: 'abc', partitionKey: 'id', items: [{ id: 'a', v: 'x'.repeat(410_000) }] }] },
      '400 KB',
    ],
  ])('rejects %s with a TypeError naming the field', (_, seed, message) => {
    expect(() => h.service.load(seed)).toThrow(TypeError);
    expect(() => h.service.load(seed)).toThrow(message);
  });

  it('declares secondary indexes, checked as CreateTable checks them', async () => {
    h.service.load({
      tables: [
        {
          name: 'orders',
          partitionKey: 'pk',
          sortKey: 'sk',
          indexes: [
            {
              name: 'byCustomer',
              partitionKey: 'customer',
              sortKey: 'amount',
              sortKeyType: 'N',
              projection: ['state'],
            },
            { name: 'bySk', partitionKey: 'sk', projection: 'KEYS_ONLY' },
            { name: 'byPlaced', local: true, sortKey: 'placed' },
          ],
          items: [
            { pk: 'shop', sk: 'o1', customer: 'ann', amount: 30, state: 'paid', placed: '2024-02' },
            { pk: 'shop', sk: 'o2', customer: 'ann', amount: 5, state: 'new', note: 'x' },
          ],
        },
      ],
    });
    const { Items } = await h.client.send(
      new QueryCommand({
        TableName: 'orders',
        IndexName: 'byCustomer',
        KeyConditionExpression: 'customer = :c',
        ExpressionAttributeValues: { ':c': { S: 'ann' } },
      }),
    );
    expect(Items?.map((item) => unmarshall(item))).toEqual([
      { pk: 'shop', sk: 'o2', customer: 'ann', amount: 5, state: 'new' },
      { pk: 'shop', sk: 'o1', customer: 'ann', amount: 30, state: 'paid' },
    ]);
    const { Table } = await h.client.send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['byCustomer', 'bySk']);
    expect(Table?.LocalSecondaryIndexes?.[0]?.KeySchema?.map((key) => key.AttributeName)).toEqual(['pk', 'placed']);
    // Items only: the indexes need not be named again; naming others is a conflict.
    h.service.load({ tables: [{ name: 'orders', partitionKey: 'pk', sortKey: 'sk', items: [{ pk: 'a', sk: 'b' }] }] });
    expect(() =>
      h.service.load({ tables: [{ name: 'orders', partitionKey: 'pk', sortKey: 'sk', indexes: [] }] }),
    ).toThrow("conflicts with the existing table 'orders', which has other indexes");
  });

  it.each<[string, unknown, string]>([
    [
      'a local index on a table without sort key',
      [{ name: 'abc', partitionKey: 'id', indexes: [{ name: 'byX', local: true, sortKey: 'x' }] }],
      'dynamodb.tables[0].indexes: One or more parameter values were invalid: Table KeySchema does not have a range key',
    ],
    [
      'two indexes of one name',
      [
        {
          name: 'abc',
          partitionKey: 'id',
          indexes: [
            { name: 'byX', partitionKey: 'x' },
            { name: 'byX', partitionKey: 'y' },
          ],
        },
      ],
      'Duplicate index name: byX',
    ],
    [
      'an attribute given two types',
      [{ name: 'abc', partitionKey: 'id', indexes: [{ name: 'byId', partitionKey: 'id', partitionKeyType: 'N' }] }],
      "dynamodb.tables[0].indexes[0].partitionKeyType is N, but 'id' is of type S elsewhere in the table",
    ],
    [
      'a misspelt index field',
      [{ name: 'abc', partitionKey: 'id', indexes: [{ name: 'byX', partitonKey: 'x' }] }],
      "dynamodb.tables[0].indexes[0] has an unknown field 'partitonKey'",
    ],
    [
      'an empty projection list',
      [{ name: 'abc', partitionKey: 'id', indexes: [{ name: 'byX', partitionKey: 'x', projection: [] }] }],
      'dynamodb.tables[0].indexes[0].projection must be',
    ],
    [
      'an item with an index key of the wrong type',
      [{ name: 'abc', partitionKey: 'id', indexes: [{ name: 'byX', partitionKey: 'x' }], items: [{ id: 'a', x: 1 }] }],
      'dynamodb.tables[0].items[0]: One or more parameter values were invalid: Type mismatch for Index Key x',
    ],
  ])('rejects %s in an index declaration', (_, tables, message) => {
    expect(() => h.service.load({ tables })).toThrow(TypeError);
    expect(() => h.service.load({ tables })).toThrow(message);
  });

  it('changes nothing when any part of a seed is bad', () => {
    const bad = { tables: [...SEED.tables, { name: 'broken', partitionKey: 'id', items: [{}] }] };
    expect(() => h.service.load(bad)).toThrow('dynamodb.tables[2].items[0]');
    expect(() => h.service.getItem('config', { id: 'app', sk: 'db' })).toThrow('does not exist');
  });

  it('rejects a seed table that conflicts with an existing one', () => {
    h.service.load(SEED);
    expect(() => h.service.load({ tables: [{ name: 'config', partitionKey: 'id' }] })).toThrow(
      "dynamodb.tables[0] conflicts with the existing table 'config'",
    );
  });
});
