import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, TOKEN } from './helpers/agent.js';
import { INVOKE, SHUTDOWN, startFakeExtensionsApi } from './helpers/extensionsApi.js';
import { closedPort } from './helpers/raw.js';

// The layer bundle (esbuild, a second or two) built for real and run as a process: the CLI, the environment, the
// exit codes and the Lambda lifecycle as Lambda would see them. The single executable build (tens of MB, ~15 s)
// is left to `pnpm --filter @paramkit/agent run build:layer`.
const packageDir = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'paramkit-agent-layer-'));
const bundle = join(out, 'layer', 'paramkit-agent', 'agent.cjs');
let emulator: RunningEmulator;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build-layer.mjs', '--out', out, '--no-sea'], {
    cwd: packageDir,
  });
  emulator = await startEmulator({ port: 0, seed: SEED });
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  rmSync(out, { recursive: true, force: true });
});

/** The environment of the process: no AWS or agent variable of the test runner leaks in. */
function agentEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    ...extra,
  };
}

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [bundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stderr: () => stderr, exited };
}

async function listening(process: Run): Promise<void> {
  for (let i = 0; i < 200 && !process.stderr().includes('"msg":"listening"'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(process.stderr()).toContain('"msg":"listening"');
}

describe('the layer zip', () => {
  it('holds an executable extensions/paramkit-agent launcher and the bundle', () => {
    const zip = readFileSync(join(out, 'paramkit-agent-layer.zip'));
    const entries = new Map<string, number>();
    // Central directory records: signature, ..., name length at 28, external attributes at 38, name at 46.
    for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; ) {
      const nameLength = zip.readUInt16LE(at + 28);
      const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      entries.set(name, zip.readUInt32LE(at + 38) >>> 16);
      at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 46 + nameLength);
    }
    expect(entries.get('extensions/paramkit-agent')).toBe(0o100755);
    expect(entries.get('paramkit-agent/agent.cjs')).toBe(0o100644);
    expect(readFileSync(bundle).length).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('the bundled agent as a process', () => {
  it('serves, logs JSON to stderr without the SDK warning, and exits 0 on SIGTERM', async () => {
    const port = await closedPort();
    const agent = run(
      ['--endpoint', emulator.endpoint],
      agentEnv({
        AWS_SESSION_TOKEN: TOKEN,
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
      }),
    );
    await listening(agent);
    const response = await fetch(`http://127.0.0.1:${port}/secretsmanager/get?secretId=app/api-key`, {
      headers: { 'x-aws-parameters-secrets-token': TOKEN },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { SecretString: string }).SecretString).toBe('sv-api-key-55e0');
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    expect(agent.stderr()).not.toMatch(/NodeVersionSupportWarning|ExperimentalWarning/);
  });

  it('refuses to start without a token source (exit 1), and on bad arguments (exit 2)', async () => {
    const noToken = run([], agentEnv({}));
    expect(await noToken.exited).toBe(1);
    expect(noToken.stderr()).toMatch(/^paramkit-agent: No token source: set one of AWS_TOKEN, AWS_SESSION_TOKEN/);
    const badArgs = run(['--bogus'], agentEnv({ AWS_SESSION_TOKEN: TOKEN }));
    expect(await badArgs.exited).toBe(2);
  });

  it('runs the Lambda extension lifecycle when AWS_LAMBDA_RUNTIME_API is set, exiting 0 on SHUTDOWN', async () => {
    const port = await closedPort();
    const statuses: number[] = [];
    const api = await startFakeExtensionsApi({
      events: [INVOKE, SHUTDOWN],
      beforeEvent: async () => {
        const ping = await fetch(`http://127.0.0.1:${port}/ping`);
        statuses.push(ping.status);
        await ping.text();
      },
    });
    try {
      const agent = run(
        [],
        agentEnv({
          AWS_SESSION_TOKEN: TOKEN,
          AWS_LAMBDA_RUNTIME_API: api.runtimeApi,
          AWS_ENDPOINT_URL: emulator.endpoint,
          PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
        }),
      );
      expect(await agent.exited).toBe(0);
      expect(statuses).toEqual([200, 200]);
      expect(api.log.registrations[0]?.name).toBe('paramkit-agent');
      expect(agent.stderr()).toContain('"msg":"shutting down","reason":"spindown"');
    } finally {
      await api.close();
    }
  });

  it('as a Lambda extension, exits 0 on SIGTERM while it waits for the next event (not killed by the signal)', async () => {
    const port = await closedPort();
    let waiting: () => void = () => undefined;
    const waitingForEvent = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first event/next is held until the test ends: the agent is registered and waiting, as between invocations.
    const api = await startFakeExtensionsApi({
      events: [SHUTDOWN],
      beforeEvent: async () => {
        waiting();
        await released;
      },
    });
    try {
      const agent = run(
        [],
        agentEnv({
          AWS_SESSION_TOKEN: TOKEN,
          AWS_LAMBDA_RUNTIME_API: api.runtimeApi,
          AWS_ENDPOINT_URL: emulator.endpoint,
          PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
        }),
      );
      await waitingForEvent;
      const ping = await fetch(`http://127.0.0.1:${port}/ping`);
      expect([ping.status, await ping.text()]).toEqual([200, 'healthy']);
      agent.child.kill('SIGTERM');
      expect(await agent.exited).toBe(0);
      expect(agent.child.signalCode).toBeNull();
      expect(agent.stderr()).toContain('"msg":"shutting down","reason":"SIGTERM"');
    } finally {
      release();
      await api.close();
    }
  });
});
