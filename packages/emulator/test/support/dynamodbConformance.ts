import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect } from 'vitest';
import { clientFor, type DynamoHarness, startDynamo } from './dynamodb.js';
import { describeWithMoto } from './moto.js';

/* Comparing moto's answers with the emulator's, for the dynamodb.conformance*.test.ts files. */

/**
 * Runs the same SDK calls against moto (a Python AWS mock) and against the emulator and compares the outcomes:
 * items, counts, presence of LastEvaluatedKey, error names. ARNs, ids and dates differ by nature and are dropped.
 *
 * Scenarios avoid the places where moto is known to differ from AWS (the emulator follows AWS there, and its own
 * tests cover them): moto echoes numbers as sent ("1.50") where AWS trims them ("1.5"); moto omits
 * LastEvaluatedKey when a Limit ends exactly at the last item, where AWS returns it; moto accepts several requests
 * AWS rejects (unused ExpressionAttributeValues, some syntax errors, filters on key attributes, inverted BETWEEN);
 * moto answers DeleteTable with TableStatus ACTIVE where AWS says DELETING, lists empty secondary-index arrays AWS
 * leaves out, misreads an alias used with a list index (`#l[1]`) as unused, and fails an UpdateItem without an
 * UpdateExpression (AWS creates the item with its key), adds the key to a projected TransactGetItems item, and
 * answers a transaction's update that refers to a missing attribute with a ValidationException where AWS cancels
 * the transaction with a ValidationError reason (captured in aws/aws-sdk-net#1292; dynamodb.transact.test.ts).
 */

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

/** A named SDK call; `fails` marks the calls AWS rejects, so a step cannot pass by failing on both sides. */
export type Step = readonly [name: string, call: (client: DynamoDBClient) => Promise<unknown>, fails?: 'fails'];

/** Runs steps on moto and on the emulator and compares the outcomes step by step. */
export type Conform = (steps: readonly Step[]) => Promise<void>;

/**
 * A describe block with moto and the emulator running side by side, or a skipped one with the reason in its title
 * when moto is not installed. `body` receives `conform`.
 */
export function describeConformance(title: string, body: (conform: Conform) => void): void {
  describeWithMoto(title, (moto) => {
    let motoClient: DynamoDBClient | undefined;
    let ours: DynamoHarness | undefined;

    beforeAll(async () => {
      motoClient = clientFor(moto.endpoint);
      ours = await startDynamo();
    });

    afterAll(async () => {
      motoClient?.destroy();
      await ours?.stop();
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
