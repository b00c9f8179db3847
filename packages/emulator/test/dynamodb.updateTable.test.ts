import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  QueryCommand,
  UpdateTableCommand,
  type UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynamoHarness, startDynamo, tableInput } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

let h: DynamoHarness;
beforeAll(async () => {
  h = await startDynamo();
});
afterAll(() => h.stop());
beforeEach(() => h.service.reset());

const byOwner = {
  IndexName: 'byOwner',
  KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' as const }],
  Projection: { ProjectionType: 'ALL' as const },
};
const update = (input: Omit<UpdateTableCommandInput, 'TableName'>) =>
  h.client.send(new UpdateTableCommand({ TableName: 'docs', ...input }));
const ofAnn = () =>
  h.client.send(
    new QueryCommand({
      TableName: 'docs',
      IndexName: 'byOwner',
      KeyConditionExpression: '#o = :o',
      ExpressionAttributeNames: { '#o': 'owner' },
      ExpressionAttributeValues: marshall({ ':o': 'ann' }),
    }),
  );

async function docs(): Promise<void> {
  await h.client.send(new CreateTableCommand(tableInput('docs', ['id', 'S'])));
  for (const item of [
    { id: 'a', owner: 'ann' },
    { id: 'b', owner: 'bob' },
    { id: 'c', owner: 7 }, // not a string: left out of a string-keyed index, as AWS's backfill leaves it
    { id: 'd' },
  ]) {
    await h.client.send(new PutItemCommand({ TableName: 'docs', Item: marshall(item) }));
  }
}

