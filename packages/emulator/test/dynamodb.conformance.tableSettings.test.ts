import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { it } from 'vitest';
import { tableInput } from './support/dynamodb.js';
import { describeConformance } from './support/dynamodbConformance.js';

const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/c_settings';

// Time to live and tags, compared with moto (see support/dynamodbConformance.ts). moto sets time to live again
// without complaint and lists a re-tagged key twice, where AWS refuses the first and replaces the second: those
// cases are covered by dynamodb.tableSettings.test.ts, not here.
describeConformance('DynamoDB conformance against moto: time to live and tags', (conform) => {
  it('keeps time to live and tags as AWS does', async () => {
    await conform([
      [
        'create with tags',
        (c) =>
          c.send(
            new CreateTableCommand({
              ...tableInput('c_settings', ['id', 'S']),
              Tags: [{ Key: 'team', Value: 'core' }],
            }),
          ),
      ],
      ['list tags', (c) => c.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))],
      [
        'tag',
        (c) =>
          c.send(
            new TagResourceCommand({
              ResourceArn: ARN,
              Tags: [
                { Key: 'env', Value: 'test' },
                { Key: 'cost', Value: '' },
              ],
            }),
          ),
      ],
      ['list after tagging', (c) => c.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))],
      ['untag', (c) => c.send(new UntagResourceCommand({ ResourceArn: ARN, TagKeys: ['team', 'absent'] }))],
      ['list after untagging', (c) => c.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))],
      [
        'list tags of a missing table',
        (c) => c.send(new ListTagsOfResourceCommand({ ResourceArn: `${ARN}-missing` })),
        'fails',
      ],
      ['time to live, never set', (c) => c.send(new DescribeTimeToLiveCommand({ TableName: 'c_settings' }))],
      [
        'enable time to live',
        (c) =>
          c.send(
            new UpdateTimeToLiveCommand({
              TableName: 'c_settings',
              TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' },
            }),
          ),
      ],
      ['time to live, enabled', (c) => c.send(new DescribeTimeToLiveCommand({ TableName: 'c_settings' }))],
    ]);
  });
});
