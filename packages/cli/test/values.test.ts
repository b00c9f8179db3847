import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AddTagsToResourceCommand, ListTagsForResourceCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type EmulatorSeed, type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paramkit, userEnv } from './helpers/bin.js';

// get, put, ls, history and rm, each run as the built bin against an emulator started here.
const SECRET_PARAM = 'hunter2-param-value';
const SECRET_TOKEN = 'tok-secret-value-42';

const SEED: EmulatorSeed = {
  ssm: {
    parameters: [
      { name: '/app/prod/db/url', value: 'postgres://prod', type: 'String' },
      { name: '/app/prod/db/password', versions: ['old-pass-1', SECRET_PARAM], type: 'SecureString', labels: ['live'] },
      { name: '/app/prod/feature', value: 'on', type: 'String' },
    ],
  },
  secretsmanager: { secrets: [{ name: 'prod/token', versions: [{ value: 'old-token-1' }], value: SECRET_TOKEN }] },
};

let emulator: RunningEmulator;
let env: NodeJS.ProcessEnv;
const dir = mkdtempSync(join(tmpdir(), 'paramkit-cli-'));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  env = userEnv(emulator.endpoint);
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
  emulator.load(SEED);
});

describe('get', () => {
  it('prints a value, a version, a label, a secret stage, several at once, and fails on a missing name', async () => {
    const [plain, version, label, stage, many, missing, badUsage, viaFlag] = await Promise.all([
      paramkit(['get', '/app/prod/db/password'], env),
      paramkit(['get', '/app/prod/db/password', '--version', '1'], env),
      paramkit(['get', '/app/prod/db/password', '--label', 'live'], env),
      paramkit(['get', 'secret:prod/token', '--label', 'AWSPREVIOUS'], env),
      paramkit(['get', '/app/prod/db/url', 'secret:prod/token', '/app/nope', '--json'], env),
      paramkit(['get', '/app/nope'], env),
      paramkit(['get', '/a', '/b', '--version', '1'], env),
      // --endpoint instead of AWS_ENDPOINT_URL, given before the verb.
      paramkit(['--endpoint', emulator.endpoint, 'get', 'ssm:/app/prod/db/url'], {
        ...env,
        AWS_ENDPOINT_URL: undefined,
      }),
    ]);
    // stderr empty: no AWS SDK Node.js version warning, though the test's environment does not disable it.
    expect(plain).toMatchObject({ code: 0, stdout: `${SECRET_PARAM}\n`, stderr: '' });
    expect(version).toMatchObject({ code: 0, stdout: 'old-pass-1\n' });
    expect(label).toMatchObject({ code: 0, stdout: `${SECRET_PARAM}\n` });
    expect(stage).toMatchObject({ code: 0, stdout: 'old-token-1\n' });
    expect(many.code).toBe(1);
    expect(JSON.parse(many.stdout)).toEqual([
      { name: '/app/prod/db/url', value: 'postgres://prod' },
      { name: 'secret:prod/token', value: SECRET_TOKEN },
    ]);
    expect(many.stderr).toBe('paramkit: /app/nope not found\n');
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'paramkit: /app/nope not found\n' });
    expect(badUsage.code).toBe(2);
    expect(badUsage.stderr).toContain('--version and --label apply to one name');
    expect(viaFlag).toMatchObject({ code: 0, stdout: 'postgres://prod\n', stderr: '' });
  });
});

