import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finished, HAS_SCRIPT, paramkit, onTerminal as runOnTerminal, start } from './helpers/bin.js';
import { SECRET_PARAM, SECRET_TOKEN, useEmulator } from './helpers/emulator.js';

// env and exec, and the rule that no secret reaches the terminal unasked.
const test = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'paramkit-cli-'));
const TRICKY = `it's "$HOME" \`id\` \\n $(echo no)\nsecond line`;
const PRINT_ENV =
  'const {DB_URL,DB_PASSWORD,TOKEN,API_KEY}=process.env;console.log(JSON.stringify({DB_URL,DB_PASSWORD,TOKEN,API_KEY}))';

describe('env and exec', () => {
  it('env prints exports a shell reads back exactly, later sources winning', async () => {
    test.emulator.ssm.putParameter({ name: '/app/tricky/value', value: TRICKY, type: 'String' });
    const override = join(dir, 'override.env');
    writeFileSync(override, 'DB_URL=postgres://override\n');
    const [tricky, merged] = await Promise.all([
      paramkit(['env', '/app/tricky'], test.env),
      paramkit(['env', '/app/prod', 'secret:prod/', override, '-r', '--json'], test.env),
    ]);
    expect(tricky.code).toBe(0);
    const shell = spawnSync('sh', ['-c', `${tricky.stdout}\nprintf '%s' "$VALUE"`], { encoding: 'utf8' });
    expect(shell.stdout).toBe(TRICKY);
    expect(JSON.parse(merged.stdout)).toEqual({
      DB_PASSWORD: SECRET_PARAM,
      DB_URL: 'postgres://override',
      LIMITS: '{"max":3}',
      TOKEN: SECRET_TOKEN,
    });
  });

  it('exec runs the command with the values, passes its exit code through, and fails clearly', async () => {
    const script = `${PRINT_ENV};process.exit(7)`;
    const [ran, notFound, noCommand] = await Promise.all([
      paramkit(['exec', '/app/prod', 'secret:prod/', '-r', '--', process.execPath, '-e', script], {
        ...test.env,
        API_KEY: 'kept',
      }),
      paramkit(['exec', '/app/prod', '--', 'paramkit-no-such-command'], test.env),
      paramkit(['exec', '/app/prod'], test.env),
    ]);
    expect(ran.code).toBe(7);
    expect(JSON.parse(ran.stdout)).toEqual({
      DB_URL: 'postgres://prod',
      DB_PASSWORD: SECRET_PARAM,
      TOKEN: SECRET_TOKEN,
      API_KEY: 'kept',
    });
    expect(notFound).toMatchObject({ code: 127, stderr: 'paramkit: cannot run paramkit-no-such-command (ENOENT)\n' });
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toContain('give the command after --');
  });

  it("exec gives the command the user's environment, without the variables paramkit sets for itself", async () => {
    const WARNING = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
    const script = `console.log(JSON.stringify({ warning: process.env.${WARNING} ?? null }))`;
    const { [WARNING]: _unset, ...withoutIt } = test.env;
    const [unset, set] = await Promise.all([
      paramkit(['exec', '/app/prod', '--', process.execPath, '-e', script], withoutIt),
      paramkit(['exec', '/app/prod', '--', process.execPath, '-e', script], { ...withoutIt, [WARNING]: 'yes' }),
    ]);
    expect([unset.code, JSON.parse(unset.stdout)]).toEqual([0, { warning: null }]);
    expect([set.code, JSON.parse(set.stdout)]).toEqual([0, { warning: 'yes' }]);
  });

  it('exec forwards SIGTERM to the command and exits with its code', async () => {
    const script =
      "process.on('SIGTERM',()=>{console.log('got SIGTERM');process.exit(5)});console.log('ready');setInterval(()=>{},1000)";
    const child = start(['exec', '/app/prod', '--', process.execPath, '-e', script], test.env);
    const done = finished(child);
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
    });
    child.kill('SIGTERM');
    const run = await done;
    expect(run).toMatchObject({ code: 5, stdout: 'ready\ngot SIGTERM\n' });
  });
});

