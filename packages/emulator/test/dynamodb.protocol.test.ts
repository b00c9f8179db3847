import {
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  paginateScan,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynamoHarness, startDynamo, tableInput } from './support/dynamodb.js';
import { AWS_JSON_1_0, rawJsonRequest } from './support/rawJsonRequest.js';
import { rejection } from './support/rejection.js';

let h: DynamoHarness;
const send = (operation: string, body: unknown) =>
  rawJsonRequest(h.endpoint, {
    target: `DynamoDB_20120810.${operation}`,
    contentType: AWS_JSON_1_0,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  h = await startDynamo();
});
afterAll(() => h.stop());
beforeEach(async () => {
  h.service.reset();
  h.core.faults.clear();
  await h.client.send(new CreateTableCommand(tableInput('config', ['id', 'S'])));
});

describe('DynamoDB over raw JSON 1.0', () => {
  it('answers with the JSON 1.0 content type', async () => {
    const response = await send('DescribeTable', { TableName: 'config' });
    expect(response).toMatchObject({ status: 200, contentType: 'application/x-amz-json-1.0' });
    expect((response.json.Table as Record<string, unknown>).CreationDateTime).toBeTypeOf('number');
  });

  it.each([
    ['DescribeTable', { TableName: 'missing' }, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException'],
    ['DescribeTable', { TableName: 'no' }, 'com.amazon.coral.validate#ValidationException'],
    ['DescribeTable', '{"TableName":', 'com.amazon.coral.service#SerializationException'],
    ['CreateBackup', {}, 'com.amazon.coral.service#UnknownOperationException'],
  ])('qualifies %s errors with the AWS namespace in __type', async (operation, body, type) => {
    const response = await send(operation, body);
    expect(response.status).toBe(400);
    expect(response.contentType).toBe('application/x-amz-json-1.0');
    expect(response.json.__type).toBe(type);
    expect(response.json.message).toEqual(expect.any(String));
  });

  it('reports a missing TableName like AWS', async () => {
    const response = await send('GetItem', '');
    expect(response.json.message).toBe(
      "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    );
  });

  it.each([
    ['PutItem', { TableName: 'config', Item: { id: { S: 'a' }, n: { N: '1', S: '1' } } }, 'more than one datatypes'],
    ['PutItem', { TableName: 'config', Item: { id: { S: 'a' } }, ReturnValues: 'SOME' }, "at 'returnValues'"],
    ['PutItem', { TableName: 'config', Item: { id: { S: 'a' } }, Expected: {} }, 'legacy parameter Expected'],
    ['Scan', { TableName: 'config', Segment: 0 }, 'TotalSegments parameter is required'],
    ['Scan', { TableName: 'config', Segment: 2, TotalSegments: 2 }, 'must be less than parameter TotalSegments'],
    // The ranges of the API reference (Scan: Segment 0..999999, TotalSegments 1..1000000).
    [
      'Scan',
      { TableName: 'config', Segment: 0, TotalSegments: 1_000_001 },
      "Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000",
    ],
    [
      'Scan',
      { TableName: 'config', Segment: 1_000_000, TotalSegments: 1_000_000 },
      "Value '1000000' at 'segment' failed to satisfy constraint: Member must have value less than or equal to 999999",
    ],
  ])('answers a malformed %s with ValidationException naming the member', async (operation, body, message) => {
    const response = await send(operation, body);
    expect(response.status).toBe(400);
    expect(response.json.__type).toBe('com.amazon.coral.validate#ValidationException');
    expect(response.json.message).toContain(message);
  });

  it.each([
    ['GetItem', { TableName: 42, Key: {} }, 'NUMBER_VALUE cannot be converted to String'],
    ['GetItem', { TableName: 'config', Key: 'a' }, 'STRING_VALUE cannot be converted to Map'],
    [
      'GetItem',
      { TableName: 'config', Key: { id: { S: 'a' } }, ConsistentRead: 'yes' },
      'STRING_VALUE cannot be converted to Boolean',
    ],
    ['GetItem', { TableName: 'config', Key: { id: { S: 7 } } }, 'NUMBER_VALUE cannot be converted to String'],
    ['GetItem', { TableName: 'config', Key: { id: 'a' } }, 'STRING_VALUE cannot be converted to Structure'],
    [
      'Query',
      {
        TableName: 'config',
        KeyConditionExpression: 'id = :a',
        Limit: 1.5,
        ExpressionAttributeValues: { ':a': { S: 'a' } },
      },
      'NUMBER_VALUE cannot be converted to Integer',
    ],
    ['Query', { TableName: 'config', KeyConditionExpression: 7 }, 'NUMBER_VALUE cannot be converted to String'],
    [
      'Query',
      { TableName: 'config', KeyConditionExpression: 'id = :a', ExpressionAttributeValues: [] },
      'Start of list found where not expected.',
    ],
    [
      'Query',
      { TableName: 'config', KeyConditionExpression: { a: 1 } },
      'Start of structure or map found where not expected.',
    ],
  ])(
    'answers a wrongly typed member of %s with SerializationException, as AWS does',
    async (operation, body, message) => {
      const response = await send(operation, body);
      expect(response).toMatchObject({
        status: 400,
        errorType: 'com.amazon.coral.service#SerializationException',
        json: { __type: 'com.amazon.coral.service#SerializationException', message },
      });
    },
  );

  it('counts requests per operation and honours injected faults', async () => {
    h.core.requests.reset();
    await h.client.send(new GetItemCommand({ TableName: 'config', Key: { id: { S: 'a' } } }));
    expect(h.core.requests.count('GetItem')).toBe(1);
    h.core.faults.add({ service: 'dynamodb', operation: 'GetItem', throttleRate: 1, times: 1 });
    const error = await rejection(h.client.send(new GetItemCommand({ TableName: 'config', Key: { id: { S: 'a' } } })));
    expect(error.name).toBe('ThrottlingException');
    await h.client.send(new GetItemCommand({ TableName: 'config', Key: { id: { S: 'a' } } }));
  });
});

describe('Scan', () => {
  beforeEach(async () => {
    for (let i = 0; i < 10; i += 1) {
      await h.client.send(new PutItemCommand({ TableName: 'config', Item: marshall({ id: `k${i}`, n: i }) }));
    }
  });

  it('reads every item, paging with Limit through the SDK paginator', async () => {
    const pages: string[][] = [];
    for await (const page of paginateScan({ client: h.client, pageSize: 4 }, { TableName: 'config' })) {
      pages.push((page.Items ?? []).map((item) => String(unmarshall(item).id)));
    }
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
    expect(pages.flat().sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`));
  });

  it('filters and projects, counting scanned items', async () => {
    const response = await h.client.send(
      new ScanCommand({
        TableName: 'config',
        FilterExpression: 'n >= :five',
        ProjectionExpression: 'n',
        ExpressionAttributeValues: marshall({ ':five': 5 }),
      }),
    );
    expect(response).toMatchObject({ Count: 5, ScannedCount: 10 });
    expect(response.Items?.map((item) => unmarshall(item).n).sort()).toEqual([5, 6, 7, 8, 9]);
  });

  it('splits items across parallel segments without overlap', async () => {
    const segments = await Promise.all(
      [0, 1, 2].map((Segment) => h.client.send(new ScanCommand({ TableName: 'config', Segment, TotalSegments: 3 }))),
    );
    const ids = segments.flatMap((s) => (s.Items ?? []).map((item) => String(unmarshall(item).id)));
    expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`));
  });

  it('counts with Select COUNT', async () => {
    const response = await h.client.send(new ScanCommand({ TableName: 'config', Select: 'COUNT' }));
    expect(response.Items).toBeUndefined();
    expect(response.Count).toBe(10);
  });
});
