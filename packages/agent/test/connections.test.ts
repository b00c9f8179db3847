import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startTestAgent } from './helpers/agent.js';
import { startCountingProxy } from './helpers/proxy.js';

/*
 * PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS is what the AWS extension documents: the HTTP connections each
 * upstream client opens. Calls past it wait their turn (their deadline running), never a refusal.
 */

const SECRETS = Array.from({ length: 10 }, (_, i) => ({ name: `pool/s${i}`, value: `pool-value-${i}` }));
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: { ...SEED, secretsmanager: { secrets: SECRETS } } });
});
afterAll(() => emulator.stop());

describe('PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: connections to AWS, not requests to the agent', () => {
  it('four concurrent cold reads of one secret all succeed at the default (3), with one AWS call', async () => {
    const t = await startTestAgent({}, { emulator });
    const remove = emulator.faults.add({ latencyMs: 150 });
    try {
      const before = emulator.requests.count();
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => t.get('/secretsmanager/get?secretId=pool/s0').then((r) => r.status)),
      );
      expect(answers).toEqual([200, 200, 200, 200]);
      expect(emulator.requests.count() - before).toBe(1);
    } finally {
      remove();
      await t.stop();
    }
  });

  it('ten concurrent cold reads of distinct secrets all succeed through at most 3 connections', async () => {
    const proxy = await startCountingProxy(emulator.port);
    const t = await startTestAgent({}, { emulator, endpoint: proxy.endpoint });
    const remove = emulator.faults.add({ latencyMs: 100 });
    try {
      const bodies = await Promise.all(
        SECRETS.map(async ({ name }) => {
          const response = await t.get(`/secretsmanager/get?secretId=${name}`);
          return [response.status, ((await response.json()) as { SecretString: string }).SecretString];
        }),
      );
      expect(bodies).toEqual(SECRETS.map(({ value }) => [200, value]));
      expect(proxy.peak).toBeLessThanOrEqual(3);
      expect(proxy.opened).toBeLessThanOrEqual(3);
    } finally {
      remove();
      await t.stop();
      await proxy.close();
    }
  });

  it('each service has its own connections', async () => {
    const proxy = await startCountingProxy(emulator.port);
    const t = await startTestAgent(
      { PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '1' },
      { emulator, endpoint: proxy.endpoint },
    );
    const remove = emulator.faults.add({ latencyMs: 100 });
    try {
      const statuses = await Promise.all(
        [
          '/secretsmanager/get?secretId=pool/s1',
          '/secretsmanager/get?secretId=pool/s2',
          '/systemsmanager/parameters/get?name=/app/url',
        ].map((path) => t.get(path).then((r) => r.status)),
      );
      expect(statuses).toEqual([200, 200, 200]);
      expect(proxy.peak).toBe(2);
    } finally {
      remove();
      await t.stop();
      await proxy.close();
    }
  });

  it('a call waiting for a connection is bound by the read deadline (504), the others are answered', async () => {
    const t = await startTestAgent(
      { PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '1', SECRETS_MANAGER_TIMEOUT_MILLIS: '1500' },
      { emulator },
    );
    // One call takes 1000 ms: the first is answered with 500 ms to spare, the second would need 2000 ms (1000 ms
    // over its deadline), the third 3000 ms.
    const remove = emulator.faults.add({ latencyMs: 1_000 });
    try {
      const answers = await Promise.all(
        ['pool/s3', 'pool/s4', 'pool/s5'].map(async (id) => {
          const response = await t.get(`/secretsmanager/get?secretId=${id}`);
          return { status: response.status, body: (await response.json()) as { message?: string } };
        }),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 504, 504]);
      expect(answers[2]?.body.message).toMatch(/Secrets Manager did not answer within 1500 ms/);
    } finally {
      remove();
      await t.stop();
    }
  }, 15_000);

  it('takes more than 1000 connections and deadlines past 15 minutes: AWS documents no maximum for either', async () => {
    const t = await startTestAgent(
      {
        PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '1500',
        SECRETS_MANAGER_TIMEOUT_MILLIS: '3600000',
        // Past the longest timer Node.js can set (2^31 - 1 ms): clamped to it, or every read would time out at once.
        SSM_PARAMETER_STORE_TIMEOUT_MILLIS: '99999999999',
      },
      { emulator },
    );
    const remove = emulator.faults.add({ latencyMs: 100 });
    try {
      const { maxConnections, secretsTimeoutMs, ssmTimeoutMs } = t.agent.config;
      expect([maxConnections, secretsTimeoutMs, ssmTimeoutMs]).toEqual([1500, 3_600_000, 2 ** 31 - 1]);
      const statuses = await Promise.all(
        ['/secretsmanager/get?secretId=pool/s6', '/systemsmanager/parameters/get?name=/app/url'].map((path) =>
          t.get(path).then((r) => r.status),
        ),
      );
      expect(statuses).toEqual([200, 200]);
    } finally {
      remove();
      await t.stop();
    }
  });
});
