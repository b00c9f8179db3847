import { describe, expect, it } from 'vitest';
import { SecretsProvider } from '../src/secrets/index.js';
import { SSMProvider } from '../src/ssm/index.js';
import { useTestEmulator } from './helpers/emulator.js';

// Edges of the freshness policies found in review, through real HTTP: what the AWS SDK makes of a reset socket,
// values that a write cached, and prefetch calls handed the wrong thing.

const ctx = useTestEmulator({
  ssm: { parameters: [{ name: '/app/url', value: 'u1' }] },
  secretsmanager: { secrets: [{ name: 'app/token', value: 't1' }] },
});

let now = 0;
const clock = { now: () => now };
const calls = (operation: string) => ctx.emulator.requests.count(operation);

/** Lets a background refresh that was queued run to its end. */
async function settle(count: () => number, expected: number): Promise<void> {
  for (let round = 0; round < 200 && count() < expected; round++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (let round = 0; round < 10; round++) await new Promise((resolve) => setImmediate(resolve));
}

describe('a background refresh whose connection was reset (a Lambda thaw)', () => {
  it('is retried once on a new connection, whatever name the SDK gives the reset, and not counted as failed', async () => {
    now = Date.UTC(2030, 0, 1);
    // One attempt per SDK call (the test client's setting), so that the SDK's own retry does not hide the engine's.
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig, refreshAhead: 0.5, now: clock.now });
    expect(await ssm.get('/app/url', { maxAge: 10 })).toBe('u1');
    ctx.emulator.ssm.putParameter({ name: '/app/url', value: 'u2' });
    now += 6_000;
    ctx.emulator.faults.add({ service: 'ssm', operation: 'GetParameter', dropRate: 1, times: 1 });
    expect(await ssm.get('/app/url', { maxAge: 10 })).toBe('u1');
    await settle(() => calls('GetParameter'), 3);
    expect(calls('GetParameter')).toBe(3);
    expect(ssm.stats()).toMatchObject({ refreshes: 1, refreshFailures: 0, backoffs: 0 });
    expect(await ssm.get('/app/url', { maxAge: 10 })).toBe('u2');
  });
});

describe('a value cached by a write', () => {
  it('is refreshed ahead like a value read, so no read after the write waits for AWS', async () => {
    now = Date.UTC(2030, 0, 1);
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig, refreshAhead: 0.5, now: clock.now });
    await ssm.set('/app/url', { value: 'written', overwrite: true });
    ctx.emulator.ssm.putParameter({ name: '/app/url', value: 'changed elsewhere' });
    now += 3_000;
    expect(await ssm.get('/app/url')).toBe('written'); // past half of the 5 s default: one background refresh
    await settle(() => calls('GetParameter'), 1);
    expect(calls('GetParameter')).toBe(1);
    expect(await ssm.get('/app/url')).toBe('changed elsewhere');
    expect(ssm.stats()).toMatchObject({ misses: 0, refreshes: 1 });

    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig, refreshAhead: 0.5, now: clock.now });
    await secrets.set('app/token', { value: 't2' });
    ctx.emulator.secretsManager.putSecretValue('app/token', 't3');
    now += 3_000;
    expect(await secrets.get('app/token')).toBe('t2');
    await settle(() => calls('GetSecretValue'), 1);
    expect(await secrets.get('app/token')).toBe('t3');
    expect(secrets.stats()).toMatchObject({ misses: 0, refreshes: 1 });
  });
});

describe('prefetch handed the wrong thing', () => {
  it('throws a TypeError at once, naming what was wrong, instead of a rejection nobody handles', () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    expect(() => ssm.prefetch('/app/url' as never)).toThrow(
      'prefetch takes an array of names or { name, options } requests, got a string',
    );
    expect(() => ssm.prefetch(['/app/url', null] as never)).toThrow(
      'prefetch request 1 must be a name or { name, options }, got null',
    );
    expect(() => ssm.prefetchByName(null as never)).toThrow('prefetchByName takes an object of names to options');
    const secrets = new SecretsProvider({ clientConfig: ctx.clientConfig });
    expect(() => secrets.prefetchByName(['app/token'] as never)).toThrow(
      'prefetchByName takes an object of names to options, got an array',
    );
    expect(calls('GetParameter') + calls('GetParameters') + calls('BatchGetSecretValue')).toBe(0);
  });
});
