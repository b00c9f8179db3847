import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';

/*
 * AWS's own client code (test/samples: Python with requests, Node.js with http.get, Java with java.net.http), each
 * run 50 times at once against one agent at its default settings, on a cold cache, with 200 ms of emulator latency
 * on every Secrets Manager call: every run must print the secret. The samples call `localhost:2773`; each is copied
 * with the agent's port in place of 2773 (the only change besides the secret name). A language whose runtime is
 * missing is skipped with a message.
 */

const run = promisify(execFile);
const samples = fileURLToPath(new URL('./samples/', import.meta.url));
const CONCURRENT = 50;
const VALUES = { python: 'sample-py-7d1e', node: 'sample-js-20c4', java: 'sample-jv-9b3a' } as const;

let emulator: RunningEmulator;
let t: TestAgent;
let work: string;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: {
      secretsmanager: {
        secrets: Object.entries(VALUES).map(([language, value]) => ({ name: `sample/${language}`, value })),
      },
    },
  });
  t = await startTestAgent({}, { emulator });
  emulator.faults.add({ service: 'secretsmanager', latencyMs: 200 });
  work = await mkdtemp(join(tmpdir(), 'paramkit-samples-'));
});
afterAll(async () => {
  await t?.stop();
  await emulator?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Copies a sample into the work folder with the agent's port in place of AWS's 2773. */
async function copySample(name: string): Promise<string> {
  const text = await readFile(join(samples, name), 'utf8');
  expect(text).toContain('localhost');
  const target = join(work, name);
  await writeFile(target, text.replaceAll('2773', String(t.agent.port)));
  return target;
}

/** Whether a command runs (exit 0) here; the reason when it does not. */
async function missing(command: string, args: string[]): Promise<string | undefined> {
  try {
    await run(command, args, { timeout: 20_000 });
    return undefined;
  } catch (error) {
    return `${command} ${args.join(' ')}: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Runs a sample's runner (async: this process serves the agent meanwhile) and checks every run printed the secret. */
async function expectAllPrinted(command: string, args: string[], value: string): Promise<void> {
  const upstreamBefore = emulator.requests.count();
  const { stdout, stderr } = await run(command, args, {
    env: { ...process.env, AWS_SESSION_TOKEN: TOKEN },
    timeout: 60_000,
    maxBuffer: 4 * 1024 * 1024,
  });
  const printed = stdout.split(`Retrieved secret: ${value}`).length - 1;
  expect({ printed, errors: `${stdout}${stderr}`.match(/Error.*/g) ?? [] }).toEqual({
    printed: CONCURRENT,
    errors: [],
  });
  // Coalesced: the 50 cold reads of one secret made one call to Secrets Manager.
  expect(emulator.requests.count() - upstreamBefore).toBe(1);
}

describe("AWS's documented client code, 50 at once on a cold cache with 200 ms upstream latency", () => {
  it('Python (requests): every run prints the secret', async (context) => {
    const reason = await missing('python3', ['-c', 'import requests']);
    if (reason !== undefined) {
      console.warn(`Skipping the Python sample: python3 with requests is not available (${reason})`);
      context.skip();
    }
    const sample = await copySample('get_secret.py');
    await expectAllPrinted('python3', [join(samples, 'run_python.py'), sample, String(CONCURRENT)], VALUES.python);
  }, 90_000);

  it('Node.js (http.get): every run prints the secret', async () => {
    const sample = await copySample('get-secret.mjs');
    await expectAllPrinted(process.execPath, [join(samples, 'run-node.mjs'), sample, String(CONCURRENT)], VALUES.node);
  }, 90_000);

  it('Java (java.net.http): every run prints the secret', async (context) => {
    const reason = await missing('java', ['-version']);
    if (reason !== undefined) {
      console.warn(`Skipping the Java sample: no Java runtime (${reason})`);
      context.skip();
    }
    const sample = await copySample('GetSecret.java');
    await expectAllPrinted('java', [sample, String(CONCURRENT)], VALUES.java);
  }, 90_000);
});