describe('put', () => {
  it('writes from an argument, a file and stdin, keeps or sets the type, and needs --overwrite to replace', async () => {
    const file = join(dir, 'value.txt');
    writeFileSync(file, 'from-a-file\n');
    const created = await paramkit(['put', '/app/new/a', 'value-a', '--type', 'String', '--tag', 'team=core'], env);
    expect(created).toMatchObject({ code: 0, stdout: '/app/new/a: version 1\n', stderr: '' });
    const refused = await paramkit(['put', '/app/new/a', 'value-b'], env);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe('paramkit: /app/new/a already exists: pass --overwrite to write a new version\n');
    const [fromFile, fromStdin, dash] = await Promise.all([
      paramkit(['put', '/app/new/a', '--file', file, '--overwrite', '--json'], env),
      paramkit(['put', '/app/new/b'], env, { input: 'from-stdin\n' }),
      paramkit(['put', '/app/new/c', '-'], env, { input: 'dash\r\n' }),
    ]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual({ name: '/app/new/a', version: '2', tagged: false });
    expect([fromStdin.code, dash.code]).toEqual([0, 0]);
    expect(emulator.ssm.getParameterValue('/app/new/a')).toBe('from-a-file');
    expect(emulator.ssm.getParameterValue('/app/new/b')).toBe('from-stdin');
    expect(emulator.ssm.getParameterValue('/app/new/c')).toBe('dash');
    // The overwrite kept String; a new parameter without --type is a SecureString.
    const listed = await paramkit(['ls', '/app/new', '--json'], env);
    expect(JSON.parse(listed.stdout).map((p: { name: string; type: string }) => [p.name, p.type])).toEqual([
      ['/app/new/a', 'String'],
      ['/app/new/b', 'SecureString'],
      ['/app/new/c', 'SecureString'],
    ]);
  });

  it('creates a secret with tags, and adds a version only with --overwrite', async () => {
    const created = await paramkit(['put', 'secret:new/s', 's1', '--tag', 'team=core'], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^secret:new\/s: version [0-9a-f-]{36}\n$/);
    const [refused, typed] = await Promise.all([
      paramkit(['put', 'secret:new/s', 's2'], env),
      paramkit(['put', 'secret:new/s', 's2', '--type', 'String'], env),
    ]);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toContain('secret:new/s already exists: pass --overwrite');
    expect(typed.code).toBe(2);
    const overwritten = await paramkit(['put', 'secret:new/s', '--overwrite'], env, { input: 's2\n' });
    expect(overwritten.code).toBe(0);
    const [current, previous] = await Promise.all([
      paramkit(['get', 'secret:new/s'], env),
      paramkit(['get', 'secret:new/s', '--label', 'AWSPREVIOUS'], env),
    ]);
    expect([current.stdout, previous.stdout]).toEqual(['s2\n', 's1\n']);
  });
});

describe('put --tag', () => {
  const ssm = () => new SSMClient({ ...clientSettings(), maxAttempts: 1 });
  const secrets = () => new SecretsManagerClient({ ...clientSettings(), maxAttempts: 1 });
  const clientSettings = () => ({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const ssmTags = async (name: string) => {
    const client = ssm();
    try {
      const { TagList } = await client.send(
        new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }),
      );
      return Object.fromEntries((TagList ?? []).map((tag) => [tag.Key, tag.Value]));
    } finally {
      client.destroy();
    }
  };
  const secretTags = async (name: string) => {
    const client = secrets();
    try {
      const { Tags } = await client.send(new DescribeSecretCommand({ SecretId: name }));
      return Object.fromEntries((Tags ?? []).map((tag) => [tag.Key, tag.Value]));
    } finally {
      client.destroy();
    }
  };

  it('tags new parameters and secrets, and existing ones with --overwrite, as the store reads them back', async () => {
    const [newParameter, newSecret] = await Promise.all([
      paramkit(['put', '/app/tagged', 'v1', '--type', 'String', '--tag', 'team=core', '--tag', 'tier=gold=1'], env),
      paramkit(['put', 'secret:tagged', 's1', '--tag', 'team=core', '--json'], env),
    ]);
    expect(newParameter).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(newSecret.stdout)).toMatchObject({ name: 'secret:tagged', tagged: true });
    expect(await ssmTags('/app/tagged')).toEqual({ team: 'core', tier: 'gold=1' });
    expect(await secretTags('tagged')).toEqual({ team: 'core' });

    // Existing values: the new version is written and the tags added (an existing key gets the new value).
    const [oldParameter, oldSecret] = await Promise.all([
      paramkit(['put', '/app/prod/feature', 'off', '--overwrite', '--tag', 'owner=ops', '--json'], env),
      paramkit(['put', 'secret:tagged', 's2', '--overwrite', '--tag', 'team=platform', '--tag', 'env=prod'], env),
    ]);
    expect(oldParameter.code).toBe(0);
    expect(JSON.parse(oldParameter.stdout)).toEqual({ name: '/app/prod/feature', version: '2', tagged: true });
    expect(oldSecret).toMatchObject({ code: 0, stderr: '' });
    expect(emulator.ssm.getParameterValue('/app/prod/feature')).toBe('off');
    expect(await ssmTags('/app/prod/feature')).toEqual({ owner: 'ops' });
    expect(await secretTags('tagged')).toEqual({ team: 'platform', env: 'prod' });
    expect(emulator.secretsManager.getSecretValue('tagged')).toBe('s2');
  });

  it('says so when the store refuses a tag: nothing written for a bad tag, the version without tags past the limit', async () => {
    const [fresh, existing] = await Promise.all([
      paramkit(['put', '/app/bad-tag', 'v1', '--type', 'String', '--tag', 'bad#key=v'], env),
      paramkit(['put', '/app/prod/feature', 'off', '--overwrite', '--tag', 'bad#key=v'], env),
    ]);
    for (const run of [fresh, existing]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "ValidationException: 1 validation error detected: Value 'bad#key' at 'tags.1.member.key'",
      );
    }
    expect(emulator.ssm.getParameterValue('/app/bad-tag')).toBeUndefined();
    expect(emulator.ssm.getParameterValue('/app/prod/feature')).toBe('on');

    // A parameter that already has AWS's 50 tags: the new version is written, the 51st tag is not.
    const client = ssm();
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await client.send(
      new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/app/prod/feature', Tags: fifty }),
    );
    client.destroy();
    const full = await paramkit(['put', '/app/prod/feature', 'off', '--overwrite', '--tag', 'one=more'], env);
    expect(full).toMatchObject({ code: 1, stdout: '/app/prod/feature: version 2\n' });
    expect(full.stderr).toBe(
      'paramkit: /app/prod/feature was written (version 2) but its tags were not applied (TooManyTagsError)\n',
    );
    expect(emulator.ssm.getParameterValue('/app/prod/feature')).toBe('off');
    expect(Object.keys(await ssmTags('/app/prod/feature'))).toHaveLength(50);
  });
});

