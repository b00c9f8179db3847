import { DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { EmulatorCore } from '../src/core/emulator.js';
import { SecretsManagerService } from '../src/services/secretsManager.js';
import { rejection } from './support/rejection.js';
import { token, useSecretsManager } from './support/secretsManager.js';

const h = useSecretsManager();

describe('seed', () => {
  it('loads text, JSON-object and binary values, metadata and version history', async () => {
    h.core.load({
      secretsmanager: {
        secrets: [
          { name: 'app/text', value: 'plain', description: 'a text secret', tags: { team: 'core' } },
          { name: 'app/json', value: { user: 'admin', port: 5432 } },
          { name: 'app/bin', binary: Buffer.from([0xff, 0x00, 0xfe, 0x80]).toString('base64') },
          {
            name: 'app/rotated',
            versions: [{ value: 'v1', versionId: token(1) }, { value: 'v2' }],
            value: 'v3',
          },
          {
            name: 'app/pending',
            value: 'current',
            versions: [{ value: 'first' }],
            kmsKeyId: 'alias/app',
          },
        ],
      },
    });
    const get = (SecretId: string, VersionStage?: string) =>
      h.client.send(new GetSecretValueCommand({ SecretId, VersionStage }));
    expect((await get('app/text')).SecretString).toBe('plain');
    expect(JSON.parse((await get('app/json')).SecretString ?? '')).toEqual({ user: 'admin', port: 5432 });
    expect((await get('app/bin')).SecretBinary).toEqual(new Uint8Array([0xff, 0x00, 0xfe, 0x80]));
    expect((await get('app/rotated')).SecretString).toBe('v3');
    expect((await get('app/rotated', 'AWSPREVIOUS')).SecretString).toBe('v2');
    const v1 = await h.client.send(new GetSecretValueCommand({ SecretId: 'app/rotated', VersionId: token(1) }));
    expect(v1).toMatchObject({ SecretString: 'v1', VersionStages: [] });

    const text = await h.client.send(new DescribeSecretCommand({ SecretId: 'app/text' }));
    expect(text).toMatchObject({ Description: 'a text secret', Tags: [{ Key: 'team', Value: 'core' }] });
    expect(h.service.getSecret('app/pending')?.kmsKeyId).toBe('alias/app');
  });

  it('seeds a rotation in progress with explicit stages', async () => {
    h.service.load({
      secrets: [{ name: 'r', versions: [{ value: 'old' }, { value: 'new', stages: ['AWSPENDING'] }] }],
    });
    expect(h.service.getSecretValue('r')).toBe('old');
    expect(h.service.getSecretValue('r', 'AWSPENDING')).toBe('new');
  });

  it('replaces a secret of the same name when loaded again', () => {
    h.service.load({ secrets: [{ name: 'again', value: 'one' }] });
    const arn = h.service.getSecret('again')?.arn;
    h.service.load({ secrets: [{ name: 'again', value: 'two' }] });
    expect(h.service.getSecretValue('again')).toBe('two');
    expect(h.service.getSecret('again')?.versions).toHaveLength(1);
    expect(h.service.getSecret('again')?.arn).not.toBe(arn);
  });

  it.each([
    ['not an object', 'x', /secretsmanager must be an object/],
    ['secrets not an array', { secrets: {} }, /secretsmanager\.secrets must be an array/],
    ['unknown section key', { secret: [] }, /secretsmanager\.secret is not a known field/],
    ['missing name', { secrets: [{ value: 'v' }] }, /secrets\[0\]\.name must be a string/],
    ['bad name', { secrets: [{ name: 'a b', value: 'v' }] }, /secrets\[0\]\.name: Invalid name/],
    ['no value', { secrets: [{ name: 'a' }] }, /secrets\[0\] needs a value, binary or versions/],
    ['value and binary', { secrets: [{ name: 'a', value: 'v', binary: 'AA==' }] }, /has both value and binary/],
    ['bad binary', { secrets: [{ name: 'a', binary: 'not base64!' }] }, /secrets\[0\]\.binary must be a base64 string/],
    ['value array', { secrets: [{ name: 'a', value: [1] }] }, /value must be a string or a JSON object/],
    ['typo key', { secrets: [{ name: 'a', valeu: 'v' }] }, /secrets\[0\]\.valeu is not a known field/],
    ['too big', { secrets: [{ name: 'a', value: 'x'.repeat(65_537) }] }, /secrets\[0\]\.value: .*65536/],
    [
      'short versionId',
      { secrets: [{ name: 'a', versions: [{ value: 'v', versionId: 'v1' }] }] },
      /versionId must be 32\.\.64/,
    ],
    [
      'bad stages',
      { secrets: [{ name: 'a', versions: [{ value: 'v', stages: 'AWSCURRENT' }] }] },
      /stages must be an array/,
    ],
    ['bad tag', { secrets: [{ name: 'a', value: 'v', tags: { k: 1 } }] }, /tags\.k must be a string/],
    [
      'duplicate',
      {
        secrets: [
          { name: 'a', value: 'v' },
          { name: 'a', value: 'w' },
        ],
      },
      /appears more than once/,
    ],
  ])('rejects %s with a TypeError naming the field', (_, seed, message) => {
    expect(() => h.service.load(seed)).toThrow(TypeError);
    expect(() => h.service.load(seed)).toThrow(message);
  });

  it('never echoes a value in a seed error and loads nothing from a bad section', () => {
    const seed = {
      secrets: [
        { name: 'ok', value: 'fine' },
        { name: 'big', value: `s3cr3t${'x'.repeat(65_536)}` },
      ],
    };
    let message = '';
    try {
      h.service.load(seed);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('secretsmanager.secrets[1].value');
    expect(message).not.toContain('s3cr3t');
    expect(h.service.getSecret('ok')).toBeUndefined();
  });
});

describe('programmatic API', () => {
  it('creates, rotates, inspects and deletes secrets', async () => {
    const created = h.service.createSecret({ name: 'db', value: 'pw1', description: 'd', tags: { env: 'test' } });
    expect(created.arn).toContain(':secret:db-');
    const next = h.service.putSecretValue('db', 'pw2');
    const info = h.service.getSecret('db');
    expect(info).toMatchObject({ name: 'db', description: 'd', tags: { env: 'test' }, currentVersionId: next });
    expect(info?.versions.map((v) => v.stages)).toEqual([['AWSPREVIOUS'], ['AWSCURRENT']]);
    expect((await h.client.send(new GetSecretValueCommand({ SecretId: 'db' }))).SecretString).toBe('pw2');

    const pending = h.service.putSecretValue('db', 'pw3', ['AWSPENDING']);
    expect(h.service.getSecret('db')?.versions.find((v) => v.versionId === pending)?.stages).toEqual(['AWSPENDING']);
    expect(h.service.getSecretValue('db')).toBe('pw2');

    expect(h.service.deleteSecret('db', { recoveryWindowInDays: 7 })).toBe(true);
    expect(h.service.getSecret('db')?.deletedDate).toBeInstanceOf(Date);
    const error = await rejection(h.client.send(new GetSecretValueCommand({ SecretId: 'db' })));
    expect(error.name).toBe('InvalidRequestException');
    expect(h.service.deleteSecret('db')).toBe(true);
    expect(h.service.getSecret('db')).toBeUndefined();
    expect(h.service.deleteSecret('db')).toBe(false);
  });

  it('stores bytes as binary secrets and applies the API rules', () => {
    h.service.createSecret({ name: 'bin', value: new Uint8Array([0xff, 0x00]) });
    expect(h.service.getSecretValue('bin')).toEqual(new Uint8Array([0xff, 0x00]));
    expect(() => h.service.createSecret({ name: 'bin', value: 'x' })).toThrow(/already exists/);
    expect(() => h.service.createSecret({ name: 'bad name', value: 'x' })).toThrow(/Invalid name/);
    expect(() => h.service.createSecret({ name: 'v', value: 'x', versionId: 'short' })).toThrow(/clientRequestToken/);
    expect(() => h.service.putSecretValue('missing', 'x')).toThrow(/can't find the specified secret/);
    expect(h.service.getSecretValue('missing')).toBeUndefined();
  });

  it('registers with the core under its seed key and forgets everything on reset', () => {
    const core = new EmulatorCore();
    const service = core.register(new SecretsManagerService(core.context));
    expect(service.name).toBe('secretsmanager');
    core.load({ secretsmanager: { secrets: [{ name: 'x', value: 'y' }] } });
    expect(service.getSecretValue('x')).toBe('y');
    core.reset();
    expect(service.getSecret('x')).toBeUndefined();
  });
});
