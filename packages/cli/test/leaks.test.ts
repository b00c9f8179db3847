import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CorruptingProxy, startCorruptingProxy } from '../../parameters/test/helpers/corruptingProxy.js';
import { leakIn, MARKER } from '../../parameters/test/helpers/leaks.js';
import { paramkit, type Run, userEnv } from './helpers/bin.js';

// The leak rule (issue 9) on the CLI: secrets seeded with the library's MARKER, every verb driven into failure
// (refusals, faults, throttling, failing declarations, answers the SDK cannot parse), and no 8 characters of the
// marker on stderr, nor on stdout for the verbs that hide values unless asked.
const dir = mkdtempSync(join(tmpdir(), 'paramkit-leak-'));
const declaration = fileURLToPath(new URL('./fixtures/leaky-config.mjs', import.meta.url));
const notJson = `${MARKER}-notjson{{`;

let emulator: RunningEmulator;
let proxy: CorruptingProxy;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  proxy = await startCorruptingProxy(emulator.endpoint);
});
afterAll(async () => {
  await proxy.stop();
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
  emulator.faults.clear();
  proxy.corrupt = undefined;
  emulator.load({
    ssm: {
      parameters: [
        { name: '/leak/secure', value: notJson, type: 'SecureString' },
        { name: '/leak/other', value: `${MARKER}-other`, type: 'SecureString' },
      ],
    },
    secretsmanager: { secrets: [{ name: 'leak/token', value: MARKER }] },
  });
});

/** One attempt per call: faults and broken answers fail at once instead of after adaptive retries. */
const envFor = (endpoint: string) => userEnv(endpoint, { AWS_MAX_ATTEMPTS: '1' });

/** Verbs that fail (or may) with the marker's values about; `hides` ones must not print them on stdout either. */
function failingVerbs(): Array<{ args: string[]; hides: boolean; input?: string }> {
  const file = join(dir, 'import.json');
  writeFileSync(file, JSON.stringify({ a: `${MARKER}-a`, b: `${MARKER}-b`, c: `${MARKER}-c` }));
  return [
    { args: ['get', '/leak/secure', '/leak/none'], hides: false },
    { args: ['get', 'secret:leak/token', '--label', 'NOPE'], hides: false },
    { args: ['put', '/leak/secure', `${MARKER}-new`], hides: true },
    { args: ['put', '/leak/long', `${MARKER}${'x'.repeat(9000)}`, '--type', 'String'], hides: true },
    { args: ['put', 'secret:leak/token', '--file', '/nonexistent'], hides: true },
    { args: ['put', 'secret:bad name', '-'], hides: true, input: MARKER },
    { args: ['ls', '/leak', '-r'], hides: true },
    { args: ['history', '/leak/secure'], hides: true },
    { args: ['diff', '/leak', 'secret:leak/'], hides: true },
    { args: ['diff', '/leak', file], hides: true },
    { args: ['export', '/leak', '-o', join(dir, 'out.json')], hides: true },
    { args: ['export', declaration], hides: false },
    { args: ['env', declaration, '/leak'], hides: false },
    { args: ['exec', '/leak', 'secret:leak/', '--', '/nonexistent/command'], hides: true },
    { args: ['import', '/copy', file, '--yes', '--type', 'String'], hides: true },
    { args: ['rm', '/leak/none', '--yes'], hides: true },
  ];
}

function checked(label: string, run: Run, hides: boolean): void {
  const piece = leakIn(run.stderr) ?? (hides ? leakIn(run.stdout) : undefined);
  if (piece !== undefined) throw new Error(`${label}: '${piece}' of the marker was printed:\n${run.all}`);
}

async function runAll(label: string, endpoint: string): Promise<Run[]> {
  const verbs = failingVerbs();
  const runs = await Promise.all(
    verbs.map((verb) => paramkit(verb.args, envFor(endpoint), { input: verb.input ?? '' })),
  );
  runs.forEach((run, i) => {
    checked(`${label}: paramkit ${verbs[i]?.args.slice(0, 2).join(' ')}`, run, verbs[i]?.hides ?? true);
  });
  return runs;
}

describe('leak: the paramkit CLI', () => {
  it('refusals and failures of every verb, with the store answering', async () => {
    const runs = await runAll('store', emulator.endpoint);
    // Not vacuous: they failed (and the ones that print values printed the marker's values on stdout).
    expect(runs.filter((run) => run.code !== 0).length).toBeGreaterThanOrEqual(12);
    expect(leakIn(runs[0]?.stdout ?? '')).toBeDefined();
  });

  it.each([
    ['throttling', { throttleRate: 1 }],
    ['failing with 5xx', { serverErrorRate: 1 }],
  ])('the store %s on every call', async (label, rule) => {
    emulator.faults.add(rule);
    const runs = await runAll(label, emulator.endpoint);
    expect(runs.every((run) => run.code !== 0)).toBe(true);
  });

  it.each([
    ['unquoted', (body: string) => body.replaceAll(`"${MARKER}`, MARKER)],
    ['bare', () => MARKER],
    ['errorBody', (body: string, status: number) => (status === 200 ? body : `<html>${MARKER}</html>`)],
  ])('answers the SDK cannot parse: %s', async (label, corrupt) => {
    proxy.corrupt = corrupt;
    const runs = await runAll(label, proxy.endpoint);
    expect(runs.filter((run) => run.code !== 0).length).toBeGreaterThanOrEqual(10);
  });
});
