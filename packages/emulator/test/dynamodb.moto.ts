import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { clientFor, type DynamoHarness, startDynamo } from './dynamodb.helpers.js';

/* Starting moto and comparing its answers with the emulator's, for the dynamodb.conformance*.test.ts files. */

/**
 * Runs the same SDK calls against moto (a Python AWS mock) and against the emulator and compares the outcomes:
 * items, counts, presence of LastEvaluatedKey, error names. ARNs, ids and dates differ by nature and are dropped.
 *
 * Scenarios avoid the places where moto is known to differ from AWS (the emulator follows AWS there, and its own
 * tests cover them): moto echoes numbers as sent ("1.50") where AWS trims them ("1.5"); moto omits
 * LastEvaluatedKey when a Limit ends exactly at the last item, where AWS returns it; moto accepts several requests
 * AWS rejects (unused ExpressionAttributeValues, some syntax errors, filters on key attributes, inverted BETWEEN);
 * moto answers DeleteTable with TableStatus ACTIVE where AWS says DELETING, lists empty secondary-index arrays AWS
 * leaves out, and misreads an alias used with a list index (`#l[1]`) as unused.
 */

/** Whether python3 can import moto and its server (Flask) here. */
export const MOTO_AVAILABLE =
  spawnSync('python3', ['-c', 'import moto, moto.server'], { stdio: 'ignore' }).status === 0;
const DROPPED_KEYS = new Set([
  '$metadata',
  'TableArn',
  'TableId',
  'CreationDateTime',
  'LastUpdateToPayPerRequestDateTime',
  'TableSizeBytes',
  'ConsumedCapacity',
]);

/** A comparable copy: volatile keys dropped, errors reduced to their name. */
export function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== 'object') return value;
  // moto lists empty index arrays that AWS leaves out.
  const entries = Object.entries(value).filter(
    ([key, inner]) =>
      !DROPPED_KEYS.has(key) && !(key.endsWith('SecondaryIndexes') && Array.isArray(inner) && inner.length === 0),
  );
  return Object.fromEntries(entries.map(([key, inner]) => [key, normalize(inner)]));
}

/** The normalised result of a call, or `{ error: name }` when it fails. */
export async function outcome(call: Promise<unknown>): Promise<unknown> {
  try {
    return normalize(await call);
  } catch (error) {
    return { error: (error as Error).name };
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `python3 -m moto.server` on a free loopback port and waits (at most 30 s) until it answers.
 * The caller stops it with `process.kill()`.
 */
export async function startMoto(): Promise<{ process: ChildProcess; endpoint: string }> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto.server exited early with code ${child.exitCode}`);
    try {
      await fetch(`${endpoint}/moto-api/`);
      return { process: child, endpoint };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  child.kill();
  throw new Error('moto.server did not answer within 30 s');
}

/** A named SDK call; `fails` marks the calls AWS rejects, so a step cannot pass by failing on both sides. */
export type Step = readonly [name: string, call: (client: DynamoDBClient) => Promise<unknown>, fails?: 'fails'];

/** Runs steps on moto and on the emulator and compares the outcomes step by step. */
export type Conform = (steps: readonly Step[]) => Promise<void>;

/**
 * A describe block with moto and the emulator running side by side, or a skipped one with the reason in its title
 * when moto is not installed. `body` receives `conform`.
 */
export function describeConformance(title: string, body: (conform: Conform) => void): void {
  if (!MOTO_AVAILABLE) {
    describe.skip(`${title} — SKIPPED: python3 cannot import moto (install with: pip install "moto[server]")`, () => {
      body(async () => {});
    });
    return;
  }
  describe(title, () => {
    let moto: { process: ChildProcess; endpoint: string } | undefined;
    let motoClient: DynamoDBClient | undefined;
    let ours: DynamoHarness | undefined;

    beforeAll(async () => {
      moto = await startMoto();
      motoClient = clientFor(moto.endpoint);
      ours = await startDynamo();
    }, 40_000);

    afterAll(async () => {
      motoClient?.destroy();
      await ours?.stop();
      const child = moto?.process;
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });

    body(async (steps) => {
      for (const [name, call, fails] of steps) {
        const expected = await outcome(call(motoClient as DynamoDBClient));
        const actual = await outcome(call((ours as DynamoHarness).client));
        expect.soft(actual, name).toEqual(expected);
        const failed = typeof expected === 'object' && expected !== null && 'error' in expected;
        expect.soft(failed, `${name} fails on moto`).toBe(fails === 'fails');
      }
    });
  });
}
