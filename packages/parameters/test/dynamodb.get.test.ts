import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { GetParameterError, ParameterNotFoundError, TransformParameterError } from '../src/errors.js';
import { useTestEmulator } from './helpers/emulator.js';

const bytes = (text: string) => new TextEncoder().encode(text);

const ctx = useTestEmulator((emulator) => {
  emulator.load({
    dynamodb: {
      tables: [
        {
          name: 'params',
          partitionKey: 'id',
          items: [
            { id: 'url', value: 'https://example.com', note: 'not projected' },
            { id: 'config', value: '{"host":"db","port":5432}' },
            { id: 'secret', value: Buffer.from('s3cr3t').toString('base64') },
            { id: 'count', value: 42 },
            { id: 'limits', value: { rps: 10, burst: [1, 2] } },
            { id: 'nothing', value: null },
            { id: 'no-value', other: 'x' },
            { id: 'broken', value: '{not json' },
          ],
        },
        { name: 'custom', partitionKey: 'pk', items: [{ pk: 'url', val: 'https://custom.example.com' }] },
        { name: 'multi', partitionKey: 'id', sortKey: 'sk' },
      ],
    },
  });
  emulator.dynamodb.putItem('params', { id: 'blob', value: bytes('{"from":"bytes"}') });
});

const calls = (operation: string) => ctx.emulator.requests.count(operation);

describe('DynamoDBProvider.get against the emulator', () => {
  it('reads the value attribute of the item keyed by name, and caches it', async () => {
    const table = new DynamoDBProvider({ tableName: 'params', clientConfig: ctx.clientConfig });
    expect(await table.get('url')).toBe('https://example.com');
    expect(await table.get('url')).toBe('https://example.com');
    expect(calls('GetItem')).toBe(1);
    expect(table.stats()).toMatchObject({ hits: 1, misses: 1, apiCalls: 1 });
  });

  it('uses custom key and value attribute names', async () => {
    const table = new DynamoDBProvider({
      tableName: 'custom',
      keyAttr: 'pk',
      valueAttr: 'val',
      clientConfig: ctx.clientConfig,
    });
    expect(await table.get('url')).toBe('https://custom.example.com');
  });

  it('returns numbers, maps and bytes unmarshalled', async () => {
    const table = new DynamoDBProvider({ tableName: 'params', clientConfig: ctx.clientConfig });
    expect(await table.get('count')).toBe(42);
    expect(await table.get('limits')).toEqual({ rps: 10, burst: [1, 2] });
    expect(await table.get('blob')).toEqual(bytes('{"from":"bytes"}'));
  });

  it('applies json, binary and function transforms to strings and bytes only', async () => {
    const table = new DynamoDBProvider({ tableName: 'params', clientConfig: ctx.clientConfig });
    expect(await table.get('config', { transform: 'json' })).toEqual({ host: 'db', port: 5432 });
    expect(await table.get('secret', { transform: 'binary' })).toBe('s3cr3t');
    expect(await table.get('blob', { transform: 'json' })).toEqual({ from: 'bytes' });
    expect(await table.get('url', { transform: (value) => String(value).length })).toBe(19);
    expect(await table.get('count', { transform: 'json' })).toBe(42);
    await expect(table.get('broken', { transform: 'json' })).rejects.toBeInstanceOf(TransformParameterError);
  });

  it('validates with a schema after the transform', async () => {
    const table = new DynamoDBProvider({ tableName: 'params', clientConfig: ctx.clientConfig });
    const Config = z.object({ host: z.string(), port: z.number() });
    expect(await table.get('config', { transform: 'json', schema: Config })).toEqual({ host: 'db', port: 5432 });
    await expect(table.get('limits', { schema: Config })).rejects.toMatchObject({ name: 'SchemaValidationError' });
  });

  it('returns undefined for a missing item, a missing value attribute or NULL', async () => {
    const table = new DynamoDBProvider({ tableName: 'params', clientConfig: ctx.clientConfig });
    expect(await table.get('missing')).toBeUndefined();
    expect(await table.get('no-value')).toBeUndefined();
    expect(await table.get('nothing')).toBeUndefined();
  });

  it('throws ParameterNotFoundError for a missing item with throwOnMissing', async () => {
    const table = new DynamoDBProvider({ tableName: 'params', clientConfig: ctx.clientConfig });
    await expect(table.get('missing', { throwOnMissing: true })).rejects.toBeInstanceOf(ParameterNotFoundError);
  });

  it('wraps a missing table in GetParameterError, even with throwOnMissing', async () => {
    const table = new DynamoDBProvider({ tableName: 'absent', clientConfig: ctx.clientConfig });
    for (const options of [undefined, { throwOnMissing: true as const }]) {
      const error = await table.get('url', options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GetParameterError);
      expect(error).not.toBeInstanceOf(ParameterNotFoundError);
      expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
    }
  });

  it('fails with a ValidationException on a table that has a sort key', async () => {
    const table = new DynamoDBProvider({ tableName: 'multi', clientConfig: ctx.clientConfig });
    await expect(table.get('url')).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ValidationException' },
    });
  });

  it('passes sdkOptions through and caches per sdkOptions', async () => {
    const table = new DynamoDBProvider({ tableName: 'params', clientConfig: ctx.clientConfig });
    expect(await table.get('url')).toBe('https://example.com');
    expect(await table.get('url', { sdkOptions: { ConsistentRead: true } })).toBe('https://example.com');
    expect(await table.get('url', { sdkOptions: { ConsistentRead: true } })).toBe('https://example.com');
    expect(calls('GetItem')).toBe(2);
    const withCapacity = { sdkOptions: { ReturnConsumedCapacity: 'TOTAL' as const } };
    expect(await table.get('url', withCapacity)).toBe('https://example.com');
  });
});

