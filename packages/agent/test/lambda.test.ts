import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAgent, startAgent } from '../src/agent.js';
import { resolveConfig } from '../src/config/resolveConfig.js';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { runExtension } from '../src/lambda/runExtension.js';
import { Logger } from '../src/log.js';
import { SEED, TOKEN } from './helpers/agent.js';
import { EXTENSION_ID, INVOKE, SHUTDOWN, startFakeExtensionsApi } from './helpers/extensionsApi.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED });
});
afterAll(() => emulator.stop());

function starter(port = 0, env: NodeJS.ProcessEnv = {}) {
  const { config } = resolveConfig({ AWS_SESSION_TOKEN: TOKEN, ...env }, { endpoint: emulator.endpoint, port });
  const state: { agent?: RunningAgent } = {};
  const start = async () => {
    state.agent = await startAgent({
      config,
      logger: new Logger('none'),
      clientOverrides: { credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 },
    });
    return state.agent;
  };
  return { state, start };
}

/**
 * GETs `url` with the token and records the status, or the failure's message: recorded rather than asserted, as
 * the fake Extensions API runs it in its own handler, where a failed assertion would not reach the test.
 */
async function recordRead(url: string, seen: (number | string)[]): Promise<void> {
  try {
    const response = await fetch(url, { headers: { [TOKEN_HEADER]: TOKEN } });
    seen.push(response.status);
    await response.text();
  } catch (error) {
    seen.push(`failed: ${(error as Error).message}`);
  }
}

