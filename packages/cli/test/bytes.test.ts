import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseValues, serialize } from '../src/formats/files.js';
import { BIN, paramkit } from './helpers/bin.js';
import { SECRET_TOKEN, useEmulator } from './helpers/emulator.js';

// Binary secrets through export, import and diff: bytes must come back as bytes, never as their base64 in a string.
const test = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'paramkit-cli-'));
// Not UTF-8, and with a final newline that is part of the value.
const CERT = Buffer.from([0x30, 0x82, 0xff, 0x00, 0xfe, 0x0a]);
const CERT_BASE64 = CERT.toString('base64');

beforeEach(() => {
  test.emulator.load({ secretsmanager: { secrets: [{ name: 'prod/cert', binary: CERT_BASE64 }] } });
});

/** `paramkit get` with stdout kept as bytes. */
function getBytes(name: string): Promise<Buffer> {
  const child = spawn(process.execPath, [BIN, 'get', name], { env: test.env, stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', () => resolve(Buffer.concat(chunks)));
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('export of a binary secret', () => {
  it('keeps bytes as bytes in json and yaml, and writes base64 to dotenv with a note', async () => {
    const [json, yaml, dotenv] = await Promise.all([
      paramkit(['export', 'secret:prod/'], test.env),
      paramkit(['export', 'secret:prod/', '--format', 'yaml'], test.env),
      paramkit(['export', 'secret:prod/', '--format', 'dotenv'], test.env),
    ]);
    expect(JSON.parse(json.stdout)).toEqual({ cert: { $base64: CERT_BASE64 }, token: SECRET_TOKEN });
    expect(yaml.stdout).toContain('cert: !!binary');
    const read = parseYaml(yaml.stdout) as Record<string, unknown>;
    expect(Buffer.from(read.cert as Uint8Array)).toEqual(CERT);
    expect(read.token).toBe(SECRET_TOKEN);
    expect(dotenv).toMatchObject({ code: 0, stdout: `CERT='${CERT_BASE64}'\nTOKEN='${SECRET_TOKEN}'\n` });
    expect(dotenv.stderr).toBe(
      'paramkit: secret:prod/cert holds bytes, written as base64 (dotenv holds text; json and yaml keep bytes as bytes)\n',
    );
  });
});

describe('import of an export', () => {
  it('writes bytes back as a binary secret, from json and from yaml', async () => {
    const json = file('prod.json', (await paramkit(['export', 'secret:prod/'], test.env)).stdout);
    const yaml = file('prod.yaml', (await paramkit(['export', 'secret:prod/', '--format', 'yaml'], test.env)).stdout);
    const imports = await Promise.all([
      paramkit(['import', 'secret:copy-json/', json, '--yes'], test.env),
      paramkit(['import', 'secret:copy-yaml/', yaml, '--yes'], test.env),
    ]);
    expect(imports.map((run) => run.code)).toEqual([0, 0]);
    expect(await getBytes('secret:copy-json/cert')).toEqual(CERT);
    expect(await getBytes('secret:copy-yaml/cert')).toEqual(CERT);
    const diffs = await Promise.all([
      paramkit(['diff', 'secret:prod/', 'secret:copy-json/'], test.env),
      paramkit(['diff', 'secret:prod/', yaml], test.env),
    ]);
    expect(diffs.map((run) => run.code)).toEqual([0, 0]);
    // Imported again, nothing changes.
    const again = await paramkit(['import', 'secret:copy-json/', json, '--yes', '--json'], test.env);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: [] });
  });

  it('from dotenv, leaves the binary secret as it is, and writes a new base64 value to it as bytes', async () => {
    const exported = file(
      'prod.env',
      (await paramkit(['export', 'secret:prod/', '--format', 'dotenv'], test.env)).stdout,
    );
    const same = await paramkit(['import', 'secret:prod/', exported, '--yes', '--json'], test.env);
    expect(JSON.parse(same.stdout)).toMatchObject({ written: [] });
    const next = Buffer.from([0x00, 0x01, 0xff]);
    const changed = file('next.env', `CERT=${next.toString('base64')}\n`);
    expect((await paramkit(['import', 'secret:prod/', changed, '--yes'], test.env)).code).toBe(0);
    expect(await getBytes('secret:prod/cert')).toEqual(next);
  });

  it('refuses, before writing anything, dotenv text that is not base64 for a binary secret', async () => {
    const bad = file('bad.env', 'CERT=not base64!\nTOKEN=new-token\n');
    const run = await paramkit(['import', 'secret:prod/', bad, '--yes'], test.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('these secrets hold bytes, and their new values are not base64: cert');
    expect(run.stderr).not.toContain('not base64!');
    expect(await getBytes('secret:prod/cert')).toEqual(CERT);
    expect((await paramkit(['get', 'secret:prod/token'], test.env)).stdout).toBe(`${SECRET_TOKEN}\n`);
  });

  it('refuses bytes for a parameter path, which holds text only, and writes nothing', async () => {
    const json = file('bytes.json', JSON.stringify({ cert: { $base64: CERT_BASE64 }, plain: 'x' }));
    const run = await paramkit(['import', '/app/copy', json, '--yes'], test.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a parameter holds text, and these values are bytes: cert');
    expect((await paramkit(['get', '/app/copy/plain'], test.env)).code).toBe(1);
  });
});

describe('diff of bytes and text', () => {
  it('tells bytes from a string holding their base64, and shows them as bytes', async () => {
    const text = file('text.json', JSON.stringify({ cert: CERT_BASE64, token: SECRET_TOKEN }));
    const [plain, revealed, json] = await Promise.all([
      paramkit(['diff', 'secret:prod/', text], test.env),
      paramkit(['diff', 'secret:prod/', text, '--reveal'], test.env),
      paramkit(['diff', 'secret:prod/', text, '--reveal', '--json'], test.env),
    ]);
    expect(plain.code).toBe(3);
    expect(plain.stdout).toContain('~ cert\n');
    expect(revealed.stdout).toContain(`~ cert: bytes:${CERT_BASE64} -> "${CERT_BASE64}"\n`);
    expect(JSON.parse(json.stdout).changed).toEqual([
      { key: 'cert', from: CERT_BASE64, fromEncoding: 'base64', to: CERT_BASE64 },
    ]);
  });
});

describe('reading bytes from files', () => {
  it('reads json {"$base64"} and yaml !!binary as bytes, and writes them back the same way', () => {
    expect(parseValues('json', `{"tls":{"cert":{"$base64":"${CERT_BASE64}"}}}`, 'a.json')).toEqual([
      { key: 'tls/cert', value: CERT_BASE64, binary: true },
    ]);
    expect(parseValues('yaml', `cert: !!binary |\n  ${CERT_BASE64}\nname: x\n`, 'a.yaml')).toEqual([
      { key: 'cert', value: CERT_BASE64, binary: true },
      { key: 'name', value: 'x' },
    ]);
    const values = [['cert', CERT_BASE64, true] as const, ['name', 'x'] as const];
    for (const format of ['json', 'yaml'] as const) {
      expect(parseValues(format, serialize(format, values), `round.${format}`)).toEqual([
        { key: 'cert', value: CERT_BASE64, binary: true },
        { key: 'name', value: 'x' },
      ]);
    }
  });

  it('names a value that claims to be bytes and is not base64, or holds more than "$base64"', () => {
    expect(() => parseValues('json', '{"cert":{"$base64":"@@@"}}', 'a.json')).toThrow(
      "a.json: the value of 'cert' is not base64",
    );
    expect(() => parseValues('yaml', 'cert: !!binary "@@@"\n', 'a.yaml')).toThrow(
      "a.yaml: the value of 'cert' is not base64",
    );
    expect(() => parseValues('json', '{"cert":{"$base64":"AA==","x":"1"}}', 'a.json')).toThrow(
      `a.json: the value of 'cert' must be {"$base64": "<base64 text>"} alone`,
    );
    expect(() => parseValues('json', '{"cert":{"$base64":3}}', 'a.json')).toThrow('alone');
  });
});
