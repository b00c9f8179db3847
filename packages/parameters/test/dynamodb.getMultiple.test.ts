import { DynamoDBProvider as PtDynamoDBProvider } from '@aws-lambda-powertools/parameters/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { GetParameterError, TransformParameterError } from '../src/errors.js';
import { useTestEmulator } from './helpers/emulator.js';
import { fakeClock } from './helpers/MemoryProvider.js';

const ctx = useTestEmulator({
  dynamodb: {
    tables: [
      {
        name: 'multi',
        partitionKey: 'id',
        sortKey: 'sk',
        items: [
          { id: 'app', sk: 'url', value: 'https://example.com', enabled: true },
          { id: 'app', sk: 'db.json', value: '{"host":"db"}', enabled: false },
          { id: 'app', sk: 'token.binary', value: Buffer.from('tkn').toString('base64'), enabled: true },
          { id: 'app', sk: 'retries', value: 3 },
          { id: 'app', sk: 'no-value' },
          { id: 'other', sk: 'url', value: 'https://other.example.com' },
          { id: 'broken', sk: 'a.json', value: '{oops' },
          { id: 'broken', sk: 'b.json', value: '{"ok":true}' },
        ],
      },
      {
        name: 'custom',
        partitionKey: 'path',
        sortKey: 'name',
        items: [
          { path: 'app', name: 'a', val: 'A' },
          { path: 'app', name: 'b', val: 'B' },
        ],
      },
      {
        name: 'numbered',
        partitionKey: 'id',
        sortKey: 'n',
        sortKeyType: 'N',
        items: [{ id: 'p', n: 7, value: 'x' }],
      },
      { name: 'single', partitionKey: 'id', items: [{ id: 'app', value: 'v' }] },
    ],
  },
});

const calls = (operation: string) => ctx.emulator.requests.count(operation);

