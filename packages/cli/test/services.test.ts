import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, paramkit, start, userEnv } from './helpers/bin.js';

// `paramkit emulator` and `paramkit agent` start the other packages and stop cleanly on SIGTERM.

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

  it('exits 2 on a bad port and 1 on a seed it cannot read', async () => {
    const [badPort, noSeed] = await Promise.all([
      paramkit(['emulator', '--port', 'x'], userEnv('unused')),
      paramkit(['emulator', '--port', '0', '--seed', '/nonexistent/seed.json'], userEnv('unused')),
    ]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port must be a whole number from 0 to 65535, got 'x'");
    expect(noSeed).toMatchObject({
      code: 1,
      stderr: 'paramkit: cannot read seed file /nonexistent/seed.json (ENOENT)\n',
    });
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
