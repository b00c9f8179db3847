import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Context, STEPS } from './secretsManager.conformance.steps.js';
import { describeWithMoto } from './support/moto.js';
import { type SecretsManagerHarness, secretsClient, startSecretsManager } from './support/secretsManager.js';

// Runs one sequence of SDK calls against moto (python3 -m moto.server) and against the emulator, and compares what
// the SDK hands back: member names, value types, staging labels, plain values and error names. ARNs, ids, dates
// and messages differ by nature and are normalised away.
//
// Where moto and AWS disagree, the emulator follows AWS and the comparison leaves the case out:
// - DescribeSecret: LastAccessedDate: moto never records accesses, so it is ignored. (RotationEnabled is compared:
//   both leave it out for a secret never configured for rotation.)
// - moto does not move its "default version" on UpdateSecretVersionStage, so a later GetSecretValue without a
//   label returns the old AWSCURRENT; the sequence reads with an explicit VersionStage after moving labels.
// - moto accepts both SecretString and SecretBinary on CreateSecret, invalid names, oversize values and more than
//   20 ids in BatchGetSecretValue; AWS rejects all of them (covered by secretsManager.errors.test.ts instead).
// - moto fails a whole BatchGetSecretValue when a listed secret has no value; AWS reports it in Errors.
// - moto lists deprecated versions (no labels) in VersionIdsToStages; AWS documents that only labelled versions
//   appear there, so empty entries are dropped before comparing.
// - moto lets a non-AWSCURRENT label move onto a second version without RemoveFromVersionId; AWS refuses.

const IGNORED = new Set(['$metadata', 'Message', 'LastAccessedDate']);
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is comparable across implementations: shapes, labels and plain values, not ids, ARNs or dates. */
function normalise(value: unknown, key = ''): unknown {
  if (value instanceof Date) return '<date>';
  if (value instanceof Uint8Array) return `<bytes ${Buffer.from(value).toString('hex')}>`;
  if (typeof value === 'string') {
    if (value.startsWith('arn:')) return '<arn>';
    return ID.test(value) ? '<id>' : value;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v));
    // Staging labels are a set; their order is not part of the contract.
    return key === 'VersionStages' ? [...items].sort() : items;
  }
  if (value && typeof value === 'object') {
    if (key === 'VersionIdsToStages' || key === 'SecretVersionsToStages') {
      // AWS lists only versions that carry labels here; moto also lists deprecated ones with [].
      return Object.values(value as Record<string, string[]>)
        .filter((stages) => stages.length > 0)
        .map((stages) => [...stages].sort().join('+'))
        .sort();
    }
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => !IGNORED.has(k) && v !== undefined && v !== null)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, normalise(v, k)]);
    return Object.fromEntries(entries);
  }
  return value;
}

async function runSequence(client: SecretsManagerClient): Promise<Record<string, unknown>> {
  const ctx: Context = { versions: new Map() };
  const results: Record<string, unknown> = {};
  for (const step of STEPS) {
    try {
      results[step.name] = normalise(await step.run(client, ctx));
    } catch (error) {
      results[step.name] = { error: (error as Error).name };
    }
  }
  return results;
}

describeWithMoto('Secrets Manager conformance with moto', (moto) => {
  let motoClient: SecretsManagerClient | undefined;
  let emulator: SecretsManagerHarness | undefined;

  beforeAll(async () => {
    motoClient = secretsClient(moto.endpoint);
    emulator = await startSecretsManager();
  });

  afterAll(async () => {
    motoClient?.destroy();
    await emulator?.stop();
  });

  it('answers the same sequence of SDK calls with the same shapes and errors', async () => {
    if (!motoClient || !emulator) throw new Error('not started');
    const expected = await runSequence(motoClient);
    const actual = await runSequence(emulator.client);
    // Guard against a vacuous pass: the sequence must have succeeded and failed where intended.
    expect(expected['get binary']).toMatchObject({ SecretBinary: '<bytes ff00fe80>' });
    expect(expected['get missing']).toEqual({ error: 'ResourceNotFoundException' });
    expect(expected['describe untagged']).toMatchObject({ Tags: [{ Key: 'team', Value: 'platform' }] });
    for (const step of STEPS)
      expect({ step: step.name, result: actual[step.name] }).toEqual({ step: step.name, result: expected[step.name] });
  });
});
