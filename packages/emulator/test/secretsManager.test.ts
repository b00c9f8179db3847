import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { beforeEach, describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { START, token, useSecretsManager } from './support/secretsManager.js';

const h = useSecretsManager();

describe('CreateSecret and GetSecretValue', () => {
  it('creates a string secret and reads it back by name with AWSCURRENT', async () => {
    const created = await h.client.send(new CreateSecretCommand({ Name: 'app/db', SecretString: '{"user":"u"}' }));
    expect(created.Name).toBe('app/db');
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/db-[A-Za-z0-9]{6}$/);
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);

    const got = await h.client.send(new GetSecretValueCommand({ SecretId: 'app/db' }));
    expect(got).toMatchObject({
      ARN: created.ARN,
      Name: 'app/db',
      VersionId: created.VersionId,
      SecretString: '{"user":"u"}',
      VersionStages: ['AWSCURRENT'],
    });
    expect(got.SecretBinary).toBeUndefined();
    expect(got.CreatedDate).toEqual(new Date(START));
  });

  it('round-trips binary secrets byte for byte', async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
    await h.client.send(new CreateSecretCommand({ Name: 'bin', SecretBinary: bytes }));
    const got = await h.client.send(new GetSecretValueCommand({ SecretId: 'bin' }));
    expect(got.SecretString).toBeUndefined();
    expect(got.SecretBinary).toEqual(bytes);
    expect(h.service.getSecretValue('bin')).toEqual(bytes);
  });

  it('takes a JSON object in createSecret and putSecretValue as seeds do, and names what it takes otherwise', async () => {
    h.service.createSecret({ name: 'app/json', value: { user: 'u', port: 5432 } });
    h.service.putSecretValue('app/json', ['a', 'b']);
    const got = await h.client.send(new GetSecretValueCommand({ SecretId: 'app/json' }));
    expect(got.SecretString).toBe('["a","b"]');
    const previous = await h.client.send(
      new GetSecretValueCommand({ SecretId: 'app/json', VersionStage: 'AWSPREVIOUS' }),
    );
    expect(previous.SecretString).toBe('{"user":"u","port":5432}');
    expect(() => h.service.createSecret({ name: 'app/n', value: 42 as unknown as string })).toThrow(
      'A secret value must be text, bytes (Uint8Array) or a JSON object, got number',
    );
  });

  it('finds a secret by full ARN and by partial ARN', async () => {
    const { ARN } = await h.client.send(new CreateSecretCommand({ Name: 'by-arn', SecretString: 'v' }));
    const partial = ARN?.slice(0, -7);
    expect(partial).toBe('arn:aws:secretsmanager:us-east-1:123456789012:secret:by-arn');
    for (const SecretId of [ARN, partial]) {
      const got = await h.client.send(new GetSecretValueCommand({ SecretId }));
      expect(got.Name).toBe('by-arn');
    }
  });

  it('is idempotent for the same ClientRequestToken and value', async () => {
    const input = { Name: 'idem', SecretString: 'one', ClientRequestToken: token(1) };
    const first = await h.client.send(new CreateSecretCommand(input));
    const again = await h.client.send(new CreateSecretCommand(input));
    expect(again).toMatchObject({ ARN: first.ARN, Name: 'idem', VersionId: token(1) });
  });

  it('rejects the same ClientRequestToken with another value, and a second create', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'one', ClientRequestToken: token(1) }));
    const changed = await rejection(
      h.client.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'two', ClientRequestToken: token(1) })),
    );
    expect(changed.name).toBe('ResourceExistsException');
    expect(changed.message).not.toContain('two');
    const second = await rejection(h.client.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'one' })));
    expect(second.name).toBe('ResourceExistsException');
    expect(second.message).toBe('The operation failed because the secret dup already exists.');
  });

  it('creates a secret without a value, which has no AWSCURRENT to read', async () => {
    const created = await h.client.send(new CreateSecretCommand({ Name: 'empty', Description: 'later' }));
    expect(created.VersionId).toBeUndefined();
    const error = await rejection(h.client.send(new GetSecretValueCommand({ SecretId: 'empty' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
  });

  it('answers an unknown secret with ResourceNotFoundException and HTTP 400', async () => {
    const error = await rejection(h.client.send(new GetSecretValueCommand({ SecretId: 'nope' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe("Secrets Manager can't find the specified secret.");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('DescribeSecret', () => {
  it('reports metadata, tags, stages and the day of last access', async () => {
    const { ARN, VersionId } = await h.client.send(
      new CreateSecretCommand({
        Name: 'described',
        SecretString: 'v',
        Description: 'the db',
        KmsKeyId: 'alias/mine',
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    const before = await h.client.send(new DescribeSecretCommand({ SecretId: 'described' }));
    expect(before).toMatchObject({
      ARN,
      Name: 'described',
      Description: 'the db',
      KmsKeyId: 'alias/mine',
      Tags: [{ Key: 'team', Value: 'core' }],
      VersionIdsToStages: { [VersionId as string]: ['AWSCURRENT'] },
      CreatedDate: new Date(START),
      LastChangedDate: new Date(START),
    });
    expect(before.LastAccessedDate).toBeUndefined();
    expect(before.DeletedDate).toBeUndefined();
    // Never configured for rotation: AWS sends no RotationEnabled at all (not false).
    expect(Object.keys(before)).not.toContain('RotationEnabled');

    h.advance(3 * 3_600_000);
    await h.client.send(new GetSecretValueCommand({ SecretId: 'described' }));
    const after = await h.client.send(new DescribeSecretCommand({ SecretId: ARN }));
    expect(after.LastAccessedDate).toEqual(new Date(Date.UTC(2025, 0, 15)));
  });

  it('leaves out KmsKeyId, Description and Tags when they were not given', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'plain', SecretString: 'v' }));
    const described = await h.client.send(new DescribeSecretCommand({ SecretId: 'plain' }));
    expect(described.KmsKeyId).toBeUndefined();
    expect(described.Description).toBeUndefined();
    expect(described.Tags).toBeUndefined();
  });
});

describe('UpdateSecret', () => {
  it('updates the description and adds an AWSCURRENT version', async () => {
    const { VersionId: first } = await h.client.send(new CreateSecretCommand({ Name: 'upd', SecretString: 'a' }));
    const updated = await h.client.send(
      new UpdateSecretCommand({ SecretId: 'upd', SecretString: 'b', Description: 'd' }),
    );
    const described = await h.client.send(new DescribeSecretCommand({ SecretId: 'upd' }));
    expect(described.Description).toBe('d');
    expect(described.VersionIdsToStages).toEqual({
      [first as string]: ['AWSPREVIOUS'],
      [updated.VersionId as string]: ['AWSCURRENT'],
    });
  });
});

describe('ListSecrets', () => {
  beforeEach(async () => {
    for (const [i, name] of ['app/db', 'app/api', 'other/x', 'App/upper'].entries()) {
      h.advance(1000);
      await h.client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: 'v',
          Description: i === 1 ? 'Payment API key' : undefined,
          Tags: i === 2 ? [{ Key: 'env', Value: 'prod' }] : undefined,
        }),
      );
    }
  });

  it('lists every secret in creation order, with versions but no values', async () => {
    const { SecretList, NextToken } = await h.client.send(new ListSecretsCommand({}));
    expect(SecretList?.map((s) => s.Name)).toEqual(['app/db', 'app/api', 'other/x', 'App/upper']);
    expect(NextToken).toBeUndefined();
    const first = SecretList?.[0];
    expect(Object.values(first?.SecretVersionsToStages ?? {})).toEqual([['AWSCURRENT']]);
    expect(JSON.stringify(SecretList)).not.toContain('SecretString');
  });

  it('filters by name prefix (case-sensitive), description, tags and negation', async () => {
    const names = async (
      Filters: { Key: 'name' | 'description' | 'tag-key' | 'tag-value' | 'all'; Values: string[] }[],
    ) => (await h.client.send(new ListSecretsCommand({ Filters }))).SecretList?.map((s) => s.Name);
    expect(await names([{ Key: 'name', Values: ['app/'] }])).toEqual(['app/db', 'app/api']);
    expect(await names([{ Key: 'name', Values: ['app/', 'other'] }])).toEqual(['app/db', 'app/api', 'other/x']);
    expect(await names([{ Key: 'name', Values: ['!app'] }])).toEqual(['other/x', 'App/upper']);
    expect(await names([{ Key: 'description', Values: ['payment'] }])).toEqual(['app/api']);
    expect(await names([{ Key: 'tag-key', Values: ['env'] }])).toEqual(['other/x']);
    expect(await names([{ Key: 'tag-value', Values: ['prod'] }])).toEqual(['other/x']);
    expect(await names([{ Key: 'all', Values: ['api'] }])).toEqual(['app/api']);
    expect(
      await names([
        { Key: 'name', Values: ['app'] },
        { Key: 'description', Values: ['pay'] },
      ]),
    ).toEqual(['app/api']);
  });

  it('matches `all` by words split at case changes, letter/digit changes and punctuation, as AWS describes', async () => {
    for (const Name of ['credsDatabase892', 'HTTPServerKey', 'db2prod']) {
      await h.client.send(new CreateSecretCommand({ Name, SecretString: 'v' }));
    }
    const all = async (value: string) =>
      (await h.client.send(new ListSecretsCommand({ Filters: [{ Key: 'all', Values: [value] }] }))).SecretList?.map(
        (s) => s.Name,
      );
    expect(await all('database')).toEqual(['credsDatabase892']);
    expect(await all('892')).toEqual(['credsDatabase892']);
    expect(await all('server')).toEqual(['HTTPServerKey']);
    expect(await all('http')).toEqual(['HTTPServerKey']);
    expect(await all('prod')).toEqual(['other/x', 'db2prod']);
    // The search value is split the same way: `DATABASE892` is DATABASE and 892, `credsdatabase` one word.
    expect(await all('DATABASE892')).toEqual(['credsDatabase892']);
    expect(await all('credsDatabase')).toEqual(['credsDatabase892']);
    expect(await all('credsdatabase')).toEqual([]);
    expect(await all('db prod')).toEqual(['db2prod']);
  });

  it('pages with MaxResults and NextToken', async () => {
    const first = await h.client.send(new ListSecretsCommand({ MaxResults: 3 }));
    expect(first.SecretList).toHaveLength(3);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await h.client.send(new ListSecretsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(second.SecretList?.map((s) => s.Name)).toEqual(['App/upper']);
    expect(second.NextToken).toBeUndefined();
  });

  it('sorts by name, descending', async () => {
    const { SecretList } = await h.client.send(new ListSecretsCommand({ SortBy: 'name', SortOrder: 'desc' }));
    expect(SecretList?.map((s) => s.Name)).toEqual(['other/x', 'app/db', 'app/api', 'App/upper']);
  });

  it('rejects a forged NextToken and an unknown filter key', async () => {
    const badToken = await rejection(h.client.send(new ListSecretsCommand({ NextToken: 'bogus' })));
    expect(badToken.name).toBe('InvalidNextTokenException');
    const badKey = await rejection(
      h.client.send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as 'name', Values: ['x'] }] })),
    );
    expect(badKey.name).toBe('ValidationException');
    expect(badKey.message).toContain("at 'filters.1.member.key'");
  });
});
