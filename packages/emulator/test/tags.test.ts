import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  ListSecretsCommand,
  type SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  AddTagsToResourceCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { rejection } from './support/rejection.js';
import { secretsClient } from './support/secretsManager.js';
import { startSsm } from './support/ssm.js';

// Tags of parameters and secrets: AWS's validation and limits, which the moto conformance sequences do not cover.
let emulator: RunningEmulator;
let ssm: SSMClient;
let secrets: SecretsManagerClient;

beforeAll(async () => {
  ({ emulator, client: ssm } = await startSsm());
  secrets = secretsClient(emulator.endpoint);
});
beforeEach(() => {
  emulator.reset();
  emulator.ssm.putParameter({ name: '/app/p', value: 'v' });
});
afterAll(async () => {
  ssm.destroy();
  secrets.destroy();
  await emulator.stop();
});

const onParameter = { ResourceType: 'Parameter', ResourceId: '/app/p' } as const;
const tags = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ Key: `k${from + i}`, Value: `v${from + i}` }));

describe('SSM tags', () => {
  it('adds, overwrites, lists and removes tags; a new version keeps them, a deleted parameter loses them', async () => {
    await ssm.send(new AddTagsToResourceCommand({ ...onParameter, Tags: [{ Key: 'team', Value: 'core' }] }));
    await ssm.send(new AddTagsToResourceCommand({ ...onParameter, Tags: [{ Key: 'team', Value: 'platform' }] }));
    await ssm.send(new PutParameterCommand({ Name: '/app/p', Value: 'v2', Overwrite: true }));
    const listed = await ssm.send(new ListTagsForResourceCommand(onParameter));
    expect(listed.TagList).toEqual([{ Key: 'team', Value: 'platform' }]);
    expect(emulator.ssm.getTags('/app/p')).toEqual({ team: 'platform' });
    // Names are matched as everywhere in SSM: a top-level name with or without its slash, or the ARN.
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/p';
    const byArn = await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: arn }));
    expect(byArn.TagList).toEqual([{ Key: 'team', Value: 'platform' }]);
    await ssm.send(new RemoveTagsFromResourceCommand({ ...onParameter, TagKeys: ['team', 'absent'] }));
    expect((await ssm.send(new ListTagsForResourceCommand(onParameter))).TagList).toEqual([]);
    emulator.ssm.deleteParameter('/app/p');
    expect(emulator.ssm.getTags('/app/p')).toBeUndefined();
  });

  it('keeps PutParameter tags on a new parameter, and refuses them with Overwrite', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/app/new', Value: 'v', Type: 'String', Tags: tags(2) }));
    expect(emulator.ssm.getTags('/app/new')).toEqual({ k0: 'v0', k1: 'v1' });
    const refused = await rejection(
      ssm.send(new PutParameterCommand({ Name: '/app/new', Value: 'w', Overwrite: true, Tags: tags(1) })),
    );
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toContain("tags and overwrite can't be used together");
  });

  it('allows 50 tags on a parameter: TooManyTagsError past that, and nothing is applied', async () => {
    await ssm.send(new AddTagsToResourceCommand({ ...onParameter, Tags: tags(50) }));
    // Overwriting an existing key does not count as a new tag.
    await ssm.send(new AddTagsToResourceCommand({ ...onParameter, Tags: [{ Key: 'k0', Value: 'again' }] }));
    const refused = await rejection(ssm.send(new AddTagsToResourceCommand({ ...onParameter, Tags: tags(1, 50) })));
    expect(refused).toMatchObject({ name: 'TooManyTagsError', $metadata: { httpStatusCode: 400 } });
    expect(Object.keys(emulator.ssm.getTags('/app/p') ?? {})).toHaveLength(50);
    const atCreate = await rejection(
      ssm.send(new PutParameterCommand({ Name: '/app/many', Value: 'v', Type: 'String', Tags: tags(51) })),
    );
    expect(atCreate.name).toBe('TooManyTagsError');
    expect(emulator.ssm.getTags('/app/many')).toBeUndefined();
  });

  it.each([
    ['a key with a character outside the pattern', [{ Key: 'bad#key', Value: 'v' }], "at 'tags.1.member.key'"],
    ['a value with a character outside the pattern', [{ Key: 'k', Value: 'semi;colon' }], "at 'tags.1.member.value'"],
    ['an empty key', [{ Key: '', Value: 'v' }], 'length greater than or equal to 1'],
    ['a key of 129 characters', [{ Key: 'k'.repeat(129), Value: 'v' }], 'length less than or equal to 128'],
    ['a value of 257 characters', [{ Key: 'k', Value: 'v'.repeat(257) }], 'length less than or equal to 256'],
    [
      'a tag without a value',
      [{ Key: 'k' }],
      "at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
    ],
  ])('answers ValidationException for %s', async (_, bad, message) => {
    const refused = await rejection(ssm.send(new AddTagsToResourceCommand({ ...onParameter, Tags: bad as never })));
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toContain(message);
    expect(emulator.ssm.getTags('/app/p')).toEqual({});
  });

  it('answers InvalidResourceId for a missing parameter, a version selector and other resource types', async () => {
    for (const target of [
      { ResourceType: 'Parameter', ResourceId: '/app/none' },
      { ResourceType: 'Parameter', ResourceId: '/app/p:1' },
      { ResourceType: 'Document', ResourceId: '/app/p' },
    ] as const) {
      expect((await rejection(ssm.send(new ListTagsForResourceCommand(target)))).name).toBe('InvalidResourceId');
    }
    const badType = await rejection(
      ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Bucket' as never, ResourceId: '/app/p' })),
    );
    expect(badType.name).toBe('ValidationException');
  });
});

