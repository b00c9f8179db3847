import * as appConfigModel from '@aws-sdk/client-appconfigdata';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import * as dynamoModel from '@aws-sdk/client-dynamodb';
import {
  BatchExecuteStatementCommand,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeLimitsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TagResourceCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UntagResourceCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { TARGETS } from './support/attackArbitraries.js';
import { clientConfig } from './support/clientConfig.js';
import { answerOffModel } from './support/modelShape.js';
import { answersOf, recordAnswers } from './support/recordAnswers.js';
import { useHarness } from './support/useHarness.js';

// As answers.model.test.ts, for DynamoDB and AppConfigData: every raw answer, member by member, against the model.

/** The operations the emulator implements (the attack suite's list); each is answered at least once. */
const DYNAMODB_OPERATIONS = TARGETS.DynamoDB_20120810 ?? [];

const emulator = useHarness(() => startEmulator({ now: () => Date.UTC(2025, 0, 2, 3, 4, 5) }));
beforeEach(() => emulator.reset());

const THINGS_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/things';

describe('member names of the answers, against the AWS model', () => {
  it('DynamoDB: every operation, success and error', async () => {
    const client = new DynamoDBClient(clientConfig(emulator.endpoint));
    const answers = recordAnswers(client);
    const key = (sk: string) => marshall({ id: 'a', sk });
    const recorded = await answersOf(answers, [
      () =>
        client.send(
          new CreateTableCommand({
            TableName: 'things',
            KeySchema: [
              { AttributeName: 'id', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
            AttributeDefinitions: [
              { AttributeName: 'id', AttributeType: 'S' },
              { AttributeName: 'sk', AttributeType: 'S' },
            ],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        ),
      () =>
        client.send(
          new CreateTableCommand({
            TableName: 'provisioned',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
          }),
        ),
      () =>
        client.send(
          new CreateTableCommand({
            TableName: 'indexed',
            KeySchema: [
              { AttributeName: 'id', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
            AttributeDefinitions: [
              { AttributeName: 'id', AttributeType: 'S' },
              { AttributeName: 'sk', AttributeType: 'S' },
              { AttributeName: 'g', AttributeType: 'S' },
            ],
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
            GlobalSecondaryIndexes: [
              {
                IndexName: 'byG',
                KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
                Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['n'] },
                ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
              },
            ],
            LocalSecondaryIndexes: [
              {
                IndexName: 'byLocalG',
                KeySchema: [
                  { AttributeName: 'id', KeyType: 'HASH' },
                  { AttributeName: 'g', KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'KEYS_ONLY' },
              },
            ],
          }),
        ),
      () =>
        client.send(new PutItemCommand({ TableName: 'indexed', Item: marshall({ id: 'a', sk: 'b', g: 'x', n: 1 }) })),
      () => client.send(new DescribeTableCommand({ TableName: 'indexed' })),
      () =>
        client.send(
          new PutItemCommand({
            TableName: 'indexed',
            Item: marshall({ id: 'a', sk: 'c', g: 'y' }),
            ReturnItemCollectionMetrics: 'SIZE',
          }),
        ),
      () =>
        client.send(
          new BatchWriteItemCommand({
            RequestItems: { indexed: [{ PutRequest: { Item: marshall({ id: 'b', sk: 'c' }) } }] },
            ReturnItemCollectionMetrics: 'SIZE',
          }),
        ),
      () =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [{ Put: { TableName: 'indexed', Item: marshall({ id: 'c', sk: 'c' }) } }],
            ReturnItemCollectionMetrics: 'SIZE',
          }),
        ),
      () =>
        client.send(
          new QueryCommand({
            TableName: 'indexed',
            IndexName: 'byG',
            KeyConditionExpression: 'g = :g',
            ExpressionAttributeValues: marshall({ ':g': 'x' }),
            Limit: 1,
            ReturnConsumedCapacity: 'INDEXES',
          }),
        ),
      () =>
        client.send(
          new ScanCommand({ TableName: 'indexed', IndexName: 'byLocalG', ReturnConsumedCapacity: 'INDEXES' }),
        ),
      () => client.send(new ScanCommand({ TableName: 'indexed', IndexName: 'nope' })),
      () => client.send(new DescribeTableCommand({ TableName: 'things' })),
      () => client.send(new DescribeTableCommand({ TableName: 'provisioned' })),
      () => client.send(new DescribeTableCommand({ TableName: 'missing' })),
      () => client.send(new ListTablesCommand({ Limit: 1 })),
      () => client.send(new DescribeLimitsCommand({})),
      () =>
        client.send(
          new ExecuteStatementCommand({
            Statement: `SELECT * FROM indexed WHERE id = ?`,
            Parameters: [{ S: 'a' }],
            Limit: 1,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      () => client.send(new ExecuteStatementCommand({ Statement: `INSERT INTO indexed VALUE {'id': 'a', 'sk': 'b'}` })),
      () =>
        client.send(
          new ExecuteStatementCommand({
            Statement: `UPDATE indexed SET n = 1 WHERE id = 'a' AND sk = 'b' AND n = 2`,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      () =>
        client.send(
          new BatchExecuteStatementCommand({
            Statements: [
              { Statement: `SELECT * FROM indexed WHERE id = 'a' AND sk = 'b'` },
              { Statement: `SELECT * FROM indexed WHERE id = 'a'` },
            ],
          }),
        ),
      () =>
        client.send(
          new ExecuteTransactionCommand({
            TransactStatements: [{ Statement: `INSERT INTO indexed VALUE {'id': 'a', 'sk': 'b'}` }],
          }),
        ),
      () =>
        client.send(
          new ExecuteTransactionCommand({
            TransactStatements: [{ Statement: `SELECT * FROM indexed WHERE id = 'a' AND sk = 'b'` }],
          }),
        ),
      () =>
        client.send(
          new UpdateTableCommand({
            TableName: 'indexed',
            AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'N' }],
            GlobalSecondaryIndexUpdates: [
              {
                Create: {
                  IndexName: 'byH',
                  KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }],
                  Projection: { ProjectionType: 'KEYS_ONLY' },
                  ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
                },
              },
            ],
          }),
        ),
      () => client.send(new UpdateTableCommand({ TableName: 'indexed', DeletionProtectionEnabled: true })),
      () => client.send(new DeleteTableCommand({ TableName: 'indexed' })),
      () => client.send(new UpdateTableCommand({ TableName: 'indexed' })),
      () => client.send(new DescribeTimeToLiveCommand({ TableName: 'things' })),
      () =>
        client.send(
          new UpdateTimeToLiveCommand({
            TableName: 'things',
            TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' },
          }),
        ),
      () => client.send(new DescribeTimeToLiveCommand({ TableName: 'things' })),
      () => client.send(new TagResourceCommand({ ResourceArn: THINGS_ARN, Tags: [{ Key: 'team', Value: 'core' }] })),
      () => client.send(new ListTagsOfResourceCommand({ ResourceArn: THINGS_ARN })),
      () => client.send(new UntagResourceCommand({ ResourceArn: THINGS_ARN, TagKeys: ['team'] })),
      () => client.send(new ListTagsOfResourceCommand({ ResourceArn: `${THINGS_ARN}x` })),
      ...['b', 'c', 'd'].map(
        (sk) => () =>
          client.send(
            new PutItemCommand({
              TableName: 'things',
              Item: { ...key(sk), ...marshall({ n: 1, list: [1, 'x', { m: true }], set: new Set(['p', 'q']) }) },
              ReturnConsumedCapacity: 'TOTAL',
            }),
          ),
      ),
      () => client.send(new PutItemCommand({ TableName: 'things', Item: key('b'), ReturnValues: 'ALL_OLD' })),
      () =>
        client.send(
          new PutItemCommand({
            TableName: 'things',
            Item: key('c'),
            ConditionExpression: 'attribute_not_exists(id)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      () => client.send(new GetItemCommand({ TableName: 'things', Key: key('c'), ReturnConsumedCapacity: 'TOTAL' })),
      () => client.send(new GetItemCommand({ TableName: 'things', Key: key('zz') })),
      () =>
        client.send(
          new QueryCommand({
            TableName: 'things',
            KeyConditionExpression: 'id = :id',
            ExpressionAttributeValues: marshall({ ':id': 'a' }),
            Limit: 1,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      () => client.send(new QueryCommand({ TableName: 'things', KeyConditionExpression: 'id = :nope' })),
      () => client.send(new ScanCommand({ TableName: 'things', Select: 'COUNT' })),
      () => client.send(new ScanCommand({ TableName: 'things', Limit: 2, ReturnConsumedCapacity: 'INDEXES' })),
      () => client.send(new DeleteItemCommand({ TableName: 'things', Key: key('d'), ReturnValues: 'ALL_OLD' })),
      () =>
        client.send(
          new BatchWriteItemCommand({
            RequestItems: { things: [{ PutRequest: { Item: key('e') } }, { DeleteRequest: { Key: key('b') } }] },
            ReturnConsumedCapacity: 'INDEXES',
          }),
        ),
      () =>
        client.send(
          new BatchGetItemCommand({
            RequestItems: { things: { Keys: [key('c'), key('e')] } },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      () => client.send(new BatchGetItemCommand({ RequestItems: { missing: { Keys: [key('c')] } } })),
      () =>
        client.send(
          new UpdateItemCommand({
            TableName: 'things',
            Key: key('c'),
            UpdateExpression: 'SET #n = if_not_exists(#n, :zero) + :one',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' } },
            ReturnValues: 'UPDATED_NEW',
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      () =>
        client.send(
          new UpdateItemCommand({
            TableName: 'things',
            Key: key('c'),
            UpdateExpression: 'SET a = b',
            ReturnValues: 'ALL_NEW',
          }),
        ),
      () =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: 'things', Item: key('t1') } },
              { ConditionCheck: { TableName: 'things', Key: key('c'), ConditionExpression: 'attribute_exists(id)' } },
            ],
            ReturnConsumedCapacity: 'INDEXES',
          }),
        ),
      () =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: 'things',
                  Key: key('c'),
                  ConditionExpression: 'attribute_not_exists(id)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
            ],
          }),
        ),
      () =>
        client.send(
          new TransactGetItemsCommand({
            TransactItems: [
              { Get: { TableName: 'things', Key: key('c') } },
              { Get: { TableName: 'things', Key: key('zz') } },
            ],
          }),
        ),
      () => client.send(new DeleteTableCommand({ TableName: 'provisioned' })),
      () => client.send(new DeleteTableCommand({ TableName: 'missing' })),
    ]);
    client.destroy();
    expect(new Set(recorded.filter((a) => a.status === 200).map((a) => a.operation))).toEqual(
      new Set(DYNAMODB_OPERATIONS),
    );
    expect(recorded.filter((a) => a.errorType !== undefined).map((a) => a.errorType)).toEqual(
      expect.arrayContaining([
        'ResourceNotFoundException',
        'ConditionalCheckFailedException',
        'ValidationException',
        'TransactionCanceledException',
      ]),
    );
    expect(recorded.flatMap((answer) => answerOffModel(dynamoModel, answer))).toEqual([]);
  });

  it('AppConfigData: sessions, polls and every kind of error', async () => {
    emulator.load({
      appconfig: {
        applications: [
          { name: 'shop', environments: [{ name: 'prod', profiles: [{ name: 'flags', content: { beta: true } }] }] },
        ],
      },
    });
    const client = new AppConfigDataClient(clientConfig(emulator.endpoint));
    const answers = recordAnswers(client, (request) =>
      request.path.startsWith('/configurationsessions') ? 'StartConfigurationSession' : 'GetLatestConfiguration',
    );
    const start = (ConfigurationProfileIdentifier: string) => () =>
      client.send(
        new StartConfigurationSessionCommand({
          ApplicationIdentifier: 'shop',
          EnvironmentIdentifier: 'prod',
          ConfigurationProfileIdentifier,
          RequiredMinimumPollIntervalInSeconds: 60,
        }),
      );
    const poll = (ConfigurationToken: string) => () =>
      client.send(new GetLatestConfigurationCommand({ ConfigurationToken }));
    const session = await start('flags')();
    const first = await poll(session.InitialConfigurationToken ?? '')();
    const recorded = await answersOf(answers, [
      start('flags'),
      start('missing'),
      poll(session.InitialConfigurationToken ?? ''),
      poll(first.NextPollConfigurationToken ?? ''),
      poll('not-a-token'),
      () =>
        client.send(
          new StartConfigurationSessionCommand({
            ApplicationIdentifier: 'shop',
            EnvironmentIdentifier: 'prod',
            ConfigurationProfileIdentifier: 'flags',
            RequiredMinimumPollIntervalInSeconds: 1,
          }),
        ),
    ]);
    client.destroy();
    expect(recorded.map((a) => a.errorType ?? a.status)).toEqual(
      expect.arrayContaining([201, 'ResourceNotFoundException', 'BadRequestException']),
    );
    expect(recorded.flatMap((answer) => answerOffModel(appConfigModel, answer))).toEqual([]);
  });
});