describe('DynamoDBProvider.getMultiple against the emulator', () => {
  it('reads the partition as a record of sort key to value, and caches it', async () => {
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    const expected = {
      url: 'https://example.com',
      'db.json': '{"host":"db"}',
      'token.binary': 'dGtu',
      retries: 3,
      'no-value': undefined,
    };
    expect(await table.getMultiple('app')).toEqual(expected);
    expect(await table.getMultiple('app')).toEqual(expected);
    expect(await table.getMultiple('other')).toEqual({ url: 'https://other.example.com' });
    expect(calls('Query')).toBe(2);
  });

  it('uses custom key, sort and value attribute names', async () => {
    const table = new DynamoDBProvider({
      tableName: 'custom',
      keyAttr: 'path',
      sortAttr: 'name',
      valueAttr: 'val',
      clientConfig: ctx.clientConfig,
    });
    expect(await table.getMultiple('app')).toEqual({ a: 'A', b: 'B' });
  });

  it('follows LastEvaluatedKey over every page', async () => {
    for (let i = 0; i < 7; i++) ctx.emulator.dynamodb.putItem('multi', { id: 'many', sk: `k${i}`, value: `v${i}` });
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    const values = await table.getMultiple('many', { sdkOptions: { Limit: 2 } });
    expect(Object.keys(values ?? {})).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    expect(calls('Query')).toBe(4);
    expect(table.stats().apiCalls).toBe(4);
  });

  it('starts after an ExclusiveStartKey given in sdkOptions', async () => {
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    const values = await table.getMultiple('app', {
      sdkOptions: { ExclusiveStartKey: { id: { S: 'app' }, sk: { S: 'retries' } } },
    });
    expect(Object.keys(values ?? {})).toEqual(['token.binary', 'url']);
  });

  it('keeps its own key condition, projection, names and values whatever sdkOptions say, as Powertools', async () => {
    const client = () => new DynamoDBClient(ctx.clientConfig);
    const ours = new DynamoDBProvider({ tableName: 'multi', awsSdkV3Client: client() });
    const theirs = new PtDynamoDBProvider({ tableName: 'multi', awsSdkV3Client: client() });
    const hostile = {
      KeyConditionExpression: '#key = :other',
      ProjectionExpression: 'enabled',
      ExpressionAttributeNames: { '#key': 'sk', '#value': 'enabled' },
      // Dropped, not merged: a value the provider's expressions do not use would make DynamoDB refuse the query.
      ExpressionAttributeValues: { ':key': { S: 'other' }, ':other': { S: 'url' } },
      FilterExpression: 'attribute_exists(enabled)',
    };
    const expected = { url: 'https://example.com', 'db.json': '{"host":"db"}', 'token.binary': 'dGtu' };
    expect(await ours.getMultiple('app', { sdkOptions: hostile })).toEqual(expected);
    expect(await theirs.getMultiple('app', { sdkOptions: hostile })).toEqual(expected);
    // A filter with placeholders of its own is refused by DynamoDB, in both: its names and values are dropped.
    // (forceFetch: Powertools' cache key leaves sdkOptions out, so it would answer with the result above.)
    const filter = {
      FilterExpression: '#on = :yes',
      ExpressionAttributeNames: { '#on': 'enabled' },
      ExpressionAttributeValues: { ':yes': { BOOL: true } },
    };
    const refusal = (error: unknown) => ({
      name: (error as Error).name,
      cause: ((error as Error).cause as Error).name,
    });
    const oursRefused = refusal(
      await ours.getMultiple('app', { sdkOptions: filter, forceFetch: true }).catch((e: unknown) => e),
    );
    expect(oursRefused).toEqual({ name: 'GetParameterError', cause: 'ValidationException' });
    expect(
      refusal(await theirs.getMultiple('app', { sdkOptions: filter, forceFetch: true }).catch((e: unknown) => e)),
    ).toEqual(oursRefused);
  });

  it('applies auto transforms by sort key suffix, leaving other values as they are', async () => {
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    expect(await table.getMultiple('app', { transform: 'auto' })).toEqual({
      url: 'https://example.com',
      'db.json': { host: 'db' },
      'token.binary': 'tkn',
      retries: 3,
      'no-value': undefined,
    });
    expect(await table.getMultiple('other', { transform: (value) => String(value).toUpperCase() })).toEqual({
      url: 'HTTPS://OTHER.EXAMPLE.COM',
    });
  });

  it('sets a failed transform to undefined, or throws with throwOnTransformError', async () => {
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    expect(await table.getMultiple('broken', { transform: 'json' })).toEqual({
      'a.json': undefined,
      'b.json': { ok: true },
    });
    // A fresh provider: throwOnTransformError is not part of the cache key (as in Powertools).
    const strict = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    await expect(
      strict.getMultiple('broken', { transform: 'json', throwOnTransformError: true }),
    ).rejects.toBeInstanceOf(TransformParameterError);
  });

  it('validates every value with a schema', async () => {
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    const Ok = z.object({ ok: z.boolean() });
    expect(await table.getMultiple('broken', { transform: 'json', schema: Ok })).toEqual({
      'a.json': undefined,
      'b.json': { ok: true },
    });
  });

  it('returns an empty record for an empty partition, without caching it', async () => {
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    expect(await table.getMultiple('none')).toEqual({});
    expect(await table.getMultiple('none')).toEqual({});
    expect(calls('Query')).toBe(2);
  });

  it('keys numeric sort keys by their text, and skips items without a sort key', async () => {
    const numbered = new DynamoDBProvider({ tableName: 'numbered', sortAttr: 'n', clientConfig: ctx.clientConfig });
    expect(await numbered.getMultiple('p')).toEqual({ 7: 'x' });
    const single = new DynamoDBProvider({ tableName: 'single', clientConfig: ctx.clientConfig });
    expect(await single.getMultiple('app')).toEqual({});
  });

  it('reads pages without Items, and stops at an empty LastEvaluatedKey instead of starting over', async () => {
    const inputs: unknown[] = [];
    const answers = [
      { LastEvaluatedKey: { id: { S: 'app' }, sk: { S: 'a' } } },
      { Items: [{ sk: { S: 'b' }, value: { S: 'B' } }], LastEvaluatedKey: {} },
    ];
    const client = {
      send: async (command: { input: unknown }) => {
        inputs.push(command.input);
        return answers.shift();
      },
    };
    const table = new DynamoDBProvider({ tableName: 'multi', awsSdkV3Client: client as never });
    expect(await table.getMultiple('app')).toEqual({ b: 'B' });
    expect(inputs).toHaveLength(2);
    expect(inputs[1]).toMatchObject({ ExclusiveStartKey: { id: { S: 'app' }, sk: { S: 'a' } } });
  });

  it('wraps a missing table in GetParameterError', async () => {
    const table = new DynamoDBProvider({ tableName: 'absent', clientConfig: ctx.clientConfig });
    const error = await table.getMultiple('app').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('serves the last good record when a refresh is throttled, and coalesces concurrent calls', async () => {
    const clock = fakeClock();
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig, now: clock.now });
    ctx.emulator.faults.add({ service: 'dynamodb', latencyMs: 20, times: 1 });
    const first = await Promise.all(Array.from({ length: 10 }, () => table.getMultiple('other')));
    expect(first.every((values) => values?.url === 'https://other.example.com')).toBe(true);
    expect(calls('Query')).toBe(1);
    clock.advance(10_000);
    ctx.emulator.faults.add({ service: 'dynamodb', throttleRate: 1, times: 1 });
    expect(await table.getMultiple('other')).toEqual({ url: 'https://other.example.com' });
    expect(table.stats()).toMatchObject({ staleServed: 1, coalesced: 9 });
  });
});
