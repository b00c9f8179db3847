import {
  CreateSecretCommand,
  type Filter,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  type SortByType,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { EmulatorCore } from '../src/core/emulator.js';
import { SecretsManagerService } from '../src/services/secretsManager.js';
import { rejection } from './support/rejection.js';
import { useSecretsManager } from './support/secretsManager.js';

const h = useSecretsManager();

async function listFails(input: { Filters?: Filter[]; MaxResults?: number; SortBy?: SortByType }) {
  return rejection(h.client.send(new ListSecretsCommand(input)));
}

describe('ListSecrets input', () => {
  it('checks the number and form of filters and their values', async () => {
    const eleven = Array.from({ length: 11 }, () => ({ Key: 'name' as const, Values: ['a'] }));
    expect((await listFails({ Filters: eleven })).name).toBe('ValidationException');
    expect((await listFails({ Filters: [{ Values: ['a'] }] })).name).toBe('InvalidParameterException');
    expect((await listFails({ Filters: [{ Key: 'name' }] })).name).toBe('InvalidParameterException');
    const empty = await listFails({ Filters: [{ Key: 'name', Values: [] }] });
    expect(empty.message).toContain("at 'filters.1.member.values'");
    const pattern = await listFails({ Filters: [{ Key: 'name', Values: ['semi;colon'] }] });
    expect(pattern.name).toBe('ValidationException');
    expect(pattern.message).toContain('regular expression pattern');
  });

  it('checks MaxResults and SortBy', async () => {
    for (const MaxResults of [0, 101]) {
      const error = await listFails({ MaxResults });
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain("at 'maxResults'");
    }
    const sort = await listFails({ SortBy: 'size' as SortByType });
    expect(sort.message).toContain('Member must satisfy enum value set');
    const { json } = await h.raw('ListSecrets', JSON.stringify({ MaxResults: 1.5 }));
    expect(json.__type).toBe('SerializationException');
  });

  it('sorts by last access and by last change', async () => {
    for (const Name of ['a', 'b', 'c']) await h.client.send(new CreateSecretCommand({ Name, SecretString: 'v' }));
    h.advance(86_400_000);
    await h.client.send(new GetSecretValueCommand({ SecretId: 'a' }));
    const byAccess = await h.client.send(new ListSecretsCommand({ SortBy: 'last-accessed-date', SortOrder: 'desc' }));
    expect(byAccess.SecretList?.[0]?.Name).toBe('a');
    h.service.putSecretValue('b', 'w');
    const byChange = await h.client.send(new ListSecretsCommand({ SortBy: 'last-changed-date', SortOrder: 'desc' }));
    expect(byChange.SecretList?.[0]?.Name).toBe('b');
  });
});

describe('CreateSecret metadata input', () => {
  it('checks tags and description against the model', async () => {
    const tag = await rejection(
      h.client.send(
        new CreateSecretCommand({ Name: 't', SecretString: 'v', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }),
      ),
    );
    expect(tag.message).toContain("at 'tags.1.member.key'");
    const description = await rejection(
      h.client.send(new CreateSecretCommand({ Name: 'd', SecretString: 'v', Description: 'd'.repeat(2049) })),
    );
    expect(description.message).toContain("at 'description'");
    const { json } = await h.raw('CreateSecret', JSON.stringify({ Name: 'x', Tags: ['not a tag'] }));
    expect(json.__type).toBe('SerializationException');
  });
});

describe('versions and regions', () => {
  it('keeps at most 100 versions by dropping the oldest deprecated ones, and pages version lists', async () => {
    h.service.createSecret({ name: 'many', value: 'v0' });
    for (let i = 1; i <= 104; i += 1) h.service.putSecretValue('many', `v${i}`);
    const versions = h.service.getSecret('many')?.versions ?? [];
    expect(versions).toHaveLength(100);
    expect(h.service.getSecretValue('many')).toBe('v104');
    const page = await h.client.send(
      new ListSecretVersionIdsCommand({ SecretId: 'many', IncludeDeprecated: true, MaxResults: 60 }),
    );
    expect(page.Versions).toHaveLength(60);
    const rest = await h.client.send(
      new ListSecretVersionIdsCommand({ SecretId: 'many', IncludeDeprecated: true, NextToken: page.NextToken }),
    );
    expect(rest.Versions).toHaveLength(40);
  });

  it('uses the partition of the region in ARNs', () => {
    for (const [region, partition] of [
      ['cn-north-1', 'aws-cn'],
      ['us-gov-west-1', 'aws-us-gov'],
      ['eu-west-1', 'aws'],
    ]) {
      const core = new EmulatorCore({ region, accountId: '111122223333' });
      const service = core.register(new SecretsManagerService(core.context));
      const { arn } = service.createSecret({ name: 'x', value: 'v' });
      expect(arn).toMatch(new RegExp(`^arn:${partition}:secretsmanager:${region}:111122223333:secret:x-`));
      expect(service.getSecret(arn)?.name).toBe('x');
    }
  });
});