describe('DynamoDBProvider construction', () => {
  it('requires a table name', () => {
    expect(() => new DynamoDBProvider({} as never)).toThrow(TypeError);
    expect(() => new DynamoDBProvider(undefined as never)).toThrow(/tableName is required/);
    expect(() => new DynamoDBProvider({ tableName: '' })).toThrow(/tableName is required/);
  });

  it('rejects attribute names that are not non-empty strings', () => {
    expect(() => new DynamoDBProvider({ tableName: 't', keyAttr: '' })).toThrow(/keyAttr must be a non-empty/);
    expect(() => new DynamoDBProvider({ tableName: 't', sortAttr: 1 as never })).toThrow(/sortAttr/);
    expect(() => new DynamoDBProvider({ tableName: 't', valueAttr: null as never })).toThrow(/valueAttr/);
  });

  it('applies the Powertools defaults and exposes them to subclasses', () => {
    class Inspect extends DynamoDBProvider {
      layout() {
        return [this.tableName, this.keyAttr, this.sortAttr, this.valueAttr];
      }
    }
    expect(new Inspect({ tableName: 't' }).layout()).toEqual(['t', 'id', 'sk', 'value']);
    expect(new Inspect({ tableName: 't', keyAttr: 'k', sortAttr: 's', valueAttr: 'v' }).layout()).toEqual([
      't',
      'k',
      's',
      'v',
    ]);
  });

  it('uses a client given to it, or creates a DynamoDBClient on first use', async () => {
    const client = new DynamoDBClient(ctx.clientConfig);
    const given = new DynamoDBProvider({ tableName: 'params', awsSdkV3Client: client });
    expect(given.client).toBe(client);
    expect(await given.get('url')).toBe('https://example.com');
    const created = new DynamoDBProvider({ tableName: 'params', clientConfig: ctx.clientConfig });
    expect(created.client).toBeInstanceOf(DynamoDBClient);
    created.client = client;
    expect(created.client).toBe(client);
  });
});
