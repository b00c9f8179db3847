import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Context, STEPS } from './secretsManager.conformance.steps.js';
import { type SecretsManagerHarness, secretsClient, startSecretsManager } from './secretsManager.helpers.js';

// Runs one sequence of SDK calls against moto (python3 -m moto.server) and against the emulator, and compares what
// the SDK hands back: member names, value types, staging labels, plain values and error names. ARNs, ids, dates
// and messages differ by nature and are normalised away.
//
// Where moto and AWS disagree, the emulator follows AWS and the comparison leaves the case out:
// - DescribeSecret: AWS-style RotationEnabled=false is always sent by the emulator; moto sends it only after a
//   RotateSecret. LastAccessedDate: moto never records accesses. Both members are ignored.
// - moto does not move its "default version" on UpdateSecretVersionStage, so a later GetSecretValue without a
//   label returns the old AWSCURRENT; the sequence reads with an explicit VersionStage after moving labels.
// - moto accepts both SecretString and SecretBinary on CreateSecret, invalid names, oversize values and more than
//   20 ids in BatchGetSecretValue; AWS rejects all of them (covered by secretsManager.errors.test.ts instead).
// - moto fails a whole BatchGetSecretValue when a listed secret has no value; AWS reports it in Errors.
// - moto lists deprecated versions (no labels) in VersionIdsToStages; AWS documents that only labelled versions
//   appear there, so empty entries are dropped before comparing.
// - moto lets a non-AWSCURRENT label move onto a second version without RemoveFromVersionId; AWS refuses.

const motoProbe = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' });
const motoAvailable = motoProbe.status === 0;
const suite = motoAvailable ? describe : describe.skip;
const title = motoAvailable
  ? 'Secrets Manager conformance with moto'
  : 'Secrets Manager conformance with moto (skipped: `python3 -c "import moto.server"` failed; pip install "moto[server]")';

const IGNORED = new Set(['$metadata', 'Message', 'RotationEnabled', 'LastAccessedDate']);
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No port');
  return address.port;
}

async function waitForMoto(endpoint: string, process: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`moto.server exited with code ${process.exitCode}`);
    try {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error('moto.server did not answer within 30 s');
}

/** Stops the moto server this file started, waiting (bounded) for it to exit so no server outlives the run. */
async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

suite(title, () => {
  let moto: ChildProcess | undefined;
  let motoClient: SecretsManagerClient | undefined;
  let emulator: SecretsManagerHarness | undefined;

  beforeAll(async () => {
    const port = await freePort();
    moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const endpoint = `http://127.0.0.1:${port}`;
    await waitForMoto(endpoint, moto);
    motoClient = secretsClient(endpoint);
    emulator = await startSecretsManager();
  }, 40_000);

  afterAll(async () => {
    motoClient?.destroy();
    await emulator?.stop();
    await stopProcess(moto);
  });

  it('answers the same sequence of SDK calls with the same shapes and errors', async () => {
    if (!motoClient || !emulator) throw new Error('not started');
    const expected = await runSequence(motoClient);
    const actual = await runSequence(emulator.client);
    // Guard against a vacuous pass: the sequence must have succeeded and failed where intended.
    expect(expected['get binary']).toMatchObject({ SecretBinary: '<bytes ff00fe80>' });
    expect(expected['get missing']).toEqual({ error: 'ResourceNotFoundException' });
    for (const step of STEPS)
      expect({ step: step.name, result: actual[step.name] }).toEqual({ step: step.name, result: expected[step.name] });
  });
});
