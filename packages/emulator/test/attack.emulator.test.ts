import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import {
  body,
  contentType,
  INDEXED_TABLE,
  MARKER,
  method,
  path,
  plausible,
  target,
} from './support/attackArbitraries.js';

// Issue 9, "An attack suite that stays": seeded, bounded property-based requests against every emulator service
// over real HTTP. Every request gets an answer within a deadline; a client's mistake is a 4xx, never a 5xx, a hang
// or a crash; no error answer and no log line carries a seeded value, a stack trace or a dump of the store.
// A failure prints fast-check's seed and path; rerun one with FUZZ_SEED=<seed>, hunt longer with FUZZ_SCALE=<n>.

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_917);
const DEADLINE_MS = 3_000;
/** Requests per property; FUZZ_SCALE multiplies them for a longer hunt. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS = { services: 4_000 * SCALE, plausible: 4_000 * SCALE, transport: 1_500 * SCALE };

let emulator: RunningEmulator;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const logged: string[] = [];
const restore: (() => void)[] = [];
const outcomes = new Map<string, number>();

beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      ssm: {
        parameters: [
          { name: '/app/db', value: `postgres://u:${MARKER}-1@db` },
          { name: '/app/secure', value: `${MARKER}-2`, type: 'SecureString' },
        ],
      },
      secretsmanager: { secrets: [{ name: 'app/db', value: { password: `${MARKER}-3` } }] },
      appconfig: {
        applications: [
          {
            name: 'shop',
            environments: [{ name: 'prod', profiles: [{ name: 'flags', content: { key: `${MARKER}-4` } }] }],
          },
        ],
      },
      dynamodb: {
        tables: [{ name: 'things', partitionKey: 'id', items: [{ id: 'app/db', secret: `${MARKER}-5` }] }],
      },
    },
  });
  const created = await send({
    method: 'POST',
    path: '/',
    headers: { 'x-amz-target': 'DynamoDB_20120810.CreateTable', 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify(INDEXED_TABLE),
  });
  expect(created.status).toBe(200);
  // The emulator writes no logs of its own; anything written while it is attacked is checked too.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = write;
    });
  }
});

afterAll(async () => {
  for (const undo of restore) undo();
  agent.destroy();
  await emulator.stop();
  // The closing note of issue 9 quotes these.
  console.info(`emulator attack: ${JSON.stringify(Object.fromEntries([...outcomes].sort()))}`);
});

interface Answer {
  readonly status: number;
  readonly text: string;
}

/** Sends one request exactly as given (the path is not normalised), failing past the deadline. */
function send(options: {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Content-Length always: without it Node's client sends a GET or DELETE body unframed, which is a broken request.
    const headers = { ...options.headers, 'content-length': String(Buffer.byteLength(options.body ?? '')) };
    const req = request(
      { host: '127.0.0.1', port: emulator.port, agent, method: options.method, path: options.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(DEADLINE_MS, () => req.destroy(new Error(`no answer within ${DEADLINE_MS} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What every answer must satisfy, whatever the request was. */
function checkAnswer(answer: Answer): void {
  const bucket = answer.status >= 500 ? '5xx' : String(answer.status);
  outcomes.set(bucket, (outcomes.get(bucket) ?? 0) + 1);
  expect(answer.status, answer.text.slice(0, 300)).toBeGreaterThanOrEqual(200);
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(answer.text).not.toContain(MARKER);
    expect(answer.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|"context"|Maximum call stack/);
  }
}

describe('the emulator under attack', () => {
  it('answers arbitrary bodies to every service and operation with a 2xx or a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(target, body, contentType, async (amzTarget, payload, type) => {
        checkAnswer(
          await send({
            method: 'POST',
            path: '/',
            headers: { 'x-amz-target': amzTarget, 'content-type': type },
            body: payload,
          }),
        );
      }),
      { seed: SEED, numRuns: RUNS.services, endOnFailure: true },
    );
  }, 60_000);

  it('answers SDK-shaped requests on seeded data, with members perturbed, with a 2xx or a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(plausible, async (request) => {
        checkAnswer(
          await send({
            method: 'POST',
            path: '/',
            headers: { 'x-amz-target': request.target, 'content-type': 'application/x-amz-json-1.1' },
            body: request.body,
          }),
        );
      }),
      { seed: SEED + 2, numRuns: RUNS.plausible, endOnFailure: true },
    );
  }, 60_000);

  it('answers AppConfigData sessions and polls with real and forged tokens with a 2xx or a 4xx', async () => {
    const identifier = fc.oneof(fc.constantFrom('shop', 'prod', 'flags'), fc.string({ maxLength: 130 }));
    await fc.assert(
      fc.asyncProperty(
        fc
          .record({
            ApplicationIdentifier: identifier,
            EnvironmentIdentifier: identifier,
            ConfigurationProfileIdentifier: identifier,
            RequiredMinimumPollIntervalInSeconds: fc.oneof(fc.integer({ min: 0, max: 90_000 }), fc.constant(undefined)),
          })
          .chain((random) =>
            // Half the sessions name the seeded profile, so polls with real tokens happen.
            fc.constantFrom(random, {
              ...random,
              ApplicationIdentifier: 'shop',
              EnvironmentIdentifier: 'prod',
              ConfigurationProfileIdentifier: 'flags',
            }),
          ),
        fc.string({ maxLength: 8 }),
        async (start, tamper) => {
          const started = await send({
            method: 'POST',
            path: '/configurationsessions',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(start),
          });
          checkAnswer(started);
          if (started.status !== 201) return;
          const token = (JSON.parse(started.text) as { InitialConfigurationToken: string }).InitialConfigurationToken;
          for (const attempt of [token, token, `${token}${tamper}`]) {
            checkAnswer(
              await send({
                method: 'GET',
                path: `/configuration?configuration_token=${encodeURIComponent(attempt)}`,
                headers: {},
              }),
            );
          }
        },
      ),
      { seed: SEED + 3, numRuns: RUNS.transport / 3, endOnFailure: true },
    );
  }, 60_000);

  it('answers arbitrary methods, paths and AppConfigData bodies with a 2xx or a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, body, fc.option(target), async (verb, where, payload, amzTarget) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (amzTarget !== null) headers['x-amz-target'] = amzTarget;
        const canHaveBody = verb !== 'GET' && verb !== 'HEAD';
        checkAnswer(await send({ method: verb, path: where, headers, body: canHaveBody ? payload : undefined }));
      }),
      { seed: SEED + 1, numRuns: RUNS.transport, endOnFailure: true },
    );
  }, 60_000);

  it('is still serving, and logged nothing that carries a seeded value or a stack trace', async () => {
    expect((await send({ method: 'GET', path: '/_paramkit/health', headers: {} })).status).toBe(200);
    const log = logged.join('');
    expect(log).not.toContain(MARKER);
    expect(log).not.toMatch(/\n\s+at .*emulator\/src/);
  });
});
