import {
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { it } from 'vitest';
import { tableInput } from './support/dynamodb.js';
import { describeConformance } from './support/dynamodbConformance.js';

const query = (input: Omit<QueryCommandInput, 'TableName'>) => (client: DynamoDBClient) =>
  client.send(new QueryCommand({ TableName: 'c_numbers', ...input }));
const partition = (extra = '', values: Record<string, unknown> = {}) => ({
  KeyConditionExpression: `pk = :pk${extra}`,
  ExpressionAttributeValues: marshall({ ':pk': 'p', ...values }),
});

// Query and Scan, compared with moto (see support/dynamodbConformance.ts for what is compared and why).
describeConformance('DynamoDB conformance against moto: Query and Scan', (conform) => {
  it('queries in sort key order with conditions, paging, counting and filters', async () => {
    const numbers = [10, 9, 100, -5, 0.5, 2, 1, -10.25];
    await conform([
      ['create', (c) => c.send(new CreateTableCommand(tableInput('c_numbers', ['pk', 'S'], ['n', 'N'])))],
      [
        'put',
        async (c) => {
          for (const n of numbers) {
            await c.send(
              new PutItemCommand({ TableName: 'c_numbers', Item: marshall({ pk: 'p', n, odd: n % 2 === 1 }) }),
            );
          }
        },
      ],
      ['all', query(partition())],
      ['descending', query({ ...partition(), ScanIndexForward: false })],
      ['<', query(partition(' AND n < :v', { ':v': 1 }))],
      ['<=', query(partition(' AND n <= :v', { ':v': 1 }))],
      ['>', query(partition(' AND n > :v', { ':v': 9 }))],
      ['>=', query(partition(' AND n >= :v', { ':v': 9 }))],
      ['=', query(partition(' AND n = :v', { ':v': 2 }))],
      ['BETWEEN', query(partition(' AND n BETWEEN :a AND :b', { ':a': -5, ':b': 2 }))],
      ['page 1', query({ ...partition(), Limit: 3 })],
      ['page 2', query({ ...partition(), Limit: 3, ExclusiveStartKey: marshall({ pk: 'p', n: 0.5 }) })],
      ['page 3', query({ ...partition(), Limit: 3, ExclusiveStartKey: marshall({ pk: 'p', n: 9 }) })],
      ['count', query({ ...partition(), Select: 'COUNT' })],
      ['filter', query({ ...partition('', { ':t': true }), FilterExpression: 'odd = :t' })],
      ['projection', query({ ...partition(' AND n = :v', { ':v': 9 }), ProjectionExpression: 'n' })],
      [
        'empty partition',
        query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshall({ ':pk': 'none' }) }),
      ],
      [
        'missing partition key',
        query({ KeyConditionExpression: 'n = :v', ExpressionAttributeValues: marshall({ ':v': 1 }) }),
        'fails',
      ],
      [
        'partition range',
        query({ KeyConditionExpression: 'pk > :pk', ExpressionAttributeValues: marshall({ ':pk': 'p' }) }),
        'fails',
      ],
      ['undefined value', query({ KeyConditionExpression: 'pk = :zz' }), 'fails'],
    ]);
  });

  it('queries string and binary sort keys by bytes', async () => {
    const words = ['b', 'a', 'B', 'app', 'apple', 'é', '\uff5e', '😀'];
    const blobs = [[0xff], [0x01, 0x00], [0x01], [0x80], [0x00, 0xff]];
    await conform([
      ['create words', (c) => c.send(new CreateTableCommand(tableInput('c_words', ['pk', 'S'], ['w', 'S'])))],
      ['create blobs', (c) => c.send(new CreateTableCommand(tableInput('c_blobs', ['pk', 'B'], ['b', 'B'])))],
      [
        'put',
        async (c) => {
          for (const w of words)
            await c.send(new PutItemCommand({ TableName: 'c_words', Item: marshall({ pk: 'p', w }) }));
          for (const b of blobs) {
            const Item = marshall({ pk: new Uint8Array([7]), b: new Uint8Array(b) });
            await c.send(new PutItemCommand({ TableName: 'c_blobs', Item }));
          }
        },
      ],
      ['words', (c) => c.send(new QueryCommand({ TableName: 'c_words', ...partition() }))],
      [
        'begins_with',
        (c) =>
          c.send(new QueryCommand({ TableName: 'c_words', ...partition(' AND begins_with(w, :a)', { ':a': 'ap' }) })),
      ],
      [
        'blobs',
        (c) =>
          c.send(
            new QueryCommand({
              TableName: 'c_blobs',
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: marshall({ ':pk': new Uint8Array([7]) }),
            }),
          ),
      ],
      [
        'blob get',
        (c) =>
          c.send(
            new GetItemCommand({
              TableName: 'c_blobs',
              Key: marshall({ pk: new Uint8Array([7]), b: new Uint8Array([0x80]) }),
            }),
          ),
      ],
    ]);
  });

  it('scans with paging and filters (order-independent)', async () => {
    const ids = (response: unknown) =>
      ((response as { Items?: { id?: { S?: string } }[] }).Items ?? []).map((item) => item.id?.S).sort();
    const summary = async (call: Promise<unknown>) => {
      const response = (await call) as { Count?: number; ScannedCount?: number; LastEvaluatedKey?: unknown };
      return {
        ids: ids(response),
        count: response.Count,
        scanned: response.ScannedCount,
        more: response.LastEvaluatedKey !== undefined,
      };
    };
    await conform([
      ['create', (c) => c.send(new CreateTableCommand(tableInput('c_scan', ['id', 'S'])))],
      [
        'put',
        async (c) => {
          for (let i = 0; i < 7; i += 1) {
            await c.send(new PutItemCommand({ TableName: 'c_scan', Item: marshall({ id: `k${i}`, n: i }) }));
          }
        },
      ],
      ['all', (c) => summary(c.send(new ScanCommand({ TableName: 'c_scan' })))],
      [
        'limited',
        async (c) => ({ ...(await summary(c.send(new ScanCommand({ TableName: 'c_scan', Limit: 3 })))), ids: [] }),
      ],
      [
        'filtered',
        (c) =>
          summary(
            c.send(
              new ScanCommand({
                TableName: 'c_scan',
                FilterExpression: 'n > :v',
                ExpressionAttributeValues: marshall({ ':v': 3 }),
              }),
            ),
          ),
      ],
    ]);
  });
});