describe('Secrets Manager tags', () => {
  it('tags and untags a secret, shown by DescribeSecret and found by ListSecrets filters', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'app/s', SecretString: 'x', Tags: [{ Key: 'a', Value: '1' }] }));
    await secrets.send(
      new TagResourceCommand({
        SecretId: 'app/s',
        Tags: [
          { Key: 'b', Value: '2' },
          { Key: 'a', Value: '3' },
        ],
      }),
    );
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: 'app/s' }));
    expect(described.Tags).toEqual([
      { Key: 'a', Value: '3' },
      { Key: 'b', Value: '2' },
    ]);
    const found = await secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'tag-key', Values: ['b'] }] }));
    expect(found.SecretList?.map((s) => s.Name)).toEqual(['app/s']);
    await secrets.send(new UntagResourceCommand({ SecretId: described.ARN, TagKeys: ['a', 'absent'] }));
    expect(emulator.secretsManager.getSecret('app/s')?.tags).toEqual({ b: '2' });
  });

  it('keeps a secret to 50 tags in CreateSecret and TagResource, applying none of a refused request', async () => {
    const refused = await rejection(
      secrets.send(new CreateSecretCommand({ Name: 'app/many', SecretString: 'x', Tags: tags(51) })),
    );
    expect(refused.name).toBe('InvalidParameterException');
    expect(refused.message).toContain('at most 50 tags');
    expect(emulator.secretsManager.getSecret('app/many')).toBeUndefined();

    await secrets.send(new CreateSecretCommand({ Name: 'app/s', SecretString: 'x', Tags: tags(50) }));
    // A key the secret has already is replaced, not added, so it does not count twice.
    await secrets.send(new TagResourceCommand({ SecretId: 'app/s', Tags: [{ Key: 'k0', Value: 'new' }] }));
    const over = await rejection(secrets.send(new TagResourceCommand({ SecretId: 'app/s', Tags: tags(2, 49) })));
    expect(over.name).toBe('InvalidParameterException');
    const kept = emulator.secretsManager.getSecret('app/s')?.tags ?? {};
    expect(Object.keys(kept)).toHaveLength(50);
    expect(kept).toMatchObject({ k0: 'new', k49: 'v49' });
    expect(kept).not.toHaveProperty('k50');
  });

  it('validates members and refuses a secret scheduled for deletion', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'app/s', SecretString: 'x' }));
    const noTags = await rejection(secrets.send(new TagResourceCommand({ SecretId: 'app/s' } as never)));
    expect(noTags.name).toBe('ValidationException');
    const longKey = await rejection(
      secrets.send(new TagResourceCommand({ SecretId: 'app/s', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] })),
    );
    expect(longKey.name).toBe('ValidationException');
    const emptyKey = await rejection(secrets.send(new UntagResourceCommand({ SecretId: 'app/s', TagKeys: [''] })));
    expect(emptyKey.name).toBe('ValidationException');
    const missing = await rejection(secrets.send(new UntagResourceCommand({ SecretId: 'app/none', TagKeys: ['k'] })));
    expect(missing.name).toBe('ResourceNotFoundException');
    await secrets.send(new DeleteSecretCommand({ SecretId: 'app/s', RecoveryWindowInDays: 7 }));
    const scheduled = await rejection(
      secrets.send(new TagResourceCommand({ SecretId: 'app/s', Tags: [{ Key: 'k', Value: 'v' }] })),
    );
    expect(scheduled.name).toBe('InvalidRequestException');
  });
});
