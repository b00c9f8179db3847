import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { token, useSecretsManager } from './support/secretsManager.js';

const h = useSecretsManager();

async function stagesOf(secretId: string): Promise<Record<string, string[]>> {
  return (await h.client.send(new DescribeSecretCommand({ SecretId: secretId }))).VersionIdsToStages ?? {};
}

async function valueAt(secretId: string, stage: string): Promise<string | undefined> {
  return (await h.client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }))).SecretString;
}

describe('PutSecretValue', () => {
  it('moves AWSCURRENT to the new version and AWSPREVIOUS to the old one; older versions lose all labels', async () => {
    const v1 = (await h.client.send(new CreateSecretCommand({ Name: 's', SecretString: 'one' }))).VersionId as string;
    const put2 = await h.client.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two' }));
    expect(put2).toMatchObject({ Name: 's', VersionStages: ['AWSCURRENT'] });
    const v2 = put2.VersionId as string;
    expect(await stagesOf('s')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });

    const v3 = (await h.client.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'three' })))
      .VersionId as string;
    // v1 keeps no label: AWS calls it deprecated and leaves it out of VersionIdsToStages.
    expect(await stagesOf('s')).toEqual({ [v2]: ['AWSPREVIOUS'], [v3]: ['AWSCURRENT'] });
    expect(await valueAt('s', 'AWSCURRENT')).toBe('three');
    expect(await valueAt('s', 'AWSPREVIOUS')).toBe('two');

    const deprecated = await h.client.send(new GetSecretValueCommand({ SecretId: 's', VersionId: v1 }));
    expect(deprecated).toMatchObject({ SecretString: 'one', VersionStages: [] });
  });

  it('stages AWSPENDING for a rotation without touching AWSCURRENT, then completes it', async () => {
    const v1 = (await h.client.send(new CreateSecretCommand({ Name: 'rot', SecretString: 'old' }))).VersionId as string;
    const pending = await h.client.send(
      new PutSecretValueCommand({ SecretId: 'rot', SecretString: 'new', VersionStages: ['AWSPENDING'] }),
    );
    const v2 = pending.VersionId as string;
    expect(pending.VersionStages).toEqual(['AWSPENDING']);
    expect(await valueAt('rot', 'AWSCURRENT')).toBe('old');
    expect(await valueAt('rot', 'AWSPENDING')).toBe('new');

    await h.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'rot',
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: v2,
        RemoveFromVersionId: v1,
      }),
    );
    expect(await stagesOf('rot')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSPENDING', 'AWSCURRENT'] });
    await h.client.send(
      new UpdateSecretVersionStageCommand({ SecretId: 'rot', VersionStage: 'AWSPENDING', RemoveFromVersionId: v2 }),
    );
    expect(await stagesOf('rot')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
    expect(await valueAt('rot', 'AWSCURRENT')).toBe('new');
  });

  it('is idempotent per ClientRequestToken, and refuses to change an existing version', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'p', SecretString: 'one' }));
    const put = { SecretId: 'p', SecretString: 'two', ClientRequestToken: token(7) };
    const first = await h.client.send(new PutSecretValueCommand(put));
    const again = await h.client.send(new PutSecretValueCommand(put));
    expect(again).toMatchObject({ VersionId: token(7), VersionStages: ['AWSCURRENT'] });
    expect(first.VersionId).toBe(token(7));
    const error = await rejection(h.client.send(new PutSecretValueCommand({ ...put, SecretString: 'three' })));
    expect(error.name).toBe('ResourceExistsException');
    expect(error.message).not.toContain('three');
  });

  it('gives the first version of an empty secret AWSCURRENT even when asked for AWSPENDING', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'e' }));
    const put = await h.client.send(
      new PutSecretValueCommand({ SecretId: 'e', SecretString: 'v', VersionStages: ['AWSPENDING'] }),
    );
    expect(put.VersionStages).toEqual(['AWSPENDING', 'AWSCURRENT']);
  });

  it('stores binary versions and rejects a put without a value or with both kinds', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'b', SecretString: 'text' }));
    const bytes = new Uint8Array([1, 2, 3, 0xff]);
    await h.client.send(new PutSecretValueCommand({ SecretId: 'b', SecretBinary: bytes }));
    expect((await h.client.send(new GetSecretValueCommand({ SecretId: 'b' }))).SecretBinary).toEqual(bytes);
    expect((await rejection(h.client.send(new PutSecretValueCommand({ SecretId: 'b' })))).name).toBe(
      'InvalidRequestException',
    );
    const both = await rejection(
      h.client.send(new PutSecretValueCommand({ SecretId: 'b', SecretString: 'x', SecretBinary: bytes })),
    );
    expect(both.name).toBe('InvalidParameterException');
  });

  it('answers an unknown secret with ResourceNotFoundException', async () => {
    const error = await rejection(h.client.send(new PutSecretValueCommand({ SecretId: 'none', SecretString: 'v' })));
    expect(error.name).toBe('ResourceNotFoundException');
  });
});