describe('ls, history and rm', () => {
  it('lists names, types and versions (values only with --reveal), one level unless -r', async () => {
    const [level, recursive, revealed, secrets] = await Promise.all([
      paramkit(['ls', '/app/prod'], env),
      paramkit(['ls', '/app/prod', '-r'], env),
      paramkit(['ls', '/app/prod', '-r', '--reveal', '--json'], env),
      paramkit(['ls', 'secret:', '-r', '--json'], env),
    ]);
    expect(level.code).toBe(0);
    expect(level.stdout.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+VERSION\s+MODIFIED$/);
    expect(level.stdout).toMatch(/\/app\/prod\/feature\s+String\s+1\s+\d{4}-\d\d-\d\dT[\d:]+Z\n$/);
    expect(level.stdout).not.toContain('/app/prod/db');
    expect(recursive.stdout.trim().split('\n')).toHaveLength(4);
    expect(recursive.all).not.toContain('postgres://prod');
    expect(
      JSON.parse(revealed.stdout).map((p: { name: string; value: string; version: string }) => [
        p.name,
        p.value,
        p.version,
      ]),
    ).toEqual([
      ['/app/prod/db/password', SECRET_PARAM, '2'],
      ['/app/prod/db/url', 'postgres://prod', '1'],
      ['/app/prod/feature', 'on', '1'],
    ]);
    expect(JSON.parse(secrets.stdout)).toEqual([
      expect.objectContaining({ name: 'secret:prod/token', type: 'secret', version: expect.any(String) }),
    ]);
  });

  it('shows the versions of a parameter and a secret, and deletes', async () => {
    const [history, revealed, secret] = await Promise.all([
      paramkit(['history', '/app/prod/db/password'], env),
      paramkit(['history', '/app/prod/db/password', '--reveal', '--json'], env),
      paramkit(['history', 'secret:prod/token', '--json'], env),
    ]);
    expect(history.code).toBe(0);
    const rows = history.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^VERSION\s+MODIFIED\s+BY\s+LABELS$/);
    expect(rows[1]).toMatch(/^1\s/);
    expect(rows[2]).toMatch(/^2\s.*\slive$/);
    const versions = JSON.parse(revealed.stdout).versions;
    expect(versions.map((v: { version: string; value: string }) => [v.version, v.value])).toEqual([
      ['1', 'old-pass-1'],
      ['2', SECRET_PARAM],
    ]);
    expect(JSON.parse(secret.stdout).versions.map((v: { labels: string[] }) => v.labels)).toEqual([
      ['AWSPREVIOUS'],
      ['AWSCURRENT'],
    ]);

    const [removed, secretRemoved] = await Promise.all([
      paramkit(['rm', '/app/prod/feature', '/app/prod/nope'], env),
      paramkit(['rm', 'secret:prod/token', '--force'], env),
    ]);
    expect(removed).toMatchObject({ code: 1, stdout: 'deleted /app/prod/feature\n' });
    expect(removed.stderr).toBe('paramkit: /app/prod/nope not found\n');
    expect(secretRemoved).toMatchObject({ code: 0, stdout: 'deleted secret:prod/token\n' });
    expect(emulator.ssm.getParameterValue('/app/prod/feature')).toBeUndefined();
    const gone = await paramkit(['history', 'secret:prod/token'], env);
    expect(gone).toMatchObject({ code: 1, stderr: 'paramkit: secret:prod/token not found\n' });
  });
});

describe('usage', () => {
  it('exits 2 on bad usage and 0 on help', async () => {
    const [unknown, missingArg, help, verbHelp] = await Promise.all([
      paramkit(['frobnicate'], env),
      paramkit(['put'], env),
      paramkit(['--help'], env),
      paramkit(['diff', '--help'], env),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("paramkit: unknown command 'frobnicate'");
    expect(missingArg.code).toBe(2);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 ok, 1 failed, 2 bad usage, 3 differences found');
    expect(verbHelp.stdout).toContain('--reveal');
    expect(readFileSync(join(dir, 'value.txt'), 'utf8')).toBe('from-a-file\n');
  });
});
