import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, SEED, startTestAgent, type TestAgent } from './helpers/agent.js';

const clock = manualClock();
let t: TestAgent;
beforeAll(async () => {
  t = await startTestAgent(
    {
      SECRETS_MANAGER_TTL: '10',
      SSM_PARAMETER_STORE_TTL: '20',
      // TTLs counted as the AWS extension counts them; refresh-ahead (on by default) has its own tests.
      PARAMKIT_AGENT_REFRESH_AHEAD: 'off',
      PARAMKIT_AGENT_STALE_IF_ERROR_SECONDS: '60',
      SECRETS_MANAGER_TIMEOUT_MILLIS: '100',
      SSM_PARAMETER_STORE_TIMEOUT_MILLIS: '100',
    },
    { now: clock.now },
  );
});
afterAll(() => t.stop());
beforeEach(() => {
  t.agent.secrets.clearCache();
  t.agent.ssm.clearCache();
  t.emulator.reset();
  t.emulator.load(SEED);
});

const SECRET = '/secretsmanager/get?secretId=app/api-key';
const PARAMETER = '/systemsmanager/parameters/get?name=/app/url';

async function read(path: string): Promise<{ status: number; value: unknown }> {
  const response = await t.get(path);
  const body = (await response.json()) as { SecretString?: string; Parameter?: { Value: string }; __type?: string };
  return { status: response.status, value: body.SecretString ?? body.Parameter?.Value ?? body.__type };
}

describe('TTL', () => {
  it('keeps a secret SECRETS_MANAGER_TTL seconds and a parameter SSM_PARAMETER_STORE_TTL seconds', async () => {
    await read(SECRET);
    await read(PARAMETER);
    clock.advance(9_999);
    await read(SECRET);
    await read(PARAMETER);
    expect(t.emulator.requests.snapshot()).toEqual({ GetSecretValue: 1, GetParameter: 1 });
    clock.advance(1);
    await read(SECRET);
    await read(PARAMETER);
    expect(t.emulator.requests.snapshot()).toEqual({ GetSecretValue: 2, GetParameter: 1 });
    clock.advance(10_000);
    await read(PARAMETER);
    expect(t.emulator.requests.count('GetParameter')).toBe(2);
  });
});

describe('stale-if-error', () => {
  it.each([
    ['throttling', { throttleRate: 1 }],
    ['a server error', { serverErrorRate: 1 }],
    ['a dropped connection', { dropRate: 1 }],
    ['a timeout', { latencyMs: 300 }],
  ])('serves the expired value on %s, and counts it', async (_name, fault) => {
    expect(await read(SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    expect(await read(PARAMETER)).toEqual({ status: 200, value: 'pv-url-0d0d' });
    clock.advance(25_000);
    t.emulator.faults.add(fault);
    const before = t.agent.secrets.stats().staleServed + t.agent.ssm.stats().staleServed;
    expect(await read(SECRET)).toEqual({ status: 200, value: 'sv-api-key-55e0' });
    expect(await read(PARAMETER)).toEqual({ status: 200, value: 'pv-url-0d0d' });
    const metrics = (await (await t.get('/metrics')).json()) as { staleServed: number };
    expect(metrics.staleServed - before).toBe(2);
  });

  it('answers the error once the value is older than TTL + PARAMKIT_AGENT_STALE_IF_ERROR_SECONDS', async () => {
    await read(SECRET);
    clock.advance(10_000 + 60_000);
    t.emulator.faults.add({ serverErrorRate: 1 });
    expect((await read(SECRET)).status).toBe(500);
  });

  it('does not serve stale values for refreshNow=true, nor for errors that are not transient', async () => {
    await read(SECRET);
    clock.advance(11_000);
    t.emulator.faults.add({ throttleRate: 1, times: 1 });
    expect(await read(`${SECRET}&refreshNow=true`)).toEqual({ status: 400, value: 'ThrottlingException' });
    await read(PARAMETER);
    clock.advance(21_000);
    t.emulator.reset();
    t.emulator.load({ ssm: { '/other': 'x' } });
    expect((await read(PARAMETER)).status).toBe(404);
  });

  it('batch-get serves stale values for the ids it has, and lists the others as errors', async () => {
    await read(SECRET);
    clock.advance(11_000);
    t.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1 });
    const response = await t.get('/secretsmanager/batch-get?secretId=app/api-key&secretId=app/db');
    const body = (await response.json()) as {
      SecretValues: { Name: string }[];
      Errors: { SecretId: string; ErrorCode: string }[];
    };
    expect(response.status).toBe(200);
    expect(body.SecretValues.map((v) => v.Name)).toEqual(['app/api-key']);
    expect(body.Errors).toEqual([
      { SecretId: 'app/db', ErrorCode: 'ThrottlingException', Message: expect.any(String) },
    ]);
    const none = await t.get('/secretsmanager/batch-get?secretId=app/db');
    expect(none.status).toBe(400);
  });
});
