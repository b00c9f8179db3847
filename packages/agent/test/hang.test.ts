import { describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { manualClock, type TestAgent, TOKEN } from './helpers/agent.js';
import { startHangingUpstream, startUnopenablePort } from './helpers/hangingUpstream.js';
import { useSharedEmulator } from './helpers/sharedEmulator.js';

/*
 * With SECRETS_MANAGER_TIMEOUT_MILLIS / SSM_PARAMETER_STORE_TIMEOUT_MILLIS at 0 (no deadline, their default), an
 * upstream that accepts and never answers must not hold the MAX_CONNECTIONS connections for ever: the safety net
 * (PARAMKIT_AGENT_CONNECT_TIMEOUT_MS, PARAMKIT_AGENT_IDLE_TIMEOUT_MS) ends each attempt and frees its connection.
 */

const shared = useSharedEmulator();

/** A read that gives up after `ms` (an agent that hangs fails the test here, not at the test's timeout). */
async function answer(t: TestAgent, path: string, ms = 4000) {
  const response = await fetch(`${t.agent.url}${path}`, {
    headers: { [TOKEN_HEADER]: TOKEN },
    signal: AbortSignal.timeout(ms),
  }).catch(() => undefined);
  if (response === undefined) return { status: 0, type: 'no answer', message: '', value: undefined };
  const body = (await response.json()) as {
    __type?: string;
    message?: string;
    SecretString?: string;
    Parameter?: { Value: string };
    Parameters?: unknown[];
  };
  return {
    status: response.status,
    type: body.__type,
    message: body.message,
    value: body.SecretString ?? body.Parameter?.Value ?? body.Parameters?.length,
  };
}

/** Polls until `check` holds or `ms` pass; resolves whether it held. */
async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe('an upstream that accepts and never answers, with no deadline set', () => {
  it('each read ends in 504 after the idle timeout, and the connections are freed', async () => {
    const upstream = await startHangingUpstream(shared.emulator.port);
    upstream.mode = 'hang';
    const t = await shared.startAgent(
      { PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '1', PARAMKIT_AGENT_IDLE_TIMEOUT_MS: '300' },
      { endpoint: upstream.endpoint },
    );
    try {
      // Three misses queue behind one connection: each gets its turn and its own 504.
      const answers = await Promise.all(
        ['app/db', 'app/api-key', 'app/cert'].map((id) => answer(t, `/secretsmanager/get?secretId=${id}`)),
      );
      expect(answers).toEqual(
        Array.from({ length: 3 }, () => ({
          status: 504,
          type: 'UpstreamTimeout',
          message: 'Secrets Manager did not answer: the connection was silent for 300 ms',
          value: undefined,
        })),
      );
      expect(await answer(t, '/systemsmanager/parameters/get?name=/app/url')).toMatchObject({
        status: 504,
        message: 'SSM Parameter Store did not answer: the connection was silent for 300 ms',
      });
      expect(await answer(t, '/systemsmanager/parameters/get-by-path?path=/tree')).toMatchObject({ status: 504 });
      // The hung connections are closed by the agent, and the pool's one connection serves the next read (of
      // other keys: the failed ones are backed off for a while).
      expect(await eventually(() => upstream.open === 0)).toBe(true);
      upstream.mode = 'forward';
      expect(await answer(t, '/secretsmanager/get?secretId=app/rotated')).toMatchObject({
        status: 200,
        value: 'sv-new-3c4d',
      });
      expect(await answer(t, '/systemsmanager/parameters/get?name=/app/list')).toMatchObject({
        status: 200,
        value: 'a,b,c',
      });
    } finally {
      await t.stop();
      await upstream.close();
    }
  }, 15_000);

  it('a refresh that hangs serves the stale value, then frees its connection for the next read', async () => {
    const clock = manualClock();
    const upstream = await startHangingUpstream(shared.emulator.port);
    const t = await shared.startAgent(
      {
        PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '1',
        PARAMKIT_AGENT_IDLE_TIMEOUT_MS: '300',
        SECRETS_MANAGER_TTL: '10',
        PARAMKIT_AGENT_REFRESH_AHEAD: 'off',
        // The read waits for the refresh's outcome, so only the idle timeout can end it.
        PARAMKIT_AGENT_STALE_ANSWER_MS: '900000',
      },
      { endpoint: upstream.endpoint, now: clock.now },
    );
    try {
      expect(await answer(t, '/secretsmanager/get?secretId=app/api-key')).toMatchObject({ status: 200 });
      clock.advance(11_000);
      upstream.mode = 'hang';
      const stale = await answer(t, '/secretsmanager/get?secretId=app/api-key');
      expect(stale).toMatchObject({ status: 200, value: 'sv-api-key-55e0' });
      expect(t.agent.secrets.stats().staleServed).toBe(1);
      expect(await eventually(() => upstream.open === 0)).toBe(true);
      upstream.mode = 'forward';
      expect(await answer(t, '/secretsmanager/get?secretId=app/db')).toMatchObject({ status: 200 });
    } finally {
      await t.stop();
      await upstream.close();
    }
  }, 15_000);

  it('a connection that never opens ends in 504 after the connect timeout', async () => {
    const port = await startUnopenablePort();
    const t = await shared.startAgent(
      { PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '1', PARAMKIT_AGENT_CONNECT_TIMEOUT_MS: '300' },
      { endpoint: port.endpoint },
    );
    try {
      const answers = await Promise.all(
        ['app/db', 'app/api-key'].map((id) => answer(t, `/secretsmanager/get?secretId=${id}`)),
      );
      expect(answers).toEqual(
        Array.from({ length: 2 }, () => ({
          status: 504,
          type: 'UpstreamTimeout',
          message: 'Secrets Manager did not accept a connection within 300 ms',
          value: undefined,
        })),
      );
    } finally {
      await t.stop();
      port.close();
    }
  }, 15_000);

  it('a deadline that is set is the one bound: the safety net does not cut it short', async () => {
    const upstream = await startHangingUpstream();
    const t = await shared.startAgent(
      { SECRETS_MANAGER_TIMEOUT_MILLIS: '1200', PARAMKIT_AGENT_IDLE_TIMEOUT_MS: '100' },
      { endpoint: upstream.endpoint },
    );
    try {
      expect(await answer(t, '/secretsmanager/get?secretId=app/db')).toMatchObject({
        status: 504,
        message: 'Secrets Manager did not answer within 1200 ms',
      });
      // Parameter Store has no deadline here: its safety net applies.
      expect(await answer(t, '/systemsmanager/parameters/get?name=/app/url')).toMatchObject({
        status: 504,
        message: 'SSM Parameter Store did not answer: the connection was silent for 100 ms',
      });
    } finally {
      await t.stop();
      await upstream.close();
    }
  }, 15_000);
});
