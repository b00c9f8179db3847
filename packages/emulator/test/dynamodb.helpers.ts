import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EmulatorCore } from '../src/core/emulator.js';
import { close, listen } from '../src/core/nodeAdapter.js';
import { DynamoDbService } from '../src/services/dynamodb.js';

/** A DynamoDB emulator served over HTTP, with a real SDK client pointed at it. */
export interface DynamoHarness {
  readonly core: EmulatorCore;
  readonly service: DynamoDbService;
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

/** An SDK client for `endpoint` that fails fast (no retries), so tests see each error as sent. */
export function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
}

/**
 * Starts an emulator with only the DynamoDB service on a free loopback port (until the lead wires the service
 * into `createEmulator`, the tests register it on a bare core).
 */
export async function startDynamo(options: { now?: () => number } = {}): Promise<DynamoHarness> {
  const core = new EmulatorCore(options);
  const service = core.register(new DynamoDbService(core.context));
  const { server, port } = await listen((request) => core.handle(request), 0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${port}`;
  const client = clientFor(endpoint);
  return {
    core,
    service,
    endpoint,
    client,
    async stop() {
      client.destroy();
      await close(server);
    },
  };
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** Sends a raw JSON 1.0 DynamoDB request, for inputs the SDK would never produce. */
export async function rawDynamoRequest(
  endpoint: string,
  operation: string,
  body: string,
): Promise<{ status: number; contentType: string | null; json: Record<string, unknown> }> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    json: (await response.json()) as Record<string, unknown>,
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
