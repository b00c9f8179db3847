import { describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import type { MetricsSnapshot } from '../src/metrics.js';
import { manualClock, type TestAgent, TOKEN } from './helpers/agent.js';
import { useSharedEmulator } from './helpers/sharedEmulator.js';

const shared = useSharedEmulator();

const SECRET = '/secretsmanager/get?secretId=app/api-key';
const start = async (env: NodeJS.ProcessEnv, clock = manualClock()) => {
  const t = await shared.startAgent({ SECRETS_MANAGER_TTL: '10', ...env }, { now: clock.now });
  return { t, clock };
};

async function read(agent: TestAgent, path: string): Promise<{ status: number; value: unknown }> {
  const response = await agent.get(path);
  const body = (await response.json()) as { SecretString?: string; __type?: string };
  return { status: response.status, value: body.SecretString ?? body.__type };
}

async function metrics(agent: TestAgent): Promise<MetricsSnapshot> {
  return (await (await agent.get('/metrics')).json()) as MetricsSnapshot;
}

/** Lets a background refresh (one emulator round trip) finish. */
async function settled(agent: TestAgent, calls: number, operation = 'GetSecretValue'): Promise<void> {
  for (let i = 0; i < 200 && shared.emulator.requests.count(operation) < calls; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // One more turn for the answer to be stored.
  await agent.get('/ping');
}

describe('versioned secret reads: the synchronous hit path', () => {
  it('answers a repeated read by versionStage or versionId from the cache, without a promise', async () => {
    const { t } = await start({});
    const { VersionId } = (await (await t.get('/secretsmanager/get?secretId=app/rotated')).json()) as {
      VersionId: string;
    };
    const request = (query: string) => ({
      method: 'GET',
      url: `/secretsmanager/get?secretId=app/rotated&${query}`,
      headers: { [TOKEN_HEADER]: TOKEN },
    });
    for (const query of [
      'versionStage=AWSPREVIOUS',
      `versionId=${VersionId}`,
      `versionId=${VersionId}&versionStage=AWSCURRENT`,
    ]) {
      const first = t.agent.handler(request(query));
      expect(first).toBeInstanceOf(Promise);
      expect((await first).status).toBe(200);
      const again = t.agent.handler(request(query));
      expect(again, query).not.toBeInstanceOf(Promise);
      expect((again as Awaited<typeof again>).body).toBe((await first).body);
    }
    expect(JSON.parse((t.agent.handler(request('versionStage=AWSPREVIOUS')) as { body: string }).body)).toMatchObject({
      SecretString: 'sv-old-1a2b',
      VersionStages: ['AWSPREVIOUS'],
    });
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(4);
    expect((await metrics(t)).services.secretsmanager.hits).toBe(4);
  });

  it('versionStage=AWSCURRENT is the same entry as a read without selector', async () => {
    const { t } = await start({});
    expect(await read(t, '/secretsmanager/get?secretId=app/rotated')).toEqual({ status: 200, value: 'sv-new-3c4d' });
    const current = t.agent.handler({
      method: 'GET',
      url: '/secretsmanager/get?secretId=app/rotated&versionStage=AWSCURRENT',
      headers: { [TOKEN_HEADER]: TOKEN },
    });
    expect(current).not.toBeInstanceOf(Promise);
    await read(t, '/v1/app%2Frotated?versionStage=AWSCURRENT');
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(1);
  });
});

describe('refresh-ahead (PARAMKIT_AGENT_REFRESH_AHEAD, 0.8 by default)', () => {
  it('answers a read past 80% of the TTL at once from the cache and refreshes it in the background', async () => {
    const { t, clock } = await start({});
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    shared.emulator.secretsManager.putSecretValue('app/api-key', 'sv-rotated-7e7e');
    clock.advance(7_999);
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(1);
    clock.advance(1);
    // Past 80%: the cached value, and one refresh however many reads.
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    await settled(t, 2);
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
    // The refreshed value is fresh for a whole TTL from its fetch: no expiry was ever waited for.
    clock.advance(5_000);
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-rotated-7e7e' });
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
    const snapshot = await metrics(t);
    expect(snapshot).toMatchObject({ refreshes: 1, refreshFailures: 0 });
    expect(snapshot.services.secretsmanager).toMatchObject({ refreshes: 1, misses: 1, hits: 4 });
  });

  it('a failed background refresh is logged and counted; callers keep the cached value', async () => {
    const { t, clock } = await start({ PARAMKIT_AGENT_REFRESH_AHEAD: '0.5' });
    await read(t, SECRET);
    clock.advance(5_000);
    shared.emulator.faults.add({ service: 'secretsmanager', serverErrorRate: 1 });
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    await settled(t, 2);
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    expect(await metrics(t)).toMatchObject({ refreshes: 1, refreshFailures: 1 });
    const warning = t.logs.map((line) => JSON.parse(line)).find((line) => line.msg === 'background refresh failed');
    expect(warning).toMatchObject({ level: 'warn', service: 'secretsmanager', name: 'app/api-key', status: 500 });
    expect(t.logs.join('')).not.toContain('sv-api-key-55e0');
  });

  it('off: a read past 80% of the TTL refreshes nothing', async () => {
    const { t, clock } = await start({ PARAMKIT_AGENT_REFRESH_AHEAD: 'off' });
    await read(t, SECRET);
    clock.advance(9_999);
    await read(t, SECRET);
    await t.get('/ping');
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(1);
    expect((await metrics(t)).refreshes).toBe(0);
  });
});

describe('backoff after transient failures (PARAMKIT_AGENT_BACKOFF_MS)', () => {
  it('a key with no value fails fast with its last error during the backoff, then is tried again', async () => {
    const { t, clock } = await start({});
    const remove = shared.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1 });
    expect(await read(t, SECRET)).toEqual({ status: 400, value: 'ThrottlingException' });
    expect(await read(t, SECRET)).toEqual({ status: 400, value: 'ThrottlingException' });
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(1);
    expect((await metrics(t)).backoffs).toBe(1);
    remove();
    // The first wait is 1 s, stretched by up to 50%.
    clock.advance(1_500);
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
  });

  it('the waits double with each failure in a row; refreshNow=true skips the backoff', async () => {
    const { t, clock } = await start({ PARAMKIT_AGENT_BACKOFF_MS: '100', PARAMKIT_AGENT_BACKOFF_MAX_MS: '250' });
    shared.emulator.faults.add({ service: 'secretsmanager', serverErrorRate: 1 });
    const calls = () => shared.emulator.requests.count('GetSecretValue');
    await read(t, SECRET); // fails: waits 100–150 ms
    clock.advance(150);
    await read(t, SECRET); // fails: waits 200–300 ms, capped at 250
    expect(calls()).toBe(2);
    clock.advance(199);
    await read(t, SECRET);
    expect(calls()).toBe(2);
    clock.advance(51);
    await read(t, SECRET);
    expect(calls()).toBe(3);
    expect((await read(t, `${SECRET}&refreshNow=true`)).status).toBe(500);
    expect(calls()).toBe(4);
  });

  it('a key with a stale value serves it during the backoff without calling AWS', async () => {
    const { t, clock } = await start({ PARAMKIT_AGENT_REFRESH_AHEAD: 'off' });
    await read(t, SECRET);
    clock.advance(11_000);
    shared.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1 });
    for (let i = 0; i < 5; i++) expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
    expect(await metrics(t)).toMatchObject({ staleServed: 5, backoffs: 4 });
  });

  it('never backs off not-found nor access denied: each read asks again', async () => {
    const { t } = await start({});
    for (let i = 0; i < 3; i++) {
      expect(await read(t, '/secretsmanager/get?secretId=no/such')).toEqual({
        status: 404,
        value: 'ResourceNotFoundException',
      });
    }
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(3);
    expect((await metrics(t)).backoffs).toBe(0);
  });

  it.each([
    ['PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED', 'FALSE'],
    ['SECRETS_MANAGER_TTL', '0'],
  ])('is off with caching off (%s=%s): every read goes to AWS', async (name, value) => {
    const { t } = await start({ [name]: value });
    shared.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1 });
    await read(t, SECRET);
    await read(t, SECRET);
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
  });

  it('0 turns it off', async () => {
    const { t } = await start({ PARAMKIT_AGENT_BACKOFF_MS: '0' });
    shared.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1 });
    await read(t, SECRET);
    await read(t, SECRET);
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
  });
});