describe('GetSecretValue with VersionId and VersionStage', () => {
  it('reads by id, by label, and checks that the two agree', async () => {
    const v1 = (await h.client.send(new CreateSecretCommand({ Name: 'g', SecretString: 'one' }))).VersionId as string;
    await h.client.send(new PutSecretValueCommand({ SecretId: 'g', SecretString: 'two' }));
    const byId = await h.client.send(new GetSecretValueCommand({ SecretId: 'g', VersionId: v1 }));
    expect(byId).toMatchObject({ SecretString: 'one', VersionStages: ['AWSPREVIOUS'] });
    const both = await h.client.send(
      new GetSecretValueCommand({ SecretId: 'g', VersionId: v1, VersionStage: 'AWSPREVIOUS' }),
    );
    expect(both.SecretString).toBe('one');

    const mismatch = await rejection(
      h.client.send(new GetSecretValueCommand({ SecretId: 'g', VersionId: v1, VersionStage: 'AWSCURRENT' })),
    );
    expect(mismatch.name).toBe('InvalidRequestException');
    expect(mismatch.message).toBe('You provided a VersionStage that is not associated to the provided VersionId.');

    const unknownId = await rejection(
      h.client.send(new GetSecretValueCommand({ SecretId: 'g', VersionId: token(99) })),
    );
    expect(unknownId.name).toBe('ResourceNotFoundException');
    expect(unknownId.message).toContain(`VersionId: ${token(99)}`);

    const unknownStage = await rejection(
      h.client.send(new GetSecretValueCommand({ SecretId: 'g', VersionStage: 'AWSPENDING' })),
    );
    expect(unknownStage.name).toBe('ResourceNotFoundException');
    expect(unknownStage.message).toContain('staging label: AWSPENDING');
  });
});

describe('UpdateSecretVersionStage', () => {
  async function threeVersions(): Promise<[string, string, string]> {
    const v1 = (await h.client.send(new CreateSecretCommand({ Name: 'u', SecretString: '1' }))).VersionId as string;
    const v2 = (await h.client.send(new PutSecretValueCommand({ SecretId: 'u', SecretString: '2' }))).VersionId;
    const v3 = (await h.client.send(new PutSecretValueCommand({ SecretId: 'u', SecretString: '3' }))).VersionId;
    return [v1, v2 as string, v3 as string];
  }

  it('rolls AWSCURRENT back to an older version, moving AWSPREVIOUS to the one it left', async () => {
    const [v1, v2, v3] = await threeVersions();
    const result = await h.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'u',
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: v2,
        RemoveFromVersionId: v3,
      }),
    );
    expect(result.Name).toBe('u');
    expect(result.ARN).toEqual(expect.stringContaining(':secret:u-'));
    expect(await stagesOf('u')).toEqual({ [v2]: ['AWSCURRENT'], [v3]: ['AWSPREVIOUS'] });
    expect((await stagesOf('u'))[v1]).toBeUndefined();
  });

  it('requires RemoveFromVersionId when the label is attached to another version', async () => {
    const [v1, , v3] = await threeVersions();
    const error = await rejection(
      h.client.send(
        new UpdateSecretVersionStageCommand({ SecretId: 'u', VersionStage: 'AWSCURRENT', MoveToVersionId: v1 }),
      ),
    );
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain(`currently attached to version ${v3}`);
  });

  it('moves custom labels, rejects removing a label from a version without it, and never just drops AWSCURRENT', async () => {
    const [v1, v2, v3] = await threeVersions();
    await h.client.send(
      new UpdateSecretVersionStageCommand({ SecretId: 'u', VersionStage: 'blue', MoveToVersionId: v1 }),
    );
    expect((await stagesOf('u'))[v1]).toEqual(['blue']);
    const wrongSource = await rejection(
      h.client.send(
        new UpdateSecretVersionStageCommand({ SecretId: 'u', VersionStage: 'blue', RemoveFromVersionId: v2 }),
      ),
    );
    expect(wrongSource.name).toBe('InvalidParameterException');
    const drop = await rejection(
      h.client.send(
        new UpdateSecretVersionStageCommand({ SecretId: 'u', VersionStage: 'AWSCURRENT', RemoveFromVersionId: v3 }),
      ),
    );
    expect(drop.name).toBe('InvalidParameterException');
    const unknown = await rejection(
      h.client.send(
        new UpdateSecretVersionStageCommand({ SecretId: 'u', VersionStage: 'blue', MoveToVersionId: token(5) }),
      ),
    );
    expect(unknown.name).toBe('InvalidParameterException');
  });
});

describe('ListSecretVersionIds', () => {
  it('lists labelled versions, and deprecated ones on request', async () => {
    const v1 = (await h.client.send(new CreateSecretCommand({ Name: 'l', SecretString: '1' }))).VersionId;
    await h.client.send(new PutSecretValueCommand({ SecretId: 'l', SecretString: '2' }));
    await h.client.send(new PutSecretValueCommand({ SecretId: 'l', SecretString: '3' }));
    const labelled = await h.client.send(new ListSecretVersionIdsCommand({ SecretId: 'l' }));
    expect(labelled.Versions).toHaveLength(2);
    expect(labelled.Name).toBe('l');
    const all = await h.client.send(new ListSecretVersionIdsCommand({ SecretId: 'l', IncludeDeprecated: true }));
    expect(all.Versions?.map((v) => v.VersionId)).toContain(v1);
    expect(all.Versions?.[0]).toMatchObject({ VersionId: v1, VersionStages: [] });
  });
});