describe('as a Lambda extension', () => {
  it('registers, serves before the first event/next, answers during invocations, exits 0 on SHUTDOWN', async () => {
    const { state, start } = starter();
    const seen: (number | string)[] = [];
    const api = await startFakeExtensionsApi({
      events: [INVOKE, INVOKE, SHUTDOWN],
      beforeEvent: async () => {
        // Lambda sends the first INVOKE only after every extension asked for an event: the agent must serve by then.
        // What happened is recorded rather than asserted here, inside the fake API's request handler, where a
        // failure would not reach the test.
        if (state.agent === undefined) {
          seen.push('not started');
          return;
        }
        await recordRead(`${state.agent.url}/secretsmanager/get?secretId=app/api-key`, seen);
      },
    });
    try {
      const code = await runExtension({ runtimeApi: api.runtimeApi, start, logger: new Logger('none') });
      expect(code).toBe(0);
      expect(api.log.registrations).toEqual([{ name: 'paramkit-agent', body: { events: ['INVOKE', 'SHUTDOWN'] } }]);
      expect(api.log.nextCalls).toEqual([EXTENSION_ID, EXTENSION_ID, EXTENSION_ID]);
      expect(seen).toEqual([200, 200, 200]);
      // After SHUTDOWN the server is closed.
      await expect(fetch(`${state.agent?.url}/ping`)).rejects.toThrow();
    } finally {
      await api.close();
    }
  });

  it('serves while it registers, before Lambda starts the function INIT, with the prefetch list loading', async () => {
    const { state, start } = starter(0, { PARAMKIT_AGENT_PREFETCH: 'secret:app/db' });
    const seen: (number | string)[] = [];
    const api = await startFakeExtensionsApi({
      events: [SHUTDOWN],
      beforeRegister: async () => {
        // Recorded, not asserted: a failure inside the fake API's handler would not reach the test.
        await recordRead(`${state.agent?.url}/secretsmanager/get?secretId=app/db`, seen);
      },
    });
    try {
      const before = emulator.requests.count('GetSecretValue');
      expect(await runExtension({ runtimeApi: api.runtimeApi, start, logger: new Logger('none') })).toBe(0);
      expect(seen).toEqual([200]);
      // The request during registration joined the prefetch's read.
      expect(emulator.requests.count('GetSecretValue') - before).toBe(1);
      expect(await state.agent?.prefetched).toEqual({ loaded: 1, failed: 0 });
    } finally {
      await api.close();
    }
  });

  it('expects AWS_SESSION_TOKEN, as the AWS extension does, even when the function defines AWS_TOKEN', async () => {
    const seen: (number | string)[] = [];
    const read = async (token: string) => {
      const response = await fetch(`${state.agent?.url}/secretsmanager/get?secretId=app/api-key`, {
        headers: { [TOKEN_HEADER]: token },
      });
      seen.push(response.status);
      await response.text();
    };
    const api = await startFakeExtensionsApi({
      events: [INVOKE, SHUTDOWN],
      // Recorded, not asserted: a failure inside the fake API's handler would not reach the test.
      beforeEvent: async (index) => {
        if (index !== 1) return;
        await read(TOKEN).catch(() => seen.push('failed'));
        await read('fn-own-token').catch(() => seen.push('failed'));
      },
    });
    const { state, start } = starter(0, { AWS_TOKEN: 'fn-own-token', AWS_LAMBDA_RUNTIME_API: api.runtimeApi });
    try {
      expect(await runExtension({ runtimeApi: api.runtimeApi, start, logger: new Logger('none') })).toBe(0);
      expect(state.agent?.config.tokenSource).toBe('AWS_SESSION_TOKEN');
      expect(seen).toEqual([200, 403]);
    } finally {
      await api.close();
    }
  });

  it('stops on its signal while it waits for the next event: server closed, exit code 0', async () => {
    const { state, start } = starter();
    const stop = new AbortController();
    const lines: string[] = [];
    const api = await startFakeExtensionsApi({
      events: [INVOKE],
      // The second event/next never gets an answer before the signal: the agent is waiting on it.
      beforeEvent: async (index) => {
        if (index === 1) stop.abort('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, index === 1 ? 1000 : 0));
      },
    });
    try {
      const code = await runExtension({
        runtimeApi: api.runtimeApi,
        start,
        logger: new Logger('info', { write: (line: string) => lines.push(line) }),
        signal: stop.signal,
      });
      expect(code).toBe(0);
      expect(lines.join('')).toContain('"msg":"shutting down","reason":"SIGTERM"');
      await expect(fetch(`${state.agent?.url}/ping`)).rejects.toThrow();
    } finally {
      await api.close();
    }
  });

  it('closes the agent and exits 1 when registration fails', async () => {
    const { state, start } = starter();
    const api = await startFakeExtensionsApi({ events: [], registerStatus: 403 });
    const lines: string[] = [];
    try {
      const code = await runExtension({
        runtimeApi: api.runtimeApi,
        start,
        logger: new Logger('error', { write: (line: string) => lines.push(line) }),
      });
      expect(code).toBe(1);
      expect(lines.join('')).toMatch(/register answered 403/);
      await expect(fetch(`${state.agent?.url}/ping`)).rejects.toThrow();
    } finally {
      await api.close();
    }
  });

  it('reports an agent that cannot start to init/error and exits 1', async () => {
    const blocker = await startAgent({
      config: resolveConfig({ AWS_SESSION_TOKEN: TOKEN }, { endpoint: emulator.endpoint, port: 0 }).config,
      logger: new Logger('none'),
    });
    const { start } = starter(blocker.port);
    const api = await startFakeExtensionsApi({ events: [SHUTDOWN] });
    try {
      const code = await runExtension({ runtimeApi: api.runtimeApi, start, logger: new Logger('none') });
      expect(code).toBe(1);
      expect(api.log.nextCalls).toEqual([]);
      expect(api.log.initErrors).toEqual([
        {
          id: EXTENSION_ID,
          type: 'Extension.StartFailed',
          body: { errorType: 'Extension.StartFailed', errorMessage: expect.stringMatching(/EADDRINUSE/) },
        },
      ]);
    } finally {
      await api.close();
      await blocker.close();
    }
  });

  it('closes the agent and exits 1 when event/next fails', async () => {
    const { state, start } = starter();
    const api = await startFakeExtensionsApi({ events: [INVOKE] });
    try {
      expect(await runExtension({ runtimeApi: api.runtimeApi, start, logger: new Logger('none') })).toBe(1);
      await expect(fetch(`${state.agent?.url}/ping`)).rejects.toThrow();
    } finally {
      await api.close();
    }
  });
});
