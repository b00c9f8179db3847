import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_VERSION } from '../src/upstream/secretVersion.js';
import { manualClock, startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';
import { leakIn } from './helpers/leaks.js';
import { closedPort } from './helpers/raw.js';
import { sendRaw } from './helpers/rawRequest.js';

/*
 * Leak test: every value is seeded with one unique marker; then every error path of the agent is driven at debug
 * level (bad requests, refusals, missing values, throttling, 5xx with stale values, dropped connections, deadlines,
 * unreachable and garbage-answering upstreams, batches, the inbound limit), and the marker must appear in nothing
 * printed, thrown or answered, but the 200 answers that are the value itself.
 */

/** Random letters g-v (no hex digits), so that no request id or hash in a log can hold 8 characters of it by chance. */
const MARK = `LEAKMARK${randomUUID()
  .replaceAll('-', '')
  .replace(/[0-9a-f]/g, (digit) => String.fromCharCode(103 + Number.parseInt(digit, 16)))}`;
const clock = manualClock();
let emulator: RunningEmulator;
let t: TestAgent;
/** Texts that must not hold the marker: error answers, logs, inspected errors. */
const exposed: { what: string; text: string }[] = [];

const VALUE_READS = [
  '/secretsmanager/get?secretId=leak/string',
  '/secretsmanager/get?secretId=leak/json',
  '/secretsmanager/get?secretId=leak/binary',
  '/secretsmanager/get?secretId=leak/rotated&versionStage=AWSPREVIOUS',
  '/v1/leak%2Fstring',
  '/systemsmanager/parameters/get?name=/leak/secure&withDecryption=true',
  '/systemsmanager/parameters/get?name=/leak/plain',
  '/systemsmanager/parameters/get-by-path?path=/leak&withDecryption=true',
  '/secretsmanager/batch-get?secretId=leak/string&secretId=leak/json&secretId=leak/missing',
];
const ERROR_READS = [
  '/secretsmanager/get?secretId=leak/missing',
  '/secretsmanager/get?secretId=leak/rotated&versionId=nope',
  '/secretsmanager/get?secretId=leak/string&versionStage=NOPE',
  '/systemsmanager/parameters/get?name=/leak/plain&version=9',
  '/systemsmanager/parameters/get?name=/leak/plain&label=nope',
  // Both selectors: the first, a label that does not exist, is used.
  '/systemsmanager/parameters/get?name=/leak/secure&label=x&version=1',
  '/secretsmanager/get?secretId=leak/string&secretId=leak/string',
  '/secretsmanager/get?secretId=leak/string&refreshNow=yes',
  '/secretsmanager/get?secretId=%E0%A4%A',
  '/metrics',
  '/metrics?format=prometheus',
  '/nowhere',
];

async function record(agent: TestAgent, path: string, isValueRead: boolean, headers?: Record<string, string>) {
  const response = await agent.get(path, headers);
  const text = `${JSON.stringify([...response.headers])}${await response.text()}`;
  expect(text).not.toContain(TOKEN);
  if (!(isValueRead && response.status === 200)) exposed.push({ what: `${response.status} ${path}`, text });
  return response.status;
}

/** No 8-character piece of the marker in any exposed text: a partial quote is a leak too. */
function expectNoLeak(): void {
  for (const { what, text } of exposed) expect(leakIn(text, MARK), what).toBeUndefined();
}

async function recordThrown(what: string, read: () => Promise<unknown>) {
  const error = await read().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, what).toBeDefined();
  exposed.push({ what, text: `${inspect(error, { depth: 8 })}${String((error as Error).message)}` });
}

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      secretsmanager: {
        secrets: [
          { name: 'leak/string', value: `${MARK}-string` },
          { name: 'leak/json', value: { password: `${MARK}-json` } },
          { name: 'leak/binary', binary: Buffer.from(`${MARK}-binary`).toString('base64') },
          { name: 'leak/rotated', versions: [{ value: `${MARK}-old` }, { value: `${MARK}-new` }] },
        ],
      },
      ssm: {
        parameters: [
          { name: '/leak/secure', value: `${MARK}-secure`, type: 'SecureString' },
          { name: '/leak/plain', value: `${MARK}-plain` },
        ],
      },
    },
  });
  t = await startTestAgent(
    { PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug', SECRETS_MANAGER_TTL: '1', SSM_PARAMETER_STORE_TTL: '1' },
    { emulator, now: clock.now },
  );
});
afterAll(async () => {
  await t.stop();
  await emulator.stop();
});

