import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SCRIPT, onTerminal, paramkit } from './helpers/bin.js';
import { SECRET_PARAM, useEmulator } from './helpers/emulator.js';

// import through the built bin: dotenv files read as the common parsers read them (refused naming the line), and
// --prune. The seed's /app/staging holds db/url, db/password and debug; secret:staging/ holds token.
const test = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'paramkit-import-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const staging = () =>
  ['db/url', 'db/password', 'debug', 'feature'].map((key) =>
    test.emulator.ssm.getParameterValue(`/app/staging/${key}`),
  );

describe('import of dotenv files', () => {
  it('writes what the common dotenv parsers read: export, comments, quotes, multi-line values', async () => {
    const env = file(
      'full.env',
      [
        '# staging settings',
        'export DB_URL=postgres://new # moved',
        '',
        'PASSWORD="it\'s"',
        'CERT="-----BEGIN-----\\nabc\n-----END-----"',
        "MOTTO='a # b'",
      ].join('\n'),
    );
    const run = await paramkit(['import', '/app/env', env, '--yes'], test.env);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('wrote 4 values to /app/env') });
    expect(
      ['DB_URL', 'PASSWORD', 'CERT', 'MOTTO'].map((k) => test.emulator.ssm.getParameterValue(`/app/env/${k}`)),
    ).toEqual(['postgres://new', "it's", '-----BEGIN-----\nabc\n-----END-----', 'a # b']);
  });

  it.each([
    ['a line without =', 'A=1\nstray-secret-line\n', "line 2: expected NAME=value, but the line has no '='"],
    ['a quote never closed', 'A="stray-secret\nB=2\n', 'line 1: the value of A opens a " quote that is never closed'],
    ['an ambiguous #', 'A=stray#secret\n', "line 1: the unquoted value of A has a '#' that some dotenv parsers"],
  ])('refuses %s with its line number, writing nothing', async (_, text, problem) => {
    const env = file('bad.env', text);
    const run = await paramkit(['import', '/app/bad', env, '--yes'], test.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`paramkit: ${env}, ${problem}`);
    expect(run.all).not.toContain('stray');
    expect(test.emulator.ssm.listNames().filter((name) => name.startsWith('/app/bad'))).toEqual([]);
  });

  it('refuses empty values before writing anything, naming them and their lines', async () => {
    const env = file('empty.env', 'A=1\nEMPTY=\nB=2\nQUOTED=""\n');
    const [ssm, secrets] = await Promise.all([
      paramkit(['import', '/app/empty', env, '--yes'], test.env),
      paramkit(['import', 'secret:empty/', '-', '--format', 'dotenv', '--yes'], test.env, { input: 'A=1\nE=\n' }),
    ]);
    expect(ssm).toMatchObject({ code: 2, stdout: '' });
    expect(ssm.stderr).toContain(
      'paramkit: nothing written: Parameter Store cannot hold an empty value: EMPTY (line 2), QUOTED (line 4)\n',
    );
    expect(secrets.stderr).toContain(
      'paramkit: nothing written: Secrets Manager cannot hold an empty value: E (line 2)',
    );
    expect(test.emulator.ssm.getParameterValue('/app/empty/A')).toBeUndefined();
    expect(test.emulator.secretsManager.getSecret('empty/A')).toBeUndefined();
  });

  it('notes a name given twice and imports its last value', async () => {
    const run = await paramkit(['import', '/app/twice', file('twice.env', 'A=1\nA=2\n'), '--yes'], test.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('line 2: A is set again (first on line 1); the last value is used');
    expect(test.emulator.ssm.getParameterValue('/app/twice/A')).toBe('2');
  });
});

describe('import --type', () => {
  it('types the new parameters only: an existing SecureString stays one', async () => {
    const json = file('typed.json', JSON.stringify({ db: { password: 'new-s3cret' }, fresh: 'v' }));
    const run = await paramkit(['import', '/app/staging', json, '--type', 'String', '--yes'], test.env);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('wrote 2 values to /app/staging') });
    const listed = await paramkit(['ls', '/app/staging', '-r', '--json'], test.env);
    const types = Object.fromEntries(
      (JSON.parse(listed.stdout) as { name: string; type: string }[]).map(({ name, type }) => [name, type]),
    );
    expect(types).toMatchObject({ '/app/staging/db/password': 'SecureString', '/app/staging/fresh': 'String' });
    expect(test.emulator.ssm.getParameterValue('/app/staging/db/password')).toBe('new-s3cret');
  });
});

