import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HAS_SCRIPT, onTerminal, paramkit } from './helpers/bin.js';
import { SECRET_PARAM, SECRET_TOKEN, useEmulator } from './helpers/emulator.js';

// export, import and diff through the built bin.
const test = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'paramkit-cli-'));
const declaration = fileURLToPath(new URL('./fixtures/config.mjs', import.meta.url));
const DECLARED = {
  dbUrl: 'postgres://prod',
  dbPassword: SECRET_PARAM,
  token: SECRET_TOKEN,
  limits: '{"max":3}',
  flags: '{"beta":true}',
  serviceUrl: 'https://svc.internal',
};
const PROD = { 'db/password': SECRET_PARAM, 'db/url': 'postgres://prod', limits: '{"max":3}' };

describe('export', () => {
  it('writes a path, a secrets folder and a config declaration as json, yaml and dotenv', async () => {
    const out = join(dir, 'prod.env');
    const [json, yaml, file, secrets, declared, declaredEnv] = await Promise.all([
      paramkit(['export', '/app/prod', '-r'], test.env),
      paramkit(['export', '/app/prod', '-r', '--format', 'yaml'], test.env),
      paramkit(['export', '/app/prod', '-r', '-o', out], test.env),
      paramkit(['export', 'secret:prod/', '--format', 'dotenv'], test.env),
      paramkit(['export', declaration], test.env),
      paramkit(['export', `config:${declaration}`, '--format', 'dotenv'], test.env),
    ]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(PROD);
    expect(parseYaml(yaml.stdout)).toEqual(PROD);
    expect(file).toMatchObject({ code: 0, stdout: '', stderr: `wrote 3 values to ${out} (dotenv)\n` });
    expect(readFileSync(out, 'utf8')).toBe(
      `DB_PASSWORD='${SECRET_PARAM}'\nDB_URL='postgres://prod'\nLIMITS='{"max":3}'\n`,
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(secrets).toMatchObject({ code: 0, stdout: `TOKEN='${SECRET_TOKEN}'\n` });
    // The declaration's keys (describe().key) and env names (describe().envName); values as toEnv() writes them;
    // the optional value that is not there is left out.
    expect(declared.stderr).toBe('');
    expect(JSON.parse(declared.stdout)).toEqual(DECLARED);
    expect(declaredEnv.stdout).toBe(
      `DB_URL='postgres://prod'\nDB_PASSWORD='${SECRET_PARAM}'\nAPI_TOKEN='${SECRET_TOKEN}'\nLIMITS='{"max":3}'\n` +
        `FLAGS='{"beta":true}'\nSERVICE_URL='https://svc.internal'\n`,
    );
  });
});

describe('messages naming what was read', () => {
  it('mask secret values only: a plain String value (`app`) leaves the names holding it alone', async () => {
    test.emulator.load({
      ssm: {
        parameters: [
          { name: '/app/plain/a-b', value: 'app', type: 'String' },
          { name: '/app/plain/a_b', value: 'x', type: 'String' },
          { name: '/app/hidden/a-b', value: 'app', type: 'SecureString' },
          { name: '/app/hidden/a_b', value: 'x', type: 'String' },
        ],
      },
    });
    const [plain, hidden] = await Promise.all([
      paramkit(['export', '/app/plain', '--format', 'dotenv'], test.env),
      paramkit(['export', '/app/hidden', '--format', 'dotenv'], test.env),
    ]);
    expect(plain).toMatchObject({ code: 1, stdout: '' });
    expect(plain.stderr).toContain('/app/plain/a-b and /app/plain/a_b would both be written as A_B');
    // A SecureString's value is masked wherever it appears, even inside a name: the price of never showing it.
    expect(hidden.stderr).toContain('/****/hidden/a-b and /****/hidden/a_b would both be written as A_B');
  });
});

describe('a single name where a path or folder goes', () => {
  it('reads as empty, and diff, export and env say so on stderr', async () => {
    const runs = await Promise.all([
      paramkit(['diff', 'secret:prod/token', 'secret:staging/token'], test.env),
      paramkit(['export', 'secret:prod/token'], test.env),
      paramkit(['env', 'secret:prod/token'], test.env),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        'paramkit: no values under secret:prod/token (a path or folder: to read one value, use get; add -r',
      );
    }
  });
});

describe('a config declaration', () => {
  it('names and writes values as the declaration does: describe() keys and envNames, toEnv() text', async () => {
    const { defineConfig } = await import('@paramkit/parameters/config');
    const { config } = (await import(declaration)) as { config: ReturnType<typeof defineConfig> };
    expect(config.describe().map((entry) => [entry.key, entry.envName])).toEqual([
      ['dbUrl', 'DB_URL'],
      ['dbPassword', 'DB_PASSWORD'],
      ['token', 'API_TOKEN'],
      ['limits', 'LIMITS'],
      ['flags', 'FLAGS'],
      ['serviceUrl', 'SERVICE_URL'],
      ['unset', 'UNSET'],
    ]);
    // The function's own toEnv() against the same store gives the same names and text as `paramkit env`.
    const env: Record<string, string | undefined> = {};
    const previous = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = test.emulator.endpoint;
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'x';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'x';
    try {
      await config.toEnv({ env });
    } finally {
      process.env.AWS_ENDPOINT_URL = previous;
    }
    const cli = await paramkit(['env', declaration, '--json'], test.env);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(cli.stdout)).toEqual(env);
    expect(env).toEqual({
      DB_URL: 'postgres://prod',
      DB_PASSWORD: SECRET_PARAM,
      API_TOKEN: SECRET_TOKEN,
      LIMITS: '{"max":3}',
      FLAGS: '{"beta":true}',
      SERVICE_URL: 'https://svc.internal',
    });
  });

  it('reaches the store its clients are pointed at by --endpoint and --region alone', async () => {
    // A wrapper that records the region the declaration's SDK clients see when they are made.
    const seen = join(dir, 'region.txt');
    const wrapper = join(dir, 'wrapped.mjs');
    writeFileSync(
      wrapper,
      [
        "import { writeFileSync } from 'node:fs';",
        `import { config } from ${JSON.stringify(declaration)};`,
        'export default {',
        '  describe: () => config.describe(),',
        `  get: (options) => { writeFileSync(${JSON.stringify(seen)}, String(process.env.AWS_REGION) + ' ' + String(process.env.AWS_ENDPOINT_URL)); return config.get(options); },`,
        '  toEnv: (options) => config.toEnv(options),',
        '};',
      ].join('\n'),
    );
    const env = { ...test.env, AWS_ENDPOINT_URL: undefined };
    const run = await paramkit(['export', wrapper, '--endpoint', test.emulator.endpoint, '--region', 'eu-west-2'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual(DECLARED);
    expect(readFileSync(seen, 'utf8')).toBe(`eu-west-2 ${test.emulator.endpoint}`);
  });

  it.skipIf(!HAS_SCRIPT)('hides only sensitive values on a terminal: the SecureString and the secret', async () => {
    const [refused, shown] = await Promise.all([
      onTerminal(`export ${declaration}`, test.env),
      onTerminal(`export ${declaration} --reveal`, test.env),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('this would print 2 secret values to the terminal');
    expect(refused.stdout).not.toContain(SECRET_PARAM);
    expect(refused.stdout).not.toContain(SECRET_TOKEN);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(SECRET_TOKEN);
  });

  it('names every entry that failed, with no value, and exits 1', async () => {
    test.emulator.ssm.deleteParameter('/app/prod/limits');
    const run = await paramkit(['export', declaration], test.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("limits (ssm '/app/prod/limits'): not-found");
    expect(run.stderr).not.toContain(SECRET_PARAM);
    expect(run.stderr).not.toContain(SECRET_TOKEN);
  });
});

describe('import', () => {
  it('shows the plan, asks for --yes in a pipe, writes, and is idempotent', async () => {
    const file = join(dir, 'staging.yaml');
    writeFileSync(file, 'db:\n  url: postgres://new\n  password: hunter2-param-value\nfeature: on-1\nretries: 3\n');
    const plan = [
      'import into /app/staging: 2 to add, 1 to change, 1 unchanged, 1 not in the file (left as they are)',
      '  ~ db/url',
      '  + feature',
      '  + retries',
    ].join('\n');
    const [refused, dry] = await Promise.all([
      paramkit(['import', '/app/staging', file], test.env),
      paramkit(['import', '/app/staging', file, '--dry-run'], test.env),
    ]);
    expect(refused).toMatchObject({ code: 2, stdout: `${plan}\n` });
    expect(refused.stderr).toContain('nothing written: no terminal to confirm on; pass --yes');
    expect(dry).toMatchObject({ code: 0, stdout: `${plan}\n`, stderr: 'dry run: nothing written\n' });
    expect(test.emulator.ssm.getParameterValue('/app/staging/feature')).toBeUndefined();

    const applied = await paramkit(['import', '/app/staging', file, '--yes', '--json'], test.env);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toEqual({
      target: '/app/staging',
      add: ['feature', 'retries'],
      change: ['db/url'],
      unchanged: 1,
      written: expect.arrayContaining(['/app/staging/db/url', '/app/staging/feature', '/app/staging/retries']),
      failed: [],
      notWritten: [],
    });
    const [again, listed] = await Promise.all([
      paramkit(['import', '/app/staging', file, '--yes'], test.env),
      paramkit(['ls', '/app/staging', '-r', '--reveal', '--json'], test.env),
    ]);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('0 to add, 0 to change, 4 unchanged');
    const types = Object.fromEntries(
      JSON.parse(listed.stdout).map((p: { name: string; type: string; value: string }) => [p.name, [p.type, p.value]]),
    );
    // A changed parameter keeps its type; new ones are SecureStrings unless --type says otherwise.
    expect(types).toMatchObject({
      '/app/staging/db/url': ['String', 'postgres://new'],
      '/app/staging/feature': ['SecureString', 'on-1'],
      '/app/staging/retries': ['SecureString', '3'],
    });
  });

  it('imports dotenv from stdin into a secrets folder, with --yes only', async () => {
    const input = 'TOKEN=\'rotated\'\nNEW_KEY="two words"\n';
    const [piped, confirmed] = [
      await paramkit(['import', 'secret:staging/', '-', '--format', 'dotenv'], test.env, { input }),
      await paramkit(['import', 'secret:staging', '-', '--format', 'dotenv', '--yes'], test.env, { input }),
    ];
    expect(piped.code).toBe(2);
    expect(confirmed).toMatchObject({ code: 0 });
    // A dotenv file names variables: TOKEN is the secret staging/token, matched by its variable name as diff does.
    expect(confirmed.stdout).toContain('import into secret:staging: 1 to add, 1 to change, 0 unchanged');
    const got = await paramkit(['get', 'secret:staging/token', 'secret:staging/NEW_KEY', '--json'], test.env);
    expect(JSON.parse(got.stdout).map((s: { value: string }) => s.value)).toEqual(['rotated', 'two words']);
  });

  it('stops at a failure halfway and says what was written and what was not', async () => {
    const file = join(dir, 'bulk.json');
    writeFileSync(file, JSON.stringify(Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [`k${n}`, `value-${n}`]))));
    // Every PutParameter may fail; the fault's random source lets the first three through and fails the rest.
    let decisions = 0;
    test.random = () => (++decisions <= 3 ? 0.99 : 0);
    test.emulator.faults.add({ service: 'ssm', operation: 'PutParameter', serverErrorRate: 0.5 });
    const run = await paramkit(['import', '/app/bulk', file, '--yes', '--concurrency', '1'], {
      ...test.env,
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^paramkit: import stopped after a failure: 3 of 6 written\nfailed: \/app\/bulk\/k4 \(\w+\)\n/,
    );
    expect(run.stderr).toContain(
      'written (3):\n  /app/bulk/k1\n  /app/bulk/k2\n  /app/bulk/k3\n' +
        'not written (3):\n  /app/bulk/k4\n  /app/bulk/k5\n  /app/bulk/k6\n',
    );
    const stored = [1, 2, 3, 4, 5, 6].map((n) => test.emulator.ssm.getParameterValue(`/app/bulk/k${n}`));
    expect(stored).toEqual(['value-1', 'value-2', 'value-3', undefined, undefined, undefined]);
  });

  it('rides out throttling with the SDK’s adaptive retries', async () => {
    const file = join(dir, 'throttled.json');
    writeFileSync(file, JSON.stringify({ a: '1', b: '2', c: '3', d: '4' }));
    test.emulator.faults.add({ service: 'ssm', operation: 'PutParameter', throttleRate: 1, times: 2 });
    const run = await paramkit(['import', '/app/throttled', file, '--yes'], test.env);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('wrote 4 values to /app/throttled') });
    expect(['a', 'b', 'c', 'd'].map((k) => test.emulator.ssm.getParameterValue(`/app/throttled/${k}`))).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });
});

describe('diff', () => {
  it('lists added, removed and changed keys between environments and files; exit 3 when they differ', async () => {
    const same = join(dir, 'same.json');
    writeFileSync(same, JSON.stringify(PROD));
    const env = join(dir, 'prod-diff.env');
    writeFileSync(env, `DB_URL=postgres://prod\nDB_PASSWORD=${SECRET_PARAM}\nLIMITS={"max":4}\n`);
    const [paths, revealed, file, dotenv, secrets] = await Promise.all([
      paramkit(['diff', '/app/prod', '/app/staging', '-r'], test.env),
      paramkit(['diff', '/app/prod', '/app/staging', '-r', '--reveal', '--json'], test.env),
      paramkit(['diff', '/app/prod', same, '-r'], test.env),
      paramkit(['diff', '/app/prod', env, '-r'], test.env),
      paramkit(['diff', 'secret:prod/', 'secret:staging/', '--json'], test.env),
    ]);
    expect(paths).toMatchObject({ code: 3 });
    expect(paths.stdout).toBe(
      [
        '--- /app/prod',
        '+++ /app/staging',
        '~ db/url',
        '+ debug',
        '- limits',
        '3 differences: 1 added, 1 removed, 1 changed, 1 the same',
        '',
      ].join('\n'),
    );
    expect(revealed.code).toBe(3);
    expect(JSON.parse(revealed.stdout)).toEqual({
      from: '/app/prod',
      to: '/app/staging',
      added: [{ key: 'debug', value: 'true' }],
      removed: [{ key: 'limits', value: '{"max":3}' }],
      changed: [{ key: 'db/url', from: 'postgres://prod', to: 'postgres://staging' }],
      unchanged: 1,
    });
    expect(file).toMatchObject({ code: 0, stdout: expect.stringContaining('no differences (3 values the same)') });
    // Against a dotenv file the keys are compared by their environment names.
    expect(dotenv).toMatchObject({ code: 3, stdout: expect.stringContaining('~ LIMITS\n') });
    expect(JSON.parse(secrets.stdout)).toMatchObject({ changed: [{ key: 'token' }], unchanged: 0 });
    expect(secrets.code).toBe(3);
  });
});
