import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import type { JSONValue } from '../src/index.js';
import type { DynamoDBGetMultipleOutput, DynamoDBGetOutput } from '../src/types/DynamoDBProvider.js';

const table = new DynamoDBProvider({ tableName: 'config' });
type Config = { host: string; port: number };
const Config = z.object({ host: z.string(), port: z.number() });

describe('DynamoDBProvider construction types', () => {
  it('requires a table name and takes a client or a client config, not both', () => {
    expectTypeOf(table.client).toEqualTypeOf<DynamoDBClient>();
    new DynamoDBProvider({ tableName: 't', keyAttr: 'k', sortAttr: 's', valueAttr: 'v', maxEntries: 10 });
    // @ts-expect-error tableName is required
    new DynamoDBProvider({ keyAttr: 'k' });
    // @ts-expect-error clientConfig and awsSdkV3Client exclude each other
    new DynamoDBProvider({ tableName: 't', clientConfig: {}, awsSdkV3Client: table.client });
  });
});

describe('DynamoDBProvider.get return types', () => {
  it('is a JSON value | undefined by default, as in Powertools', () => {
    expectTypeOf(table.get('a')).resolves.toEqualTypeOf<JSONValue | undefined>();
    expectTypeOf(table.get('a', { maxAge: 10, sdkOptions: { ConsistentRead: true } })).resolves.toEqualTypeOf<
      JSONValue | undefined
    >();
  });

  it('is a JSON value for json and a string for binary', () => {
    expectTypeOf(table.get('a', { transform: 'json' })).resolves.toEqualTypeOf<JSONValue | undefined>();
    expectTypeOf(table.get('a', { transform: 'binary' })).resolves.toEqualTypeOf<string | undefined>();
  });

  it('drops undefined with throwOnMissing: true', () => {
    expectTypeOf(table.get('a', { throwOnMissing: true })).resolves.toEqualTypeOf<JSONValue>();
    expectTypeOf(table.get('a', { transform: 'binary', throwOnMissing: true })).resolves.toEqualTypeOf<string>();
    expectTypeOf(table.get('a', { throwOnMissing: false })).resolves.toEqualTypeOf<JSONValue | undefined>();
  });

  it('takes an explicit type argument, still honouring throwOnMissing', () => {
    expectTypeOf(table.get<Config>('a', { transform: 'json' })).resolves.toEqualTypeOf<Config | undefined>();
    expectTypeOf(table.get<Config>('a', { transform: 'json', throwOnMissing: true })).resolves.toEqualTypeOf<Config>();
    expectTypeOf(table.get<number>('a')).resolves.toEqualTypeOf<number | undefined>();
  });

  it('returns a schema’s output type, and a transform function’s return type', () => {
    expectTypeOf(table.get('a', { transform: 'json', schema: Config })).resolves.toEqualTypeOf<Config | undefined>();
    expectTypeOf(table.get('a', { schema: Config, throwOnMissing: true })).resolves.toEqualTypeOf<Config>();
    expectTypeOf(table.get('a', { transform: (value) => value.length })).resolves.toEqualTypeOf<number | undefined>();
  });

  it('rejects options of the wrong shape', () => {
    // @ts-expect-error 'auto' is for getMultiple only
    table.get('a', { transform: 'auto' });
    // @ts-expect-error the key is the provider's
    table.get('a', { sdkOptions: { Key: {} } });
    // @ts-expect-error the projection is the provider's
    table.get('a', { sdkOptions: { ProjectionExpression: '#v' } });
  });

  it('exports the output type for helpers of your own', () => {
    expectTypeOf<DynamoDBGetOutput>().toEqualTypeOf<JSONValue>();
    expectTypeOf<DynamoDBGetOutput<Config>>().toEqualTypeOf<Config>();
  });
});

describe('DynamoDBProvider.getMultiple return types', () => {
  it('is a record of JSON values by default and for json and auto', () => {
    expectTypeOf(table.getMultiple('app')).resolves.toEqualTypeOf<Record<string, JSONValue> | undefined>();
    expectTypeOf(table.getMultiple('app', { sdkOptions: { Limit: 10 } })).resolves.toEqualTypeOf<
      Record<string, JSONValue> | undefined
    >();
    expectTypeOf(table.getMultiple('app', { transform: 'json' })).resolves.toEqualTypeOf<
      Record<string, JSONValue> | undefined
    >();
    expectTypeOf(table.getMultiple('app', { transform: 'auto' })).resolves.toEqualTypeOf<
      Record<string, JSONValue> | undefined
    >();
  });

  it('is a record of strings for binary, and of a transform function’s return type', () => {
    expectTypeOf(table.getMultiple('app', { transform: 'binary' })).resolves.toEqualTypeOf<
      Record<string, string> | undefined
    >();
    expectTypeOf(table.getMultiple('app', { transform: () => 1 })).resolves.toEqualTypeOf<
      Record<string, number> | undefined
    >();
    // A parameter typed from context: the options type must still be inferred, not fixed to its default.
    expectTypeOf(table.getMultiple('app', { transform: (value) => String(value) })).resolves.toEqualTypeOf<
      Record<string, string> | undefined
    >();
  });

  it('takes an explicit value type or a schema', () => {
    expectTypeOf(table.getMultiple<number>('app')).resolves.toEqualTypeOf<Record<string, number> | undefined>();
    expectTypeOf(table.getMultiple('app', { transform: 'auto', schema: Config })).resolves.toEqualTypeOf<
      Record<string, Config> | undefined
    >();
    expectTypeOf<DynamoDBGetMultipleOutput<Config>>().toEqualTypeOf<Record<string, Config>>();
  });

  it('rejects options of the wrong shape', () => {
    // @ts-expect-error throwOnTransformError is a boolean
    table.getMultiple('app', { throwOnTransformError: 'yes' });
    // @ts-expect-error transform names are json, binary and auto
    table.getMultiple('app', { transform: 'yaml' });
  });
});