describe('UpdateTable', () => {
  it('creates a global index over the items already there, and deletes it', async () => {
    await docs();
    const created = await update({
      AttributeDefinitions: [{ AttributeName: 'owner', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: byOwner }],
    });
    expect(created.TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'byOwner',
      IndexStatus: 'ACTIVE',
      ItemCount: 2,
    });
    expect(created.TableDescription?.AttributeDefinitions?.map((d) => d.AttributeName)).toEqual(['id', 'owner']);
    expect((await ofAnn()).Items?.map((item) => unmarshall(item))).toEqual([{ id: 'a', owner: 'ann' }]);
    // From now on writes are checked against the index's key type.
    const wrong = await rejection(
      h.client.send(new PutItemCommand({ TableName: 'docs', Item: marshall({ id: 'e', owner: 1 }) })),
    );
    expect(wrong.message).toContain('Type mismatch for Index Key owner Expected: S Actual: N IndexName: byOwner');
    await update({ GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byOwner' } }] });
    const { Table } = await h.client.send(new DescribeTableCommand({ TableName: 'docs' }));
    expect(Table?.GlobalSecondaryIndexes).toBeUndefined();
    expect((await rejection(ofAnn())).message).toBe('The table does not have the specified index: byOwner');
    await h.client.send(new PutItemCommand({ TableName: 'docs', Item: marshall({ id: 'e', owner: 1 }) }));
  });

  it('changes the billing mode and throughput', async () => {
    await docs();
    const provisioned = await update({
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
    });
    expect(provisioned.TableDescription?.ProvisionedThroughput).toMatchObject({
      ReadCapacityUnits: 5,
      WriteCapacityUnits: 2,
    });
    const same = await rejection(update({ ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 } }));
    expect(same.message).toContain('The provisioned throughput for the table will not change');
    const withoutIndexThroughput = await rejection(
      update({
        AttributeDefinitions: [{ AttributeName: 'owner', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: byOwner }],
      }),
    );
    expect(withoutIndexThroughput.message).toContain('ProvisionedThroughput must be specified for index: byOwner');
    // Created on demand, now provisioned: the summary stays, naming the creation as the switch to on demand.
    expect(provisioned.TableDescription?.BillingModeSummary).toEqual({
      BillingMode: 'PROVISIONED',
      LastUpdateToPayPerRequestDateTime: provisioned.TableDescription?.CreationDateTime,
    });
    const down = await update({ ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 2 } });
    expect(down.TableDescription?.ProvisionedThroughput).toMatchObject({
      NumberOfDecreasesToday: 1,
      LastDecreaseDateTime: expect.any(Date),
    });
    const up = await update({ ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 9 } });
    expect(up.TableDescription?.ProvisionedThroughput).toMatchObject({
      NumberOfDecreasesToday: 1,
      LastIncreaseDateTime: expect.any(Date),
    });
    const onDemand = await update({ BillingMode: 'PAY_PER_REQUEST' });
    expect(onDemand.TableDescription?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const switchedAt = onDemand.TableDescription?.BillingModeSummary?.LastUpdateToPayPerRequestDateTime;
    const createdAt = onDemand.TableDescription?.CreationDateTime;
    expect(switchedAt).toBeInstanceOf(Date);
    expect(createdAt).toBeInstanceOf(Date);
    expect((switchedAt as Date).getTime()).toBeGreaterThanOrEqual((createdAt as Date).getTime());
  });

  it('refuses what AWS refuses, changing nothing', async () => {
    await docs();
    const definitions = [
      { AttributeName: 'owner', AttributeType: 'S' as const },
      { AttributeName: 'kind', AttributeType: 'S' as const },
    ];
    const cases: [Omit<UpdateTableCommandInput, 'TableName'>, string, string][] = [
      [{}, 'ValidationException', 'At least one of ProvisionedThroughput, BillingMode'],
      [
        {
          AttributeDefinitions: definitions,
          GlobalSecondaryIndexUpdates: [
            { Create: byOwner },
            { Create: { ...byOwner, IndexName: 'byKind', KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }] } },
          ],
        },
        'LimitExceededException',
        'Only 1 online index can be created or deleted simultaneously per table',
      ],
      [
        { GlobalSecondaryIndexUpdates: [{ Create: byOwner }] },
        'ValidationException',
        'Some index key attributes are not defined in AttributeDefinitions. Keys: [owner]',
      ],
      [{ GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'nope' } }] }, 'ResourceNotFoundException', 'nope'],
      [
        {
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
          GlobalSecondaryIndexUpdates: [{ Create: byOwner }],
        },
        'ValidationException',
        'Attribute id is already defined with type S',
      ],
      [
        { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } },
        'ValidationException',
        'StreamSpecification',
      ],
    ];
    for (const [input, name, message] of cases) {
      const error = await rejection(update(input));
      expect(error.name, message).toBe(name);
      expect(error.message).toContain(message);
    }
    const { Table } = await h.client.send(new DescribeTableCommand({ TableName: 'docs' }));
    expect(Table?.GlobalSecondaryIndexes).toBeUndefined();
    const missing = await rejection(
      h.client.send(new UpdateTableCommand({ TableName: 'nope', BillingMode: 'PAY_PER_REQUEST' })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('refuses the combinations and no-ops AWS refuses on a provisioned table with indexes', async () => {
    await h.client.send(
      new CreateTableCommand({
        ...tableInput('docs', ['id', 'S'], ['v', 'N']),
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'v', AttributeType: 'N' },
          { AttributeName: 'owner', AttributeType: 'S' },
          { AttributeName: 'at', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          { ...byOwner, ProvisionedThroughput: { ReadCapacityUnits: 6, WriteCapacityUnits: 6 } },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'byAt',
            KeySchema: [
              { AttributeName: 'id', KeyType: 'HASH' },
              { AttributeName: 'at', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
    const six = { ReadCapacityUnits: 6, WriteCapacityUnits: 6 };
    const cases: [Omit<UpdateTableCommandInput, 'TableName'>, string][] = [
      [
        { DeletionProtectionEnabled: true, ProvisionedThroughput: { ReadCapacityUnits: 9, WriteCapacityUnits: 9 } },
        'DeletionProtection modification must be the only operation in the request',
      ],
      [{ BillingMode: 'PROVISIONED' }, 'ProvisionedThroughput must be specified when BillingMode is PROVISIONED'],
      [
        { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
        'The provisioned throughput for the table will not change',
      ],
      [
        { GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'byOwner', ProvisionedThroughput: six } }] },
        'The provisioned throughput for the index byOwner will not change',
      ],
      [
        {
          ProvisionedThroughput: { ReadCapacityUnits: 9, WriteCapacityUnits: 9 },
          GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byOwner' } }],
        },
        'You cannot create or delete index while updating table IOPS',
      ],
      [
        {
          GlobalSecondaryIndexUpdates: [
            {
              Update: { IndexName: 'byOwner', ProvisionedThroughput: { ReadCapacityUnits: 7, WriteCapacityUnits: 7 } },
            },
            {
              Update: { IndexName: 'byOwner', ProvisionedThroughput: { ReadCapacityUnits: 8, WriteCapacityUnits: 8 } },
            },
          ],
        },
        'Only one global secondary index update per index is allowed simultaneously. Index: byOwner',
      ],
      [
        { GlobalSecondaryIndexUpdates: [{ Create: { ...byOwner, ProvisionedThroughput: six } }] },
        'Attempting to create an index which already exists',
      ],
      [
        { GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byAt' } }] },
        'Cannot delete an index that is not a GlobalSecondaryIndex: byAt',
      ],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(update(input));
      expect(error.name, message).toBe('ValidationException');
      expect(error.message).toContain(message);
    }
    // On demand and back: the index's old throughput does not come back by itself.
    await update({ BillingMode: 'PAY_PER_REQUEST' });
    const back = await rejection(
      update({ BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 8, WriteCapacityUnits: 8 } }),
    );
    expect(back.message).toContain('ProvisionedThroughput must be specified for index: byOwner');
    const onDemandIndex = await rejection(
      update({ GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'byOwner', ProvisionedThroughput: six } }] }),
    );
    expect(onDemandIndex.message).toContain(
      'The only Updates for index: byOwner when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput',
    );
  });

  it('keeps a table with deletion protection from DeleteTable until it is turned off', async () => {
    await h.client.send(
      new CreateTableCommand({ ...tableInput('docs', ['id', 'S']), DeletionProtectionEnabled: true }),
    );
    const refused = await rejection(h.client.send(new DeleteTableCommand({ TableName: 'docs' })));
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toBe(
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    );
    const turnedOff = await update({ DeletionProtectionEnabled: false });
    expect(turnedOff.TableDescription?.DeletionProtectionEnabled).toBe(false);
    await h.client.send(new DeleteTableCommand({ TableName: 'docs' }));
  });
});