describe('import of values too large for where they go', () => {
  const long = (n: number) => 'v'.repeat(n);
  const tierOf = async (name: string) =>
    JSON.parse((await paramkit(['history', name, '--json'], test.env)).stdout).versions.at(-1).tier;

  it('refuses, before writing anything, a value over 4 KB for a new Standard parameter, and names the flag', async () => {
    const json = file('large.json', JSON.stringify({ big: long(5_000), small: 'ok' }));
    const refused = await paramkit(['import', '/app/large', json, '--yes'], test.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'nothing written: the Standard tier holds up to 4096 characters, and these are longer: big ' +
        '(add --tier Intelligent-Tiering',
    );
    expect(test.emulator.ssm.getParameterValue('/app/large/small')).toBeUndefined();
    const written = await paramkit(['import', '/app/large', json, '--yes', '--tier', 'Intelligent-Tiering'], test.env);
    expect(written.code).toBe(0);
    expect(test.emulator.ssm.getParameterValue('/app/large/big')).toBe(long(5_000));
    expect([await tierOf('/app/large/big'), await tierOf('/app/large/small')]).toEqual(['Advanced', 'Standard']);
  });

  it('looks up the tier of an existing parameter: an Advanced one takes a large value, a Standard one is refused', async () => {
    test.emulator.load({
      ssm: {
        parameters: [
          { name: '/app/tiers/advanced', value: 'a', type: 'String', tier: 'Advanced' },
          { name: '/app/tiers/standard', value: 's', type: 'String' },
        ],
      },
    });
    const advanced = file('advanced.json', JSON.stringify({ advanced: long(6_000) }));
    expect((await paramkit(['import', '/app/tiers', advanced, '--yes'], test.env)).code).toBe(0);
    expect(test.emulator.ssm.getParameterValue('/app/tiers/advanced')).toBe(long(6_000));
    const standard = file('standard.json', JSON.stringify({ standard: long(6_000) }));
    const refused = await paramkit(['import', '/app/tiers', standard, '--yes'], test.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('these are longer: standard');
    expect(test.emulator.ssm.getParameterValue('/app/tiers/standard')).toBe('s');
  });

  it('refuses a parameter over 8 KB and a secret over 64 KiB whatever the flags, and --tier for secrets', async () => {
    const huge = file('huge.json', JSON.stringify({ huge: long(8_193) }));
    const parameter = await paramkit(['import', '/app/huge', huge, '--yes', '--tier', 'Advanced'], test.env);
    expect(parameter.code).toBe(2);
    expect(parameter.stderr).toContain(
      'a parameter holds up to 8192 characters (Advanced tier); these are longer: huge',
    );
    // 'é' is two bytes in UTF-8: 40,000 characters are 80,000 bytes.
    const wide = file('wide.json', JSON.stringify({ wide: 'é'.repeat(40_000), fine: long(60_000) }));
    const secret = await paramkit(['import', 'secret:huge/', wide, '--yes'], test.env);
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain('Secrets Manager holds up to 64 KiB a value; these are larger: wide\n');
    const tier = await paramkit(['import', 'secret:huge/', wide, '--yes', '--tier', 'Advanced'], test.env);
    expect(tier).toMatchObject({ code: 2, stderr: expect.stringContaining('--tier applies to parameters') });
  });
});

describe('import --prune', () => {
  const yaml = () => file('staging.yaml', `db:\n  url: postgres://staging\n  password: ${SECRET_PARAM}\nfeature: on\n`);
  const plan = [
    'import into /app/staging: 1 to add, 0 to change, 2 unchanged, 1 to delete',
    '  - debug',
    '  + feature',
  ].join('\n');

  it('shows what it would delete, and deletes nothing on --dry-run or without --yes in a pipe', async () => {
    const [dry, refused, without] = await Promise.all([
      paramkit(['import', '/app/staging', yaml(), '--prune', '--dry-run'], test.env),
      paramkit(['import', '/app/staging', yaml(), '--prune'], test.env),
      paramkit(['import', '/app/staging', yaml(), '--dry-run'], test.env),
    ]);
    expect(dry).toMatchObject({ code: 0, stdout: `${plan}\n`, stderr: 'dry run: nothing written or deleted\n' });
    expect(refused).toMatchObject({ code: 2, stdout: `${plan}\n` });
    expect(refused.stderr).toContain('nothing written: no terminal to confirm on; pass --yes');
    expect(without.stdout).toContain('1 not in the file (left as they are)');
    expect(without.stdout).not.toContain('- debug');
    expect(staging()).toEqual(['postgres://staging', SECRET_PARAM, 'true', undefined]);
  });

  it('writes, then deletes what the file does not name, sub-paths included', async () => {
    test.emulator.ssm.putParameter({ name: '/app/staging/old/deep/key', value: 'x', type: 'String' });
    const run = await paramkit(['import', '/app/staging', yaml(), '--prune', '--yes', '--json'], test.env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      target: '/app/staging',
      add: ['feature'],
      change: [],
      unchanged: 2,
      delete: ['debug', 'old/deep/key'],
      written: ['/app/staging/feature'],
      failed: [],
      notWritten: [],
      deleted: ['/app/staging/debug', '/app/staging/old/deep/key'],
      notDeleted: [],
    });
    expect(staging()).toEqual(['postgres://staging', SECRET_PARAM, undefined, 'on']);
    expect(test.emulator.ssm.getParameterValue('/app/staging/old/deep/key')).toBeUndefined();
    const again = await paramkit(['import', '/app/staging', yaml(), '--prune', '--yes'], test.env);
    expect(again).toMatchObject({ code: 0, stdout: 'import into /app/staging: 0 to add, 0 to change, 3 unchanged\n' });
  });

  it('deletes many parameters, ten a call, and only parameters under the target', async () => {
    for (let n = 0; n < 23; n += 1) {
      test.emulator.ssm.putParameter({ name: `/app/many/k${n}`, value: `${n}`, type: 'String' });
    }
    const run = await paramkit(['import', '/app/many', file('one.json', '{"k0":"0"}'), '--prune', '--yes'], test.env);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('deleted 22 values from /app/many\n') });
    expect(test.emulator.ssm.listNames().filter((name) => name.startsWith('/app/many/'))).toEqual(['/app/many/k0']);
    expect(test.emulator.ssm.getParameterValue('/app/prod/db/url')).toBe('postgres://prod');
  });

  it('deletes secrets with the recovery window, so they can be restored', async () => {
    const run = await paramkit(['import', 'secret:staging/', '-', '--format', 'dotenv', '--prune', '--yes'], test.env, {
      input: 'NEW=1\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'import into secret:staging/: 1 to add, 0 to change, 0 unchanged, 1 to delete\n  + NEW\n  - token\n',
    );
    expect(run.stdout).toMatch(
      /deleted 1 values from secret:staging\/ \(recoverable until \d{4}-\d\d-\d\dT[\d:]+Z\)\n/,
    );
    expect(test.emulator.secretsManager.getSecret('staging/token')).toMatchObject({ deletedDate: expect.any(Date) });
    expect(test.emulator.secretsManager.getSecret('prod/token')).toMatchObject({ deletedDate: undefined });
  });

  it('matches a dotenv file by variable name, as diff does: an exported file imported back changes nothing', async () => {
    const exported = await paramkit(['export', '/app/staging', '--recursive', '--format', 'dotenv'], test.env);
    expect(exported.stdout).toContain("DB_URL='postgres://staging'");
    const env = file('round-trip.env', exported.stdout);
    const back = await paramkit(['import', '/app/staging', env, '--prune', '--yes'], test.env);
    expect(back).toMatchObject({ code: 0, stdout: 'import into /app/staging: 0 to add, 0 to change, 3 unchanged\n' });
    const edited = file('edited.env', exported.stdout.replace("DEBUG='true'", "DEBUG='false'"));
    const changed = await paramkit(['import', '/app/staging', edited, '--yes'], test.env);
    expect(changed.stdout).toContain('import into /app/staging: 0 to add, 1 to change, 2 unchanged\n  ~ debug');
    expect(staging()).toEqual(['postgres://staging', SECRET_PARAM, 'false', undefined]); // its own key, not DEBUG
  });

  it.each([
    ['/', 'parameter'],
    ['secret:', 'secret'],
  ])('refuses to prune the whole store (%s), as an empty variable in the target would', async (target, kind) => {
    const run = await paramkit(['import', target, yaml(), '--prune', '--yes'], test.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--prune under ${target} would delete every ${kind} the file does not name`);
    expect(staging()).toEqual(['postgres://staging', SECRET_PARAM, 'true', undefined]);
  });

  it('refuses to prune with a file that holds no values', async () => {
    const run = await paramkit(['import', '/app/staging', '-', '--format', 'json', '--prune', '--yes'], test.env, {
      input: '{}',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'nothing written: the file holds no values, so --prune would delete all 3 under /app/staging; use paramkit rm',
    );
    expect(staging()).toEqual(['postgres://staging', SECRET_PARAM, 'true', undefined]);
  });

  it('deletes nothing when a write fails', async () => {
    test.emulator.faults.add({ service: 'ssm', operation: 'PutParameter', serverErrorRate: 1 });
    const run = await paramkit(['import', '/app/staging', yaml(), '--prune', '--yes'], {
      ...test.env,
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing deleted: --prune deletes only after every value is written');
    expect(staging()).toEqual(['postgres://staging', SECRET_PARAM, 'true', undefined]);
  });

  it('says what was deleted and what was not when a deletion fails', async () => {
    test.emulator.faults.add({ service: 'ssm', operation: 'DeleteParameters', serverErrorRate: 1 });
    const run = await paramkit(['import', '/app/staging', yaml(), '--prune', '--yes'], {
      ...test.env,
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('wrote 1 values to /app/staging\n');
    expect(run.stderr).toMatch(
      /paramkit: import stopped while deleting: all 1 values written, 0 of 1 deleted\nfailed: \/app\/staging\/debug \(\w+\)\n/,
    );
    expect(run.stderr).toContain('not deleted (1):\n  /app/staging/debug\n');
  });

  it.skipIf(!HAS_SCRIPT)('asks on a terminal, naming both the writes and the deletions', async () => {
    const run = await onTerminal(`import /app/staging ${yaml()} --prune`, test.env);
    expect(run.stdout).toContain('write 1 value to /app/staging and delete 1 from it? [y/N]');
    expect(run.stdout).toContain('aborted: nothing written');
    expect(staging()).toEqual(['postgres://staging', SECRET_PARAM, 'true', undefined]);
  });
});