describe('stale answers within a deadline (PARAMKIT_AGENT_STALE_ANSWER_MS)', () => {
  it('a read of an expired value gets it after the deadline while the slow refresh goes on', async () => {
    const { t, clock } = await start({ PARAMKIT_AGENT_STALE_ANSWER_MS: '50', PARAMKIT_AGENT_REFRESH_AHEAD: 'off' });
    await read(t, SECRET);
    shared.emulator.secretsManager.putSecretValue('app/api-key', 'sv-rotated-7e7e');
    clock.advance(11_000);
    const remove = shared.emulator.faults.add({ service: 'secretsmanager', latencyMs: 400 });
    // Had it waited for AWS, it would answer the new value.
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    remove();
    await settled(t, 2);
    // The slow refresh (400 ms of latency) is stored when it finishes, however long that takes on this machine;
    // `peek` looks at the cache without reading through it (a read now would be served stale and counted).
    await expect
      .poll(() => t.agent.secrets.engine.peek('app/api-key', '')?.value.SecretString, { timeout: 10_000, interval: 20 })
      .toBe('sv-rotated-7e7e');
    expect(await read(t, SECRET)).toEqual({ status: 200, value: 'sv-rotated-7e7e' });
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
    expect(await metrics(t)).toMatchObject({ staleServed: 1, refreshes: 1, refreshFailures: 0 });
  }, 20_000);
});

describe('metrics route', () => {
  it('exposes the refresh and backoff counters in Prometheus text too', async () => {
    const { t } = await start({});
    const body = await (await t.get('/metrics?format=prometheus')).text();
    for (const name of ['cache_refreshes_total', 'cache_refresh_failures_total', 'cache_backoffs_total']) {
      expect(body).toContain(`paramkit_agent_${name}{service="secretsmanager"} 0`);
      expect(body).toContain(`paramkit_agent_${name}{service="ssm"} 0`);
    }
  });
});
