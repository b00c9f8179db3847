import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paramkit } from './helpers/bin.js';
import { useEmulator } from './helpers/emulator.js';

// What a user sees when the endpoint, the command line or one of several deletions goes wrong.
const test = useEmulator();

describe('a broken endpoint', () => {
  // Accepts connections and never answers: a wedged proxy, or the wrong port.
  let silent: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails with a timeout, not a hang, when the endpoint never answers', async () => {
    const address = silent.address();
    const endpoint = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    const started = Date.now();
    const run = await paramkit(['get', '/app/prod/db/url', '--endpoint', endpoint], {
      ...test.env,
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('TimeoutError');
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('names an endpoint that is not a URL instead of failing on credentials', async () => {
    const [flag, variable] = await Promise.all([
      paramkit(['ls', '/app', '--endpoint', 'localhost4566'], test.env),
      paramkit(['get', '/app/prod/db/url'], { ...test.env, AWS_ENDPOINT_URL: '127.0.0.1:4566' }),
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(
      "paramkit: --endpoint must be an http:// or https:// URL (http://127.0.0.1:4566), got 'localhost4566'",
    );
    expect(variable.code).toBe(2);
    expect(variable.stderr).toContain('AWS_ENDPOINT_URL must be an http:// or https:// URL');
  });
});

describe('what a failure says', () => {
  it('names a refused connection and a missing region once, with what to do, not wrapped in GetParameterError', async () => {
    const home = mkdtempSync(join(tmpdir(), 'paramkit-home-'));
    const [refused, secret, noRegion] = await Promise.all([
      paramkit(['get', '/app/prod/db/url', '--endpoint', 'http://127.0.0.1:1'], { ...test.env, AWS_MAX_ATTEMPTS: '1' }),
      paramkit(['get', 'secret:prod/token', '--endpoint', 'http://127.0.0.1:1'], {
        ...test.env,
        AWS_MAX_ATTEMPTS: '1',
      }),
      paramkit(['get', '/app/prod/db/url'], {
        ...Object.fromEntries(Object.entries(test.env).filter(([name]) => name !== 'AWS_ENDPOINT_URL')),
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      }),
    ]);
    const connect =
      'paramkit: connect ECONNREFUSED 127.0.0.1:1 (is the endpoint running? (--endpoint, AWS_ENDPOINT_URL))\n';
    expect(refused).toMatchObject({ code: 1, stderr: connect });
    expect(secret).toMatchObject({ code: 1, stderr: connect });
    expect(noRegion).toMatchObject({
      code: 1,
      stderr: 'paramkit: Region is missing (set AWS_REGION or pass --region)\n',
    });
  });

  it('tells a config module that is not there from one whose import is missing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'paramkit-cli-'));
    const module = join(folder, 'config.mjs');
    writeFileSync(module, "import { defineConfig } from 'no-such-package-here';\nexport default defineConfig({});\n");
    const [missingImport, missingModule] = await Promise.all([
      paramkit(['env', module], test.env),
      paramkit(['env', join(folder, 'gone.mjs')], test.env),
    ]);
    expect(missingImport.code).toBe(1);
    expect(missingImport.stderr).toContain(
      `paramkit: config module ${module} failed to load: it imports 'no-such-package-here', which cannot be found`,
    );
    expect(missingModule).toMatchObject({
      code: 1,
      stderr: `paramkit: config module ${join(folder, 'gone.mjs')} not found\n`,
    });
  });
});

describe('the command line', () => {
  it('shows the help on stderr and exits 2 when no verb is given; 0 when help is asked for', async () => {
    const [bare, help] = await Promise.all([paramkit([], test.env), paramkit(['help'], test.env)]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: paramkit [options] [command]');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: paramkit [options] [command]');
  });
});

describe('a config module that does not parse', () => {
  it('says so and where to look, without calling it an answer that could not be read', async () => {
    const module = join(mkdtempSync(join(tmpdir(), 'paramkit-cli-')), 'broken.mjs');
    writeFileSync(module, "export default defineConfig({ token: 's3cr3t-in-source' ");
    const run = await paramkit(['env', module], test.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `paramkit: config module ${module} failed to load (SyntaxError): node --check ${module} shows where\n`,
    );
  });
});

describe('rm of several names', () => {
  it('deletes every name it can, and names the one refused and why', async () => {
    const scheduled = await paramkit(['rm', 'secret:staging/token'], test.env);
    expect(scheduled.code).toBe(0);
    const args = ['rm', '/app/prod/db/url', 'secret:staging/token', 'secret:prod/token'];
    const [text, json] = [await paramkit(args, test.env), await paramkit([...args, '--json'], test.env)];
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /^deleted \/app\/prod\/db\/url\ndeleted secret:prod\/token \(recoverable until .*\)\n$/,
    );
    expect(text.stderr).toMatch(/^paramkit: secret:staging\/token not deleted: InvalidRequestException: .*\n$/);
    // Run again: the parameter is gone, and both secrets are now scheduled for deletion.
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      deleted: [],
      missing: ['/app/prod/db/url'],
      failed: [
        { name: 'secret:staging/token', error: expect.stringMatching(/^InvalidRequestException: /) },
        { name: 'secret:prod/token', error: expect.stringMatching(/^InvalidRequestException: /) },
      ],
    });
  });
});

describe('rm of more parameters than one call deletes', () => {
  it('reports a refused batch as failed and still deletes the batches after it', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `/app/rm/p${String(i).padStart(2, '0')}`);
    for (const name of names) test.emulator.ssm.putParameter({ name, value: 'v', type: 'String' });
    test.emulator.faults.add({ service: 'ssm', operation: 'DeleteParameters', serverErrorRate: 1, times: 1 });
    const run = await paramkit(['rm', ...names, '--json'], { ...test.env, AWS_MAX_ATTEMPTS: '1' });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { deleted: unknown[]; failed: Array<{ name: string }> };
    expect(report.deleted).toEqual([{ name: '/app/rm/p10' }, { name: '/app/rm/p11' }]);
    expect(report.failed.map((entry) => entry.name)).toEqual(names.slice(0, 10));
    expect(test.emulator.ssm.getParameterValue('/app/rm/p00')).toBe('v');
    expect(test.emulator.ssm.getParameterValue('/app/rm/p11')).toBeUndefined();
  });
});

describe('get of several names when the service refuses the batch', () => {
  it('names the error, not "not found", for the names it could not read', async () => {
    test.emulator.faults.add({ service: 'ssm', operation: 'GetParameters', serverErrorRate: 1 });
    test.emulator.faults.add({ service: 'secretsmanager', operation: 'BatchGetSecretValue', serverErrorRate: 1 });
    const run = await paramkit(['get', '/app/prod/db/url', '/app/nope', 'secret:prod/token'], {
      ...test.env,
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).not.toContain('not found');
    expect(run.stderr).toContain('paramkit: /app/prod/db/url not read: InternalServerError');
    expect(run.stderr).toContain('paramkit: /app/nope not read: InternalServerError');
    // Secrets Manager's own code for it.
    expect(run.stderr).toContain('paramkit: secret:prod/token not read: InternalServiceError');
  });

  it('still says "not found" for a name that is not there', async () => {
    const run = await paramkit(['get', '/app/prod/db/url', '/app/nope', 'secret:nope'], test.env);
    expect(run).toMatchObject({ code: 1, stdout: '/app/prod/db/url\tpostgres://prod\n' });
    expect(run.stderr).toBe('paramkit: /app/nope not found\nparamkit: secret:nope not found\n');
  });
});
