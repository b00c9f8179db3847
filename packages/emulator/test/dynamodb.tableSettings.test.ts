import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynamoHarness, startDynamo, tableInput } from './support/dynamodb.js';
import { rejection } from './support/rejection.js';

let h: DynamoHarness;
beforeAll(async () => {
  h = await startDynamo();
});
afterAll(() => h.stop());
beforeEach(() => h.service.reset());

const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/sessions';

describe('time to live', () => {
  it('is kept and reported, and refused twice in a row as AWS refuses it', async () => {
    await h.client.send(new CreateTableCommand(tableInput('sessions', ['id', 'S'])));
    const describe = () => h.client.send(new DescribeTimeToLiveCommand({ TableName: 'sessions' }));
    expect((await describe()).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
    const enable = (Enabled: boolean) =>
      h.client.send(
        new UpdateTimeToLiveCommand({
          TableName: 'sessions',
          TimeToLiveSpecification: { Enabled, AttributeName: 'expires' },
        }),
      );
    expect((await enable(true)).TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expires' });
    expect((await describe()).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
    expect((await rejection(enable(true))).message).toBe('TimeToLive is already enabled');
    await enable(false);
    expect((await describe()).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
    expect((await rejection(enable(false))).message).toBe('TimeToLive is already disabled');
    const missing = await rejection(h.client.send(new DescribeTimeToLiveCommand({ TableName: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});

describe('tags', () => {
  it('are set by CreateTable and TagResource, replaced by key, removed by UntagResource', async () => {
    await h.client.send(
      new CreateTableCommand({ ...tableInput('sessions', ['id', 'S']), Tags: [{ Key: 'team', Value: 'core' }] }),
    );
    const list = async () => (await h.client.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))).Tags;
    expect(await list()).toEqual([{ Key: 'team', Value: 'core' }]);
    await h.client.send(
      new TagResourceCommand({
        ResourceArn: ARN,
        Tags: [
          { Key: 'env', Value: 'test' },
          { Key: 'team', Value: 'platform' },
        ],
      }),
    );
    expect(await list()).toEqual([
      { Key: 'team', Value: 'platform' },
      { Key: 'env', Value: 'test' },
    ]);
    await h.client.send(new UntagResourceCommand({ ResourceArn: ARN, TagKeys: ['team', 'absent'] }));
    expect(await list()).toEqual([{ Key: 'env', Value: 'test' }]);
  });

  it('refuse what AWS refuses', async () => {
    await h.client.send(new CreateTableCommand(tableInput('sessions', ['id', 'S'])));
    const unknown = await rejection(
      h.client.send(new ListTagsOfResourceCommand({ ResourceArn: `${ARN.slice(0, -8)}missing` })),
    );
    expect(unknown.name).toBe('ResourceNotFoundException');
    expect(unknown.message).toBe(
      'Requested resource not found: ResourcArn: arn:aws:dynamodb:us-east-1:123456789012:table/missing not found',
    );
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
    const limit = await rejection(h.client.send(new TagResourceCommand({ ResourceArn: ARN, Tags: tooMany })));
    expect(limit.name).toBe('LimitExceededException');
    const reserved = await rejection(
      h.client.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'aws:owner', Value: 'x' }] })),
    );
    expect(reserved.name).toBe('ValidationException');
    const longKey = await rejection(
      h.client.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'k'.repeat(129), Value: 'x' }] })),
    );
    expect(longKey.message).toContain('Member must have length between 1 and 128');
    const createdWithTooMany = await rejection(
      h.client.send(new CreateTableCommand({ ...tableInput('crowded', ['id', 'S']), Tags: tooMany })),
    );
    expect(createdWithTooMany.name).toBe('LimitExceededException');
    const { TableNames } = await h.client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(['sessions']);
    // Nothing was stored by the refused calls.
    expect((await h.client.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))).Tags).toEqual([]);
  });
});
