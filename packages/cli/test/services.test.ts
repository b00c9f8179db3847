import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, paramkit, start, userEnv } from './helpers/bin.js';

// `paramkit emulator` and `paramkit agent` start the other packages and stop cleanly on SIGTERM.

/** The emulator's own bin, `paramkit-emulator`, as its package publishes it. */
const EMULATOR_BIN = join(
  dirname(createRequire(import.meta.url).resolve('@paramkit/emulator/package.json')),
  'dist/cli.js',
);

/** Resolves with the first line of `stream` matching `pattern`. */
function waitFor(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    child[stream]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) resolve(match);
    });
    child.once('exit', () => reject(new Error(`exited before printing ${pattern}: ${text}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('emulator', () => {
  it('serves on the port asked for, with a seed, until SIGTERM', async () => {
    const child = start(['emulator', '--port', '0', '--seed', 'test/fixtures/seed.json'], userEnv('unused'), {
      cwd: new URL('..', import.meta.url).pathname,
    });
    const done = finished(child);
    const [, endpoint] = await waitFor(child, 'stdout', /paramkit emulator listening on (http:\/\/\S+)\n/);
    const got = await paramkit(['get', '/seeded/value', '--endpoint', endpoint as string], userEnv('unused'));
    expect(got).toMatchObject({ code: 0, stdout: 'from-the-seed\n' });
    child.kill('SIGTERM');
    expect(await done).toMatchObject({ code: 0, stderr: '' });
  });

  it('reads flags and seed files as paramkit-emulator does: exit 2 on a bad flag, 1 on a bad seed, the same words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paramkit-seed-'));
    // A seed that is not JSON, holding a secret: the message gives the position only.
    writeFileSync(join(dir, 'broken.json'), '{ "ssm": { "/a": "SEED-SECRET-VALUE" ');
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ ssm: { parameters: [{ name: '/a', value: 1 }] } }));
    const cases = [
      ['--port', 'x'],
      ['--port', '0', '--host', ''],
      ['--port', '0', '--seed', '/nonexistent/seed.json'],
      ['--port', '0', '--seed', 'broken.json'],
      ['--port', '0', '--seed', 'wrong.json'],
    ];
    const env = userEnv('unused');
    const runs = await Promise.all(
      cases.flatMap((args) => [
        paramkit(['emulator', ...args], env, { cwd: dir }),
        finished(spawn(process.execPath, [EMULATOR_BIN, ...args], { cwd: dir, env })),
      ]),
    );
    const ours = runs.filter((_, i) => i % 2 === 0);
    const theirs = runs.filter((_, i) => i % 2 === 1);
    expect(ours.map((run) => run.code)).toEqual([2, 2, 1, 1, 1]);
    expect(ours.map((run) => run.code)).toEqual(theirs.map((run) => run.code));
    ours.forEach((run, i) => {
      expect(run.stderr).toBe(theirs[i]?.stderr.replaceAll('paramkit-emulator', 'paramkit emulator'));
    });
    expect(ours[0]?.stderr).toContain("paramkit emulator: --port must be a whole number from 0 to 65535, got 'x'");
    expect(ours[2]?.stderr).toBe('paramkit emulator: cannot read seed file /nonexistent/seed.json: ENOENT\n');
    expect(ours[3]?.stderr).toMatch(/^paramkit emulator: seed file broken\.json is not valid JSON/);
    expect(ours[4]?.stderr).toContain('ssm.parameters[0].value');
    for (const run of runs) expect(run.all).not.toContain('SEED-SECRET-VALUE');
  });
});

describe('agent', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: { ssm: { '/agent/value': 'through-the-agent' } } });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('serves the extension API from the store at --endpoint until SIGTERM', async () => {
    const port = await freePort();
    const env = userEnv('unused', { AWS_SESSION_TOKEN: 'test-token', AWS_REGION: 'us-east-1' });
    const child = start(['agent', '--endpoint', emulator.endpoint, '--port', String(port)], {
      ...env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    const done = finished(child);
    await waitFor(child, 'stderr', /"msg":"listening"/);
    const response = await fetch(`http://127.0.0.1:${port}/systemsmanager/parameters/get?name=%2Fagent%2Fvalue`, {
      headers: { 'X-Aws-Parameters-Secrets-Token': 'test-token' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { Parameter: { Value: string } }).Parameter.Value).toBe('through-the-agent');
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });
});
