import * as dynamoModel from '@aws-sdk/client-dynamodb';
import * as secretsModel from '@aws-sdk/client-secrets-manager';
import {
  BatchGetSecretValueCommand,
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import * as ssmModel from '@aws-sdk/client-ssm';
import {
  DescribeParametersCommand,
  GetParameterCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { TARGETS } from './support/attackArbitraries.js';
import { clientConfig } from './support/clientConfig.js';
import { answerOffModel, offModel } from './support/modelShape.js';
import { answersOf, recordAnswers } from './support/recordAnswers.js';
import { useHarness } from './support/useHarness.js';

// Every member name of every answer, checked against the AWS model the SDK ships. An SDK test cannot see a member
// spelt differently from AWS (the SDK drops what it does not know), so each scenario records the raw answers and
// walks them against the model: success bodies against the operation's output, errors against the error's shape.

/** The operations the emulator implements (the attack suite's list); each is answered at least once. */
const SECRETS_OPERATIONS = TARGETS.secretsmanager ?? [];

const emulator = useHarness(() => startEmulator({ now: () => Date.UTC(2025, 0, 2, 3, 4, 5) }));
beforeEach(() => emulator.reset());

describe('member names of the answers, against the AWS model', () => {
  it('Secrets Manager: every operation, success and error', async () => {
    const client = new SecretsManagerClient(clientConfig(emulator.endpoint));
    const answers = recordAnswers(client);
    let latest: string | undefined;
    const recorded = await answersOf(answers, [
      () =>
        client.send(
          new CreateSecretCommand({
            Name: 'app/db',
            SecretString: '{"password":"one"}',
            Description: 'db',
            Tags: [{ Key: 'team', Value: 'core' }],
          }),
        ),
      () => client.send(new CreateSecretCommand({ Name: 'app/blob', SecretBinary: new Uint8Array([1, 2]) })),
      () => client.send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'again' })),
      async () => {
        const put = new PutSecretValueCommand({ SecretId: 'app/db', SecretString: '{"password":"two"}' });
        latest = (await client.send(put)).VersionId;
      },
      () => client.send(new UpdateSecretCommand({ SecretId: 'app/db', Description: 'the database' })),
      () =>
        client.send(
          new UpdateSecretVersionStageCommand({ SecretId: 'app/db', VersionStage: 'blue', MoveToVersionId: latest }),
        ),
      () => client.send(new GetSecretValueCommand({ SecretId: 'app/db' })),
      () => client.send(new GetSecretValueCommand({ SecretId: 'app/blob' })),
      () => client.send(new GetSecretValueCommand({ SecretId: 'missing' })),
      () => client.send(new BatchGetSecretValueCommand({ SecretIdList: ['app/db', 'missing'] })),
      () =>
        client.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['app/'] }], MaxResults: 1 })),
      () => client.send(new DescribeSecretCommand({ SecretId: 'app/db' })),
      () => client.send(new ListSecretsCommand({ MaxResults: 1, IncludePlannedDeletion: true })),
      () =>
        client.send(new ListSecretVersionIdsCommand({ SecretId: 'app/db', IncludeDeprecated: true, MaxResults: 1 })),
      () => client.send(new TagResourceCommand({ SecretId: 'app/db', Tags: [{ Key: 'env', Value: 'prod' }] })),
      () => client.send(new UntagResourceCommand({ SecretId: 'app/db', TagKeys: ['env'] })),
      () => client.send(new PutResourcePolicyCommand({ SecretId: 'app/db', ResourcePolicy: '{"Statement":[]}' })),
      () => client.send(new GetResourcePolicyCommand({ SecretId: 'app/db' })),
      () => client.send(new DeleteResourcePolicyCommand({ SecretId: 'app/db' })),
      () => client.send(new PutResourcePolicyCommand({ SecretId: 'app/db', ResourcePolicy: '{' })),
      () =>
        client.send(
          new PutResourcePolicyCommand({
            SecretId: 'app/db',
            ResourcePolicy: '{"Statement":{"Effect":"Allow","Principal":"*","Action":"*"}}',
            BlockPublicPolicy: true,
          }),
        ),
      () => client.send(new RotateSecretCommand({ SecretId: 'app/db', RotationRules: { AutomaticallyAfterDays: 7 } })),
      () => client.send(new DescribeSecretCommand({ SecretId: 'app/db' })),
      () => client.send(new ListSecretsCommand({})),
      () => client.send(new CancelRotateSecretCommand({ SecretId: 'app/db' })),
      () => client.send(new DeleteSecretCommand({ SecretId: 'app/db', RecoveryWindowInDays: 7 })),
      () => client.send(new GetSecretValueCommand({ SecretId: 'app/db' })),
      () => client.send(new DescribeSecretCommand({ SecretId: 'app/db' })),
      () => client.send(new RestoreSecretCommand({ SecretId: 'app/db' })),
      () => client.send(new DeleteSecretCommand({ SecretId: 'app/blob', ForceDeleteWithoutRecovery: true })),
      () => client.send(new DeleteSecretCommand({ SecretId: 'app/db', RecoveryWindowInDays: 3 })),
      () => client.send(new ListSecretVersionIdsCommand({ SecretId: 'app/db', MaxResults: 0 })),
      () => client.send(new GetRandomPasswordCommand({ PasswordLength: 20, RequireEachIncludedType: true })),
      () => client.send(new GetRandomPasswordCommand({ PasswordLength: 2 })),
    ]);
    client.destroy();
    expect(new Set(recorded.filter((a) => a.status === 200).map((a) => a.operation))).toEqual(
      new Set(SECRETS_OPERATIONS),
    );
    expect(recorded.filter((a) => a.errorType !== undefined).map((a) => a.errorType)).toEqual(
      expect.arrayContaining([
        'ResourceExistsException',
        'ResourceNotFoundException',
        'MalformedPolicyDocumentException',
        'PublicPolicyException',
        'InvalidRequestException',
        'InvalidParameterException',
      ]),
    );
    expect(recorded.flatMap((answer) => answerOffModel(secretsModel, answer))).toEqual([]);
  });

  it('SSM DescribeParameters: ParameterMetadata spelt as AWS spells it, and its filter errors', async () => {
    const client = new SSMClient(clientConfig(emulator.endpoint));
    const answers = recordAnswers(client);
    const recorded = await answersOf(answers, [
      () =>
        client.send(
          new PutParameterCommand({
            Name: '/app/db',
            Value: 'v',
            Type: 'SecureString',
            Description: 'd',
            AllowedPattern: '.*',
            Tags: [{ Key: 'team', Value: 'core' }],
          }),
        ),
      () => client.send(new DescribeParametersCommand({ MaxResults: 1 })),
      () => client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'tag:team' }] })),
      () => client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['x'] }] })),
      () =>
        client.send(
          new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['S'] }] }),
        ),
      () => client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name' }] })),
      () => client.send(new LabelParameterVersionCommand({ Name: '/app/db', Labels: ['prod'] })),
      () =>
        client.send(
          new UnlabelParameterVersionCommand({ Name: '/app/db', ParameterVersion: 1, Labels: ['prod', 'x'] }),
        ),
      () => client.send(new UnlabelParameterVersionCommand({ Name: '/app/db', ParameterVersion: 7, Labels: ['x'] })),
    ]);
    client.destroy();
    expect(recorded.map((answer) => answer.errorType ?? answer.status)).toEqual([
      200,
      200,
      200,
      'InvalidFilterKey',
      'InvalidFilterOption',
      'InvalidFilterValue',
      200,
      200,
      'ParameterVersionNotFound',
    ]);
    expect(recorded.flatMap((answer) => answerOffModel(ssmModel, answer))).toEqual([]);
  });

  it("SSM's Secrets Manager reference: SourceResult holds GetSecretValue's members, spelt as AWS spells them", async () => {
    emulator.secretsManager.createSecret({ name: 'app/db', value: '{"password":"one"}' });
    const client = new SSMClient(clientConfig(emulator.endpoint));
    const { Parameter } = await client.send(
      new GetParameterCommand({ Name: '/aws/reference/secretsmanager/app/db', WithDecryption: true }),
    );
    client.destroy();
    const sourceResult = JSON.parse(Parameter?.SourceResult ?? 'null') as Record<string, unknown>;
    expect(Object.keys(sourceResult).sort()).toEqual(
      ['ARN', 'CreatedDate', 'Name', 'SecretString', 'VersionId', 'VersionStages'].sort(),
    );
    expect(offModel(sourceResult, secretsModel.GetSecretValueResponse$)).toEqual([]);
  });

  it('the checker itself finds a member spelt differently from the model, and one the model lacks', () => {
    expect(
      offModel(
        { ARN: 'a', KMSKeyId: 'k', Tags: [{ key: 'x', Value: 'y' }], Extra: 1 },
        secretsModel.DescribeSecretResponse$,
      ),
    ).toEqual([
      '$.KMSKeyId: not a member of DescribeSecretResponse (AWS spells it KmsKeyId)',
      '$.Tags[0].key: not a member of Tag (AWS spells it Key)',
      '$.Extra: not a member of DescribeSecretResponse',
    ]);
    expect(
      answerOffModel(dynamoModel, {
        operation: 'GetItem',
        status: 200,
        errorType: undefined,
        body: JSON.stringify({ Item: { id: { S: 'a' }, m: { M: { x: { s: 'lower' } } } } }),
      }),
    ).toEqual(['GetItem 200: $.Item.m.M.x.s: not a member of AttributeValue (AWS spells it S)']);
    expect(
      answerOffModel(secretsModel, {
        operation: 'GetSecretValue',
        status: 400,
        errorType: 'ResourceNotFoundException',
        body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'gone' }),
      }),
    ).toEqual([
      'GetSecretValue 400: $.Message: missing',
      'GetSecretValue 400: $.message: not a member of ResourceNotFoundException (AWS spells it Message)',
    ]);
  });
});
