import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  paginateBatchGetSecretValue,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/rejection.js';
import { useSecretsManager } from './support/secretsManager.js';

const h = useSecretsManager(async ({ client }) => {
  await client.send(new CreateSecretCommand({ Name: 'app/a', SecretString: 'A' }));
  await client.send(new CreateSecretCommand({ Name: 'app/b', SecretBinary: new Uint8Array([0xff, 0x00]) }));
  await client.send(new CreateSecretCommand({ Name: 'other/c', SecretString: 'C' }));
});

describe('BatchGetSecretValue', () => {
  it('returns values for the ids it finds and an error entry for each id it does not', async () => {
    await h.client.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'G' }));
    await h.client.send(new DeleteSecretCommand({ SecretId: 'gone' }));
    await h.client.send(new CreateSecretCommand({ Name: 'novalue' }));
    const result = await h.client.send(
      new BatchGetSecretValueCommand({ SecretIdList: ['app/a', 'missing', 'app/b', 'gone', 'novalue'] }),
    );
    expect(result.SecretValues?.map((v) => v.Name)).toEqual(['app/a', 'app/b']);
    expect(result.SecretValues?.[0]).toMatchObject({ SecretString: 'A', VersionStages: ['AWSCURRENT'] });
    expect(result.SecretValues?.[0]?.CreatedDate).toBeInstanceOf(Date);
    expect(result.SecretValues?.[1]?.SecretBinary).toEqual(new Uint8Array([0xff, 0x00]));
    expect(result.Errors).toEqual([
      {
        SecretId: 'missing',
        ErrorCode: 'ResourceNotFoundException',
        Message: "Secrets Manager can't find the specified secret.",
      },
      {
        SecretId: 'gone',
        ErrorCode: 'InvalidRequestException',
        Message: "You can't perform this operation on the secret because it was marked for deletion.",
      },
      {
        SecretId: 'novalue',
        ErrorCode: 'ResourceNotFoundException',
        Message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
      },
    ]);
    expect(result.NextToken).toBeUndefined();
  });

  it('selects secrets by filter and pages them', async () => {
    const first = await h.client.send(
      new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['app/'] }], MaxResults: 1 }),
    );
    expect(first.SecretValues?.map((v) => v.Name)).toEqual(['app/a']);
    expect(first.NextToken).toEqual(expect.any(String));
    const names: string[] = [];
    const pages = paginateBatchGetSecretValue(
      { client: h.client, pageSize: 1 },
      { Filters: [{ Key: 'name', Values: ['app/'] }] },
    );
    for await (const page of pages) names.push(...(page.SecretValues ?? []).map((v) => v.Name ?? ''));
    expect(names).toEqual(['app/a', 'app/b']);
  });

  it('rejects SecretIdList together with Filters, neither, MaxResults without Filters, and more than 20 ids', async () => {
    const both = await rejection(
      h.client.send(
        new BatchGetSecretValueCommand({ SecretIdList: ['app/a'], Filters: [{ Key: 'name', Values: ['app'] }] }),
      ),
    );
    expect(both.name).toBe('InvalidParameterException');
    const neither = await rejection(h.client.send(new BatchGetSecretValueCommand({})));
    expect(neither.name).toBe('InvalidParameterException');
    const maxWithoutFilters = await rejection(
      h.client.send(new BatchGetSecretValueCommand({ SecretIdList: ['app/a'], MaxResults: 5 })),
    );
    expect(maxWithoutFilters.name).toBe('InvalidParameterException');
    // The model bounds SecretIdList at 20 items; AWS reports modelled bounds as ValidationException.
    const ids = Array.from({ length: 21 }, (_, i) => `s${i}`);
    const tooMany = await rejection(h.client.send(new BatchGetSecretValueCommand({ SecretIdList: ids })));
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toContain("at 'secretIdList' failed to satisfy constraint");
    expect(tooMany.message).toContain('less than or equal to 20');
  });

  it('counts as an access of each secret it reads', async () => {
    await h.client.send(new BatchGetSecretValueCommand({ SecretIdList: ['app/a'] }));
    expect(h.service.getSecret('app/a')?.lastAccessedDate).toBeInstanceOf(Date);
    expect(h.service.getSecret('app/b')?.lastAccessedDate).toBeUndefined();
  });
});
