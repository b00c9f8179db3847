import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { SEED, TOKEN } from './helpers/agent.js';
import { SHUTDOWN, startFakeExtensionsApi } from './helpers/extensionsApi.js';
import { capturedIo } from './helpers/io.js';
import { closedPort } from './helpers/raw.js';

let emulator: RunningEmulator;
// `env` holds the agent's settings; the AWS SDK itself reads credentials from the process environment.
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' } as const;
const saved = Object.fromEntries(Object.keys(CREDENTIALS).map((name) => [name, process.env[name]]));
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED });
  Object.assign(process.env, CREDENTIALS);
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await emulator.stop();
});

const baseEnv = { AWS_MAX_ATTEMPTS: '1' };

describe('runCli', () => {
  it('prints usage for --help, and exits 2 on unknown options', async () => {
    const help = capturedIo();
    expect(await runCli(['--help'], {}, help.streams)).toEqual({ kind: 'exit', code: 0 });
    expect(help.out.stdout).toMatch(/^Usage: paramkit-agent \[options\]/);
    const bad = capturedIo();
    expect(await runCli(['--port', '1'], {}, bad.streams)).toEqual({ kind: 'exit', code: 2 });
    expect(bad.out.stderr).toMatch(/Unknown option '--port'/);
  });

  it('exits 2 naming the value when --listen or PARAMKIT_AGENT_LISTEN_ADDRESS is not a list of IP addresses', async () => {
    const flag = capturedIo();
    expect(await runCli(['--listen', 'localhost'], { AWS_SESSION_TOKEN: TOKEN }, flag.streams)).toEqual({
      kind: 'exit',
      code: 2,
    });
    expect(flag.out.stderr).toBe(
      "paramkit-agent: --listen 'localhost' is not a usable listen address: 'localhost' is not an IP address " +
        '(expected IP addresses, comma-separated: e.g. 0.0.0.0, ::, 10.0.0.5 or 127.0.0.1,::1)\n',
    );
    const variable = capturedIo();
    const env = { AWS_SESSION_TOKEN: TOKEN, PARAMKIT_AGENT_LISTEN_ADDRESS: '0.0.0.0:2773' };
    expect(await runCli([], env, variable.streams)).toEqual({ kind: 'exit', code: 2 });
    expect(variable.out.stderr).toMatch(
      /PARAMKIT_AGENT_LISTEN_ADDRESS '0\.0\.0\.0:2773' is not a usable listen address/,
    );
  });

  it('serves the --listen addresses', async () => {
    const env = {
      ...baseEnv,
      AWS_SESSION_TOKEN: TOKEN,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(await closedPort()),
    };
    const result = await runCli(['--endpoint', emulator.endpoint, '--listen', '0.0.0.0'], env, capturedIo().streams);
    if (result.kind !== 'running') throw new Error(`expected a running agent, got exit ${result.code}`);
    try {
      expect(result.agent.hosts).toEqual(['0.0.0.0']);
      expect((await fetch(`${result.agent.url}/ping`)).status).toBe(200);
    } finally {
      await result.agent.close();
    }
  });

  it('exits 1 with a clear message when no token source is set', async () => {
    const { out, streams } = capturedIo();
    expect(await runCli([], baseEnv, streams)).toEqual({ kind: 'exit', code: 1 });
    expect(out.stderr).toMatch(/No token source: set one of AWS_TOKEN, AWS_SESSION_TOKEN/);
  });

  it('starts the agent on the configured port with --endpoint, logging config warnings', async () => {
    const port = await closedPort();
    const { out, streams } = capturedIo();
    const env = {
      ...baseEnv,
      AWS_SESSION_TOKEN: TOKEN,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
      PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: '5000',
    };
    const result = await runCli(['--endpoint', emulator.endpoint], env, streams);
    if (result.kind !== 'running') throw new Error(`expected a running agent, got exit ${result.code}`);
    try {
      expect(result.agent.port).toBe(port);
      const response = await fetch(`${result.agent.url}/systemsmanager/parameters/get?name=/app/url`, {
        headers: { [TOKEN_HEADER]: TOKEN },
      });
      expect(response.status).toBe(200);
      const lines = out.stderr
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines[0]).toMatchObject({
        level: 'warn',
        msg: expect.stringMatching(/CACHE_SIZE: 5000 is outside 0–1000/),
      });
      expect(lines[1]).toMatchObject({ level: 'info', msg: 'listening', port });
    } finally {
      await result.agent.close();
    }
  });

  it('exits 1 when the port is taken', async () => {
    const first = await runCli(
      [],
      { ...baseEnv, AWS_SESSION_TOKEN: TOKEN, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(await closedPort()) },
      capturedIo().streams,
    );
    if (first.kind !== 'running') throw new Error('expected a running agent');
    try {
      const { out, streams } = capturedIo();
      const env = {
        ...baseEnv,
        AWS_SESSION_TOKEN: TOKEN,
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(first.agent.port),
      };
      expect(await runCli([], env, streams)).toEqual({ kind: 'exit', code: 1 });
      expect(out.stderr).toMatch(/EADDRINUSE/);
    } finally {
      await first.agent.close();
    }
  });

  it('runs as a Lambda extension when AWS_LAMBDA_RUNTIME_API is set', async () => {
    const api = await startFakeExtensionsApi({ events: [SHUTDOWN] });
    try {
      const env = {
        ...baseEnv,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_LAMBDA_RUNTIME_API: api.runtimeApi,
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(await closedPort()),
      };
      expect(await runCli(['--endpoint', emulator.endpoint], env, capturedIo().streams)).toEqual({
        kind: 'exit',
        code: 0,
      });
      expect(api.log.registrations).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
