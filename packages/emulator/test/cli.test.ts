import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli, stopOnSignal } from '../src/cli.js';
import { ssmClient } from './support/ssm.js';

/** Runs the CLI with captured output. */
async function run(argv: string[]): Promise<{ result: CliResult; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const result = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { result, stdout, stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paramkit-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('paramkit-emulator CLI', () => {
  it('prints usage for --help and -h', async () => {
    for (const flag of ['--help', '-h']) {
      const { result, stdout } = await run([flag]);
      expect(result).toEqual({ kind: 'exit', code: 0 });
      expect(stdout).toContain('Usage: paramkit-emulator');
    }
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['positional'], 'positional'],
    [['--port'], "Option '--port <value>' argument missing"],
    [['--port', 'abc'], '--port must be a whole number'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--region', 'Mars'], '--region must look like an AWS region'],
    [['--host', ''], '--host must not be empty'],
  ])('exits with code 2 on bad arguments: %j', async (argv, message) => {
    const { result, stdout, stderr } = await run(argv);
    expect(result).toEqual({ kind: 'exit', code: 2 });
    expect(stderr).toContain(message);
    expect(stderr).toContain('--help');
    expect(stdout).toBe('');
  });

  it('exits with code 1 when the seed file is missing, not JSON, or invalid', async () => {
    const notJson = join(dir, 'bad.json');
    const invalid = join(dir, 'invalid.json');
    // A seed holds secret values, and JSON.parse's message quotes the text around the fault.
    await writeFile(notJson, '{"ssm":{"/db/password":hunter2-s3cret}}');
    await writeFile(invalid, JSON.stringify({ ssm: { parameters: [{ name: '/x', value: 1 }] } }));
    expect((await run(['--seed', join(dir, 'missing.json')])).stderr).toContain('cannot read seed file');
    const broken = await run(['--seed', notJson]);
    expect(broken.result).toEqual({ kind: 'exit', code: 1 });
    expect(broken.stderr).toContain(`seed file ${notJson} is not valid JSON`);
    expect(broken.stderr).not.toContain('hunter2');
    const { result, stderr } = await run(['--port', '0', '--seed', invalid]);
    expect(result).toEqual({ kind: 'exit', code: 1 });
    expect(stderr).toContain('ssm.parameters[0].value: expected a string');
  });

  it('starts with a seed, prints one line, serves the SDK, and stops on SIGTERM with code 0', async () => {
    const seedFile = join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify({ ssm: { '/app/url': 'https://example.com' } }));
    const { result, stdout, stderr } = await run(['--port', '0', '--host', '127.0.0.1', '--seed', seedFile]);
    if (result.kind !== 'running') throw new Error(`CLI did not start: ${stderr}`);
    expect(stdout).toBe(`paramkit emulator listening on ${result.emulator.endpoint}\n`);
    expect(result.emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const client = ssmClient(result.emulator.endpoint);
    const { Parameter } = await client.send(new GetParameterCommand({ Name: '/app/url' }));
    expect(Parameter?.Value).toBe('https://example.com');
    client.destroy();

    const signals = new EventEmitter();
    const exited = stopOnSignal(result.emulator, signals);
    signals.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
    await expect(fetch(`${result.emulator.endpoint}/_paramkit/health`)).rejects.toThrow();
  });

  it('reads a relative seed path from the cwd it is given, and names the program it runs as', async () => {
    await writeFile(join(dir, 'relative.json'), JSON.stringify({ ssm: { '/rel': 'from-cwd' } }));
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } };
    const result = await runCli(['--port', '0', '--seed', 'relative.json'], io, {
      cwd: dir,
      program: 'paramkit emulator',
    });
    if (result.kind !== 'running') throw new Error(`CLI did not start: ${stderr}`);
    expect(result.emulator.ssm.getParameterValue('/rel')).toBe('from-cwd');
    await result.emulator.stop();
    const missing = await runCli(['--seed', 'absent.json'], io, { cwd: dir, program: 'paramkit emulator' });
    expect(missing).toEqual({ kind: 'exit', code: 1 });
    expect(stderr).toBe('paramkit emulator: cannot read seed file absent.json: ENOENT\n');
  });

  it('is exported by the package', async () => {
    const pkg = await import('../src/index.js');
    expect(pkg.runCli).toBe(runCli);
    expect(pkg.stopOnSignal).toBe(stopOnSignal);
  });

  it('uses the region flag in ARNs', async () => {
    const { result } = await run(['--port', '0', '--region', 'eu-west-1']);
    if (result.kind !== 'running') throw new Error('CLI did not start');
    result.emulator.ssm.putParameter({ name: '/a', value: 'x' });
    const client = ssmClient(result.emulator.endpoint, { region: 'eu-west-1' });
    const { Parameter } = await client.send(new GetParameterCommand({ Name: '/a' }));
    expect(Parameter?.ARN).toBe('arn:aws:ssm:eu-west-1:123456789012:parameter/a');
    client.destroy();
    await result.emulator.stop();
  });

  it('exits with code 1 when the port is taken', async () => {
    const { result: first } = await run(['--port', '0']);
    if (first.kind !== 'running') throw new Error('CLI did not start');
    const { result, stderr } = await run(['--port', String(first.emulator.port)]);
    expect(result).toEqual({ kind: 'exit', code: 1 });
    expect(stderr).toContain('EADDRINUSE');
    await first.emulator.stop();
  });
});
