import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { START, token, useSecretsManager } from './support/secretsManager.js';

const DAY = 86_400_000;
const MARKED = "You can't perform this operation on the secret because it was marked for deletion.";

const h = useSecretsManager(async ({ client }) => {
  await client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'v' }));
});

describe('DeleteSecret with a recovery window', () => {
  it('schedules deletion 30 days out by default and marks the secret', async () => {
    const deleted = await h.client.send(new DeleteSecretCommand({ SecretId: 'doomed' }));
    expect(deleted.Name).toBe('doomed');
    expect(deleted.DeletionDate).toEqual(new Date(START + 30 * DAY));

    const described = await h.client.send(new DescribeSecretCommand({ SecretId: 'doomed' }));
    expect(described.DeletedDate).toEqual(new Date(START));

    for (const call of [
      h.client.send(new GetSecretValueCommand({ SecretId: 'doomed' })),
      h.client.send(new PutSecretValueCommand({ SecretId: 'doomed', SecretString: 'w' })),
      h.client.send(
        new UpdateSecretVersionStageCommand({ SecretId: 'doomed', VersionStage: 'x', MoveToVersionId: token(1) }),
      ),
      h.client.send(new DeleteSecretCommand({ SecretId: 'doomed' })),
    ]) {
      const error = await rejection(call);
      expect(error.name).toBe('InvalidRequestException');
      expect(error.message).toBe(MARKED);
    }
    const recreate = await rejection(h.client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'w' })));
    expect(recreate.name).toBe('InvalidRequestException');
    expect(recreate.message).toContain('already scheduled for deletion');
  });

  it('hides scheduled secrets from ListSecrets unless IncludePlannedDeletion', async () => {
    await h.client.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
    expect((await h.client.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    const all = await h.client.send(new ListSecretsCommand({ IncludePlannedDeletion: true }));
    expect(all.SecretList?.[0]).toMatchObject({ Name: 'doomed', DeletedDate: new Date(START) });
  });

  it('restores a scheduled secret', async () => {
    await h.client.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
    const restored = await h.client.send(new RestoreSecretCommand({ SecretId: 'doomed' }));
    expect(restored.Name).toBe('doomed');
    expect((await h.client.send(new GetSecretValueCommand({ SecretId: 'doomed' }))).SecretString).toBe('v');
    expect((await h.client.send(new DescribeSecretCommand({ SecretId: 'doomed' }))).DeletedDate).toBeUndefined();
  });

  it('removes the secret for good once the window has passed', async () => {
    await h.client.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
    h.advance(7 * DAY);
    const error = await rejection(h.client.send(new DescribeSecretCommand({ SecretId: 'doomed' })));
    expect(error.name).toBe('ResourceNotFoundException');
    await h.client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'again' }));
  });
});

describe('DeleteSecret without recovery', () => {
  it('removes the secret at once, so its name is free again', async () => {
    const deleted = await h.client.send(
      new DeleteSecretCommand({ SecretId: 'doomed', ForceDeleteWithoutRecovery: true }),
    );
    expect(deleted.DeletionDate).toEqual(new Date(START));
    const error = await rejection(h.client.send(new DescribeSecretCommand({ SecretId: 'doomed' })));
    expect(error.name).toBe('ResourceNotFoundException');
    await h.client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'again' }));
  });

  it('force-deletes a secret that is already scheduled', async () => {
    await h.client.send(new DeleteSecretCommand({ SecretId: 'doomed' }));
    await h.client.send(new DeleteSecretCommand({ SecretId: 'doomed', ForceDeleteWithoutRecovery: true }));
    expect(h.service.getSecret('doomed')).toBeUndefined();
  });

  it('succeeds for an unknown secret when forced, and fails when not forced', async () => {
    const forced = await h.client.send(
      new DeleteSecretCommand({ SecretId: 'ghost', ForceDeleteWithoutRecovery: true }),
    );
    expect(forced.Name).toBe('ghost');
    const error = await rejection(h.client.send(new DeleteSecretCommand({ SecretId: 'ghost' })));
    expect(error.name).toBe('ResourceNotFoundException');
  });
});

describe('DeleteSecret validation', () => {
  it.each([6, 31, 0])('rejects RecoveryWindowInDays %i', async (days) => {
    const error = await rejection(
      h.client.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: days })),
    );
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toBe('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  });

  it('rejects a recovery window together with ForceDeleteWithoutRecovery', async () => {
    const error = await rejection(
      h.client.send(
        new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }),
      ),
    );
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain('ForceDeleteWithoutRecovery');
    expect(h.service.getSecret('doomed')?.deletedDate).toBeUndefined();
  });

  it('answers RestoreSecret for an unknown secret with ResourceNotFoundException', async () => {
    const error = await rejection(h.client.send(new RestoreSecretCommand({ SecretId: 'ghost' })));
    expect(error.name).toBe('ResourceNotFoundException');
  });
});
