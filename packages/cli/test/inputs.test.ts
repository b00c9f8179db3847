import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers/bin.js';
import { useEmulator } from './helpers/emulator.js';

// Values that are not plain text, and sources read from stdin, as a user's shell hands them over.
const test = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'paramkit-cli-'));
const BYTES = Buffer.from([0xff, 0x00, 0xfe, 0x0a]);

/**
 * Runs the bin with stdout kept as bytes (a binary secret must come back exactly), asynchronously: the emulator
 * answering it lives in this process.
 */
function paramkitBytes(args: readonly string[], input: Buffer | string = '') {
  const child = spawn(process.execPath, [BIN, ...args], { env: test.env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(input);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise<{ code: number | null; stdout: Buffer; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

describe('put of bytes that are not UTF-8 text', () => {
  it('stores them as a binary secret, byte for byte, from a file or stdin', async () => {
    const file = join(dir, 'cert.der');
    writeFileSync(file, BYTES);
    const written = await Promise.all([
      paramkitBytes(['put', 'secret:cert', '--file', file]),
      paramkitBytes(['put', 'secret:keystore'], BYTES),
    ]);
    expect(written.map((run) => run.code)).toEqual([0, 0]);
    const read = await Promise.all([paramkitBytes(['get', 'secret:cert']), paramkitBytes(['get', 'secret:keystore'])]);
    // The final newline of bytes is theirs: only text loses it.
    expect(read.map((run) => run.stdout)).toEqual([BYTES, BYTES]);
  });

  it('refuses them for a parameter, which holds only text, and writes nothing', async () => {
    const run = await paramkitBytes(['put', '/app/cert', '--type', 'String'], BYTES);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the value read from stdin is not UTF-8 text, and Parameter Store holds only text');
    expect((await paramkitBytes(['get', '/app/cert'])).code).toBe(1);
  });
});

describe('put --tier', () => {
  it('writes a value past the Standard tier limit as Advanced, and names a bad tier', async () => {
    const large = 'x'.repeat(6_000);
    const standard = await paramkitBytes(['put', '/app/large', '--type', 'String'], large);
    expect(standard.code).toBe(1); // Parameter Store refuses more than 4 KB in the Standard tier
    const advanced = await paramkitBytes(['put', '/app/large', '--type', 'String', '--tier', 'Advanced'], large);
    expect(advanced.code).toBe(0);
    expect((await paramkitBytes(['get', '/app/large'])).stdout.toString('utf8')).toBe(`${large}\n`);
    const bad = await paramkitBytes(['put', '/app/other', 'v', '--tier', 'Premium']);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain("--tier must be one of Standard, Advanced, Intelligent-Tiering, got 'Premium'");
    const secret = await paramkitBytes(['put', 'secret:tiered', 'v', '--tier', 'Advanced']);
    expect(secret.code).toBe(2);
  });

  it('overwrites an Advanced parameter without --tier, by put and by import, as AWS never downgrades one', async () => {
    const created = await paramkitBytes(['put', '/app/adv/key', 'v1', '--type', 'String', '--tier', 'Advanced']);
    expect(created.code).toBe(0);
    const put = await paramkitBytes(['put', '/app/adv/key', 'v2', '--overwrite']);
    expect(put).toMatchObject({ code: 0, stderr: '' });
    const imported = await paramkitBytes(['import', '/app/adv', '-', '--format', 'json', '--yes'], '{"key":"v3"}');
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect((await paramkitBytes(['get', '/app/adv/key'])).stdout.toString('utf8')).toBe('v3\n');
  });
});

describe('put --overwrite of an existing secret', () => {
  it('applies --description and --kms-key-id too, before the new version', async () => {
    expect((await paramkitBytes(['put', 'secret:described', 'v1', '--description', 'first'])).code).toBe(0);
    const updated = await paramkitBytes([
      'put',
      'secret:described',
      'v2',
      '--overwrite',
      '--description',
      'second',
      '--kms-key-id',
      'alias/app',
    ]);
    expect(updated.code).toBe(0);
    const { SecretsManagerClient, DescribeSecretCommand } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient({
      endpoint: test.emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const described = await client.send(new DescribeSecretCommand({ SecretId: 'described' }));
    expect(described).toMatchObject({ Description: 'second', KmsKeyId: 'alias/app' });
    expect((await paramkitBytes(['get', 'secret:described'])).stdout.toString('utf8')).toBe('v2\n');
  });
});

describe('sources on stdin', () => {
  it('matches dotenv read with --format dotenv by variable name, as a .env file is', async () => {
    const input = "DB_URL='postgres://prod'\nLIMITS='{\"max\":3}'\nDB_PASSWORD=changed\n";
    const run = await paramkitBytes(['diff', '/app/prod', '-', '-r', '--format', 'dotenv', '--json'], input);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout.toString('utf8'))).toMatchObject({
      added: [],
      removed: [],
      changed: [{ key: 'DB_PASSWORD' }],
      unchanged: 2,
    });
  });
});

describe('ls --reveal of secrets', () => {
  it('shows the current version, as ls without --reveal does', async () => {
    const [hidden, revealed] = (
      await Promise.all([
        paramkitBytes(['ls', 'secret:prod/', '--json']),
        paramkitBytes(['ls', 'secret:prod/', '--reveal', '--json']),
      ])
    ).map((run) => JSON.parse(run.stdout.toString('utf8')) as Array<{ version: string }>);
    expect(hidden?.[0]?.version).toMatch(/^[0-9a-f-]{36}$/);
    expect(revealed?.[0]?.version).toBe(hidden?.[0]?.version);
  });
});
