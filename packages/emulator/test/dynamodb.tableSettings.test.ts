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
  it('is kept and reported, refused twice in a row, on another attribute, or changed twice within an hour', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const timed = await startDynamo({ now: () => clock });
    try {
      await timed.client.send(new CreateTableCommand(tableInput('sessions', ['id', 'S'])));
      const describe = () => timed.client.send(new DescribeTimeToLiveCommand({ TableName: 'sessions' }));
      expect((await describe()).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
      const update = (Enabled: boolean, AttributeName = 'expires') =>
        timed.client.send(
          new UpdateTimeToLiveCommand({ TableName: 'sessions', TimeToLiveSpecification: { Enabled, AttributeName } }),
        );
      expect((await update(true)).TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expires' });
      expect((await describe()).TimeToLiveDescription).toEqual({
        TimeToLiveStatus: 'ENABLED',
        AttributeName: 'expires',
      });
      expect((await rejection(update(true))).message).toBe('TimeToLive is already enabled');
      for (const enabled of [true, false]) {
        expect((await rejection(update(enabled, 'other'))).message).toBe(
          'TimeToLive is active on a different AttributeName: current AttributeName is expires',
        );
      }
      clock += 59 * 60 * 1000;
      expect((await rejection(update(false))).message).toBe(
        'Time to live has been modified multiple times within a fixed interval',
      );
      clock += 60 * 1000;
      await update(false);
      expect((await describe()).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
      expect((await rejection(update(false))).message).toBe('TimeToLive is already disabled');
      const missing = await rejection(timed.client.send(new DescribeTimeToLiveCommand({ TableName: 'nope' })));
      expect(missing.name).toBe('ResourceNotFoundException');
    } finally {
      await timed.stop();
    }
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
    const tag = (Tags: { Key: string; Value: string }[]) =>
      rejection(h.client.send(new TagResourceCommand({ ResourceArn: ARN, Tags })));
    const cases: [Promise<Error>, string][] = [
      [tag(tooMany), 'Number of Tags exceed the current limit for the provided ResourceArn'],
      [tag([]), 'Atleast one Tag needs to be provided as Input.'],
      [tag([{ Key: 'aws:owner', Value: 'x' }]), 'Tag Key cannot be prefixed with aws:, Key: aws:owner'],
      [tag([{ Key: 'k'.repeat(129), Value: 'x' }]), `The Tag Key provided is invalid, Key: ${'k'.repeat(129)}`],
      [tag([{ Key: 'a#b', Value: 'x' }]), 'The Tag Key provided is invalid, Key: a#b'],
      [tag([{ Key: 'ok', Value: 'v'.repeat(257) }]), `The Tag Value provided is invalid, Value: ${'v'.repeat(257)}`],
      [
        tag([
          { Key: 'k1', Value: 'a' },
          { Key: 'k1', Value: 'b' },
        ]),
        'Duplicate Tag Keys provided as input: Duplicate Tag Key found k1',
      ],
      [
        rejection(h.client.send(new UntagResourceCommand({ ResourceArn: ARN, TagKeys: [] }))),
        'Atleast one Tag Key needs to be provided as Input.',
      ],
      [
        rejection(h.client.send(new CreateTableCommand({ ...tableInput('crowded', ['id', 'S']), Tags: tooMany }))),
        'Number of Tags exceed the current limit for the provided ResourceArn',
      ],
    ];
    for (const [refusal, message] of cases) {
      const error = await refusal;
      expect(error.name, message).toBe('ValidationException');
      expect(error.message).toBe(message);
    }
    // Letters of any script, digits, spaces and `_.:/=+-@` are taken.
    await h.client.send(
      new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'équipe 1/a=b+c-d@e_f.g:h', Value: '' }] }),
    );
    await h.client.send(new UntagResourceCommand({ ResourceArn: ARN, TagKeys: ['équipe 1/a=b+c-d@e_f.g:h'] }));
    const { TableNames } = await h.client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(['sessions']);
    // Nothing was stored by the refused calls.
    expect((await h.client.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))).Tags).toEqual([]);
  });
});