describe('leak: the marker of every seeded value', () => {
  it("is in a value read's 200 answer (the check can fail)", async () => {
    const response = await t.get(VALUE_READS[0] as string);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(MARK);
    expect(leakIn(text, MARK)).toBeDefined();
    expect(leakIn(`a quote of ${MARK.slice(9, 17)} only`, MARK)).toBeDefined();
  });

  it('appears in no error answer, log line or thrown error, over every error path', async () => {
    for (const path of [...VALUE_READS, ...ERROR_READS]) await record(t, path, VALUE_READS.includes(path));
    await record(t, VALUE_READS[0] as string, false, { 'x-aws-parameters-secrets-token': 'wrong' });
    await record(t, VALUE_READS[0] as string, false, { 'x-forwarded-for': '10.1.1.1' });
    const raw = await sendRaw(t.agent.port, `CONNECT leak:443 HTTP/1.1\r\nhost: leak\r\n\r\n`, 2_000);
    exposed.push({ what: 'CONNECT', text: raw.text });

    // Upstream failures of every kind, with and without stale values to serve.
    clock.advance(2_000);
    for (const fault of [{ serverErrorRate: 1 }, { throttleRate: 1 }, { dropRate: 1 }]) {
      const remove = emulator.faults.add(fault);
      for (const path of VALUE_READS) await record(t, path, true);
      for (const path of VALUE_READS)
        await record(t, `${path}&refreshNow=true`.replace('/v1/leak%2Fstring&', '/v1/leak%2Fstring?'), false);
      await recordThrown(`read under ${JSON.stringify(fault)}`, () =>
        t.agent.secrets.read('leak/string', CURRENT_VERSION, true),
      );
      await recordThrown(`parameter read under ${JSON.stringify(fault)}`, () =>
        t.agent.ssm.read('/leak/plain', false, true),
      );
      remove();
    }
    exposed.push({ what: 'logs', text: t.logs.join('') });
    expectNoLeak();
  });

  it('nor through a deadline, the inbound limit or an unreachable upstream', async () => {
    const limited = await startTestAgent(
      {
        PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug',
        PARAMKIT_AGENT_MAX_INBOUND_REQUESTS: '1',
        SECRETS_MANAGER_TIMEOUT_MILLIS: '100',
      },
      { emulator },
    );
    const port = await closedPort();
    const unreachable = await startTestAgent(
      { PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug' },
      { emulator, endpoint: `http://127.0.0.1:${port}` },
    );
    const remove = emulator.faults.add({ latencyMs: 300 });
    try {
      const statuses = await Promise.all(VALUE_READS.slice(0, 3).map((path) => record(limited, path, true)));
      expect(statuses).toContain(504);
      expect(statuses).toContain(429);
      for (const path of VALUE_READS) await record(unreachable, path, true);
      exposed.push({ what: 'logs', text: `${limited.logs.join('')}${unreachable.logs.join('')}` });
      expectNoLeak();
    } finally {
      remove();
      await limited.stop();
      await unreachable.stop();
    }
  });

  it('nor when the upstream answers garbage holding it: a text 500, a 200 cut short in a value', async () => {
    const server: Server = createServer((req, res) => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target.endsWith('GetSecretValue') || target.endsWith('GetParameter')) {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(`{"SecretString":"${MARK}-cut`);
        return;
      }
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`proxy error ${MARK}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const garbage = await startTestAgent(
      { PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug' },
      { emulator, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    );
    try {
      for (const path of VALUE_READS) expect(await record(garbage, path, true)).toBe(502);
      await recordThrown('garbage secret read', () =>
        garbage.agent.secrets.read('leak/string', CURRENT_VERSION, false),
      );
      await recordThrown('garbage parameter read', () => garbage.agent.ssm.read('/leak/plain', false, false));
      exposed.push({ what: 'logs', text: garbage.logs.join('') });
      expectNoLeak();
    } finally {
      await garbage.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
