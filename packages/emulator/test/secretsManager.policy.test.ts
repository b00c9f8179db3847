import {
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  GetResourcePolicyCommand,
  PutResourcePolicyCommand,
  type PutResourcePolicyCommandInput,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { useSecretsManager } from './support/secretsManager.js';

const h = useSecretsManager();

const ROLE_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: '*', Resource: '*' },
  ],
});
const PUBLIC = JSON.stringify({ Statement: { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: '*' } });
const put = (input: Partial<PutResourcePolicyCommandInput>) =>
  h.client.send(new PutResourcePolicyCommand({ SecretId: 'app/db', ResourcePolicy: ROLE_ONLY, ...input }));

describe('resource policies', () => {
  it('are kept as sent, replaced, and deleted', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'app/db', SecretString: 's3cr3t' }));
    const get = () => h.client.send(new GetResourcePolicyCommand({ SecretId: 'app/db' }));
    expect(await get()).not.toHaveProperty('ResourcePolicy');
    const { ARN, Name } = await put({});
    expect(Name).toBe('app/db');
    expect(ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/db-/);
    expect((await get()).ResourcePolicy).toBe(ROLE_ONLY);
    await put({ ResourcePolicy: PUBLIC });
    expect((await get()).ResourcePolicy).toBe(PUBLIC);
    await h.client.send(new DeleteResourcePolicyCommand({ SecretId: 'app/db' }));
    expect(await get()).not.toHaveProperty('ResourcePolicy');
  });

  it('refuses malformed and, with BlockPublicPolicy, public policies, storing nothing', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'app/db', SecretString: 's3cr3t' }));
    const malformed = await rejection(put({ ResourcePolicy: '{"Statement": [' }));
    expect([malformed.name, malformed.message]).toEqual([
      'MalformedPolicyDocumentException',
      'The resource policy has syntax errors.',
    ]);
    const open = await rejection(put({ ResourcePolicy: PUBLIC, BlockPublicPolicy: true }));
    expect(open.name).toBe('PublicPolicyException');
    await put({ BlockPublicPolicy: true }); // a named principal is not broad access
    const long = await rejection(put({ ResourcePolicy: ' '.repeat(20_481) }));
    expect(long.name).toBe('ValidationException');
    expect((await h.client.send(new GetResourcePolicyCommand({ SecretId: 'app/db' }))).ResourcePolicy).toBe(ROLE_ONLY);
  });

  it('are refused on a secret marked for deletion and on a missing one', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'app/db', SecretString: 's3cr3t' }));
    await h.client.send(new DeleteSecretCommand({ SecretId: 'app/db', RecoveryWindowInDays: 7 }));
    expect((await rejection(put({}))).message).toBe(
      "You can't perform this operation on the secret because it was marked for deletion.",
    );
    expect((await rejection(put({ SecretId: 'nope' }))).name).toBe('ResourceNotFoundException');
  });
});
