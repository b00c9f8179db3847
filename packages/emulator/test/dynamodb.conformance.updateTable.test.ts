import {
  CreateTableCommand,
  DeleteTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateTableCommand,
  type UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { it } from 'vitest';
import { tableInput } from './support/dynamodb.js';
import { describeConformance } from './support/dynamodbConformance.js';

const update = (input: Omit<UpdateTableCommandInput, 'TableName'>) => async (client: DynamoDBClient) => {
  const { TableDescription: table } = await client.send(new UpdateTableCommand({ TableName: 'c_update', ...input }));
  // Compared on what both describe: moto leaves index counts and ARNs out, and replaces AttributeDefinitions with
  // the ones sent where AWS adds them to the table's (dynamodb.updateTable.test.ts checks those).
  const indexes = (table?.GlobalSecondaryIndexes ?? []).map(({ IndexName, KeySchema, Projection }) => ({
    IndexName,
    KeySchema,
    Projection,
  }));
  return { indexes, DeletionProtectionEnabled: table?.DeletionProtectionEnabled };
};
const byOwner = {
  IndexName: 'byOwner',
  KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' as const }],
  Projection: { ProjectionType: 'KEYS_ONLY' as const },
};

// UpdateTable, compared with moto (see support/dynamodbConformance.ts).
describeConformance('DynamoDB conformance against moto: UpdateTable', (conform) => {
  it('adds and drops a global index over existing items and guards deletion', async () => {
    await conform([
      ['create', (c) => c.send(new CreateTableCommand(tableInput('c_update', ['id', 'S'])))],
      [
        'put',
        async (c) => {
          for (const item of [{ id: 'a', owner: 'ann', n: 1 }, { id: 'b', owner: 'bob' }, { id: 'c' }]) {
            await c.send(new PutItemCommand({ TableName: 'c_update', Item: marshall(item) }));
          }
        },
      ],
      [
        'add an index',
        update({
          AttributeDefinitions: [{ AttributeName: 'owner', AttributeType: 'S' }],
          GlobalSecondaryIndexUpdates: [{ Create: byOwner }],
        }),
      ],
      [
        'query the new index',
        (c) =>
          c.send(
            new QueryCommand({
              TableName: 'c_update',
              IndexName: 'byOwner',
              KeyConditionExpression: '#o = :o',
              ExpressionAttributeNames: { '#o': 'owner' },
              ExpressionAttributeValues: marshall({ ':o': 'ann' }),
            }),
          ),
      ],
      ['scan the new index', (c) => c.send(new ScanCommand({ TableName: 'c_update', IndexName: 'byOwner' }))],
      ['drop the index', update({ GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byOwner' } }] })],
      [
        'scan the dropped index',
        (c) => c.send(new ScanCommand({ TableName: 'c_update', IndexName: 'byOwner' })),
        'fails',
      ],
      ['protect from deletion', update({ DeletionProtectionEnabled: true })],
      ['delete a protected table', (c) => c.send(new DeleteTableCommand({ TableName: 'c_update' })), 'fails'],
      ['unprotect', update({ DeletionProtectionEnabled: false })],
      [
        'delete',
        async (c) => {
          await c.send(new DeleteTableCommand({ TableName: 'c_update' }));
        },
      ],
    ]);
  });
});