describe('secrets stay off the terminal', () => {
  it('prints no secret value without --reveal, whatever the verb or failure', async () => {
    const file = join(dir, 'incoming.json');
    writeFileSync(file, JSON.stringify({ db: { password: 'NEW-SECRET-VALUE' } }));
    const runs = await Promise.all([
      paramkit(['ls', '/app', '-r'], test.env),
      paramkit(['ls', '/app', '-r', '--json'], test.env),
      paramkit(['ls', 'secret:', '-r', '--json'], test.env),
      paramkit(['history', '/app/prod/db/password', '--json'], test.env),
      paramkit(['history', 'secret:prod/token'], test.env),
      paramkit(['diff', '/app/prod', file, '-r'], test.env),
      paramkit(['diff', 'secret:prod/', 'secret:staging/', '--json'], test.env),
      paramkit(['import', '/app/prod', file, '--dry-run', '--json'], test.env),
      paramkit(['import', '/app/prod', file], test.env),
      paramkit(['export', '/app/prod', '-r', '-o', join(dir, 'out.json')], test.env),
      // A refused write: the error names the parameter, not the value given.
      paramkit(['put', '/app/prod/db/password', 'NEW-SECRET-VALUE'], test.env),
      paramkit(['put', 'secret:prod/token', '--file', file], test.env),
    ]);
    for (const run of runs) {
      expect(run.code).not.toBeNull();
      for (const secret of [SECRET_PARAM, SECRET_TOKEN, 'NEW-SECRET-VALUE']) expect(run.all).not.toContain(secret);
    }
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0, 0, 3, 3, 0, 2, 0, 1, 1]);
    // Asked for, they are shown.
    const revealed = await paramkit(['ls', '/app/prod', '-r', '--reveal'], test.env);
    expect(revealed.stdout).toContain(SECRET_PARAM);
  });

  it('does not echo a value typed where an option goes (put /app/x -s3cret), and says how to give it', async () => {
    const [dashed, unknown] = await Promise.all([
      paramkit(['put', '/app/x', '-s3cretPass'], test.env),
      paramkit(['put', '/app/x', '--nope'], test.env),
    ]);
    expect(dashed.code).toBe(2);
    expect(dashed.all).not.toContain('s3cret');
    expect(dashed.stderr).toContain("to give a value that starts with '-', put '--' before it or pipe it on stdin");
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--nope'") });
  });

  it('shows a multi-line value or a terminal escape in a --reveal table as one quoted line', async () => {
    test.emulator.ssm.putParameter({ name: '/app/table/lines', value: 'one\ntwo', type: 'String' });
    test.emulator.ssm.putParameter({ name: '/app/table/paint', value: '\u001b[31mred\u009b', type: 'String' });
    test.emulator.ssm.putParameter({ name: '/app/table/plain', value: 'plain text', type: 'String' });
    const listed = await paramkit(['ls', '/app/table', '--reveal'], test.env);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\/app\/table\/lines\s.*\s"one\\ntwo"$/);
    expect(lines[2]).toMatch(/^\/app\/table\/paint\s.*\s"\\u001b\[31mred\\u009b"$/);
    expect(lines[3]).toMatch(/^\/app\/table\/plain\s.*\splain text$/);
    expect(listed.stdout).not.toContain('\u001b');
  });

  it.skipIf(!HAS_SCRIPT)('refuses to print secrets to a terminal (export, env) unless --reveal', async () => {
    const onTerminal = (args: string) => runOnTerminal(args, test.env);
    const [exported, env, asked] = await Promise.all([
      onTerminal('export /app/prod -r'),
      onTerminal('env /app/prod -r'),
      onTerminal('env /app/prod -r --reveal'),
    ]);
    for (const run of [exported, env]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toContain('this would print 1 secret value to the terminal');
      expect(run.stdout).not.toContain(SECRET_PARAM);
    }
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain(`export DB_PASSWORD='${SECRET_PARAM}'`);
  });
});

describe('progress', () => {
  const CLEAR = '\r\x1b[2K';
  const seedMany = () => {
    for (let i = 0; i < 25; i++) {
      test.emulator.ssm.putParameter({ name: `/big/k${String(i).padStart(2, '0')}`, value: `v${i}`, type: 'String' });
    }
  };

  it.skipIf(!HAS_SCRIPT)('shows one line rewritten in place on a terminal while reading and writing', async () => {
    seedMany();
    const out = join(dir, 'big.json');
    const file = join(dir, 'big-in.json');
    writeFileSync(file, JSON.stringify(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`n${i}`, `x${i}`]))));
    const [exported, imported, off, json] = await Promise.all([
      runOnTerminal(`export /big -o ${out}`, test.env),
      runOnTerminal(`import /copy ${file} --yes --type String`, test.env),
      runOnTerminal(`export /big -o ${join(dir, 'quiet.json')} --no-progress`, test.env),
      runOnTerminal(`ls /big --json`, test.env),
    ]);
    expect(exported.code).toBe(0);
    // Pages of ten: the count after each, then the line cleared before the final message.
    const reading = exported.stdout.split(CLEAR).filter((part) => part.startsWith('reading'));
    expect(reading).toEqual(['reading /big: 10 values', 'reading /big: 20 values', 'reading /big: 25 values']);
    expect(exported.stdout).toContain(`reading /big: 25 values${CLEAR}wrote 25 values to ${out} (json)`);
    expect(imported.code).toBe(0);
    const writing = imported.stdout.split(CLEAR).filter((part) => part.startsWith('writing'));
    expect(writing).toHaveLength(12);
    expect(writing.at(-1)).toBe('writing /copy: 12/12');
    expect(test.emulator.ssm.getParameterValue('/copy/n11')).toBe('x11');
    // --no-progress and --json keep the terminal free of it.
    for (const run of [off, json]) {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('\x1b[');
      expect(run.stdout).not.toContain('reading');
    }
  });

  it('stays quiet in pipes: stderr has only the final message', async () => {
    seedMany();
    const out = join(dir, 'piped.json');
    const file = join(dir, 'piped-in.json');
    writeFileSync(file, JSON.stringify({ a: '1', b: '2', c: '3' }));
    const [exported, imported, diffed] = await Promise.all([
      paramkit(['export', '/big', '-o', out], test.env),
      paramkit(['import', '/copy2', file, '--yes', '--type', 'String'], test.env),
      paramkit(['diff', '/big', file], test.env),
    ]);
    expect(exported).toMatchObject({ code: 0, stdout: '', stderr: `wrote 25 values to ${out} (json)\n` });
    expect(imported.code).toBe(0);
    expect(diffed.code).toBe(3);
    for (const run of [exported, imported, diffed]) {
      expect(run.all).not.toContain('\x1b[');
      expect(run.all).not.toContain('\r');
      expect(run.stderr).not.toMatch(/reading|writing/);
    }
  });
});
