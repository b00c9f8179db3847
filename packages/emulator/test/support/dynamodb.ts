import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type PutItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeEach } from 'vitest';
import type { EmulatorOptions } from '../../src/core/emulator.js';
import { DynamoDbService } from '../../src/services/dynamodb.js';
import { clientConfig } from './clientConfig.js';
import { type ServedService, serveService } from './serveService.js';
import { useHarness } from './useHarness.js';

/** A DynamoDB emulator served over HTTP, with a real SDK client pointed at it. */
export interface DynamoHarness extends ServedService<DynamoDbService> {
  readonly client: DynamoDBClient;
}

/** An SDK client for `endpoint` that fails fast (no retries), so tests see each error as sent. */
export function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient(clientConfig(endpoint));
}

/**
 * Starts an emulator with only the DynamoDB service on a free loopback port (until the lead wires the service
 * into `createEmulator`, the tests register it on a bare core).
 */
export async function startDynamo(options: Pick<EmulatorOptions, 'now'> = {}): Promise<DynamoHarness> {
  const served = await serveService((context) => new DynamoDbService(context), options);
  const client = clientFor(served.endpoint);
  return {
    ...served,
    client,
    async stop() {
      client.destroy();
      await served.stop();
    },
  };
}

/** A CreateTable input for an on-demand table with a partition key and an optional sort key. */
export function tableInput(
  name: string,
  partition: [string, 'S' | 'N' | 'B'],
  sort?: [string, 'S' | 'N' | 'B'],
): {
  TableName: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  BillingMode: 'PAY_PER_REQUEST';
} {
  const keys = sort ? [partition, sort] : [partition];
  return {
    TableName: name,
    KeySchema: keys.map(([AttributeName], i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: keys.map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/**
 * A DynamoDB harness for the tests of this file, with the table `config` (string keys `id` and `sk`) created afresh
 * before each test, and shortcuts to put and get items (in `config` unless told otherwise).
 */
export function useConfigTable() {
  const h = useHarness(() => startDynamo());
  beforeEach(async () => {
    h.service.reset();
    await h.client.send(new CreateTableCommand(tableInput('config', ['id', 'S'], ['sk', 'S'])));
  });
  const put = (input: Omit<PutItemCommandInput, 'TableName'>, table = 'config') =>
    h.client.send(new PutItemCommand({ TableName: table, ...input }));
  const get = async (key: Record<string, unknown>, table = 'config') =>
    (await h.client.send(new GetItemCommand({ TableName: table, Key: marshall(key) }))).Item;
  return { h, put, get };
}
