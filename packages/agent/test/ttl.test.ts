import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, SEED, startTestAgent, type TestAgent } from './helpers/agent.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED });
});
afterAll(() => emulator.stop());

let t: TestAgent | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
  emulator.reset();
  emulator.load(SEED);
});

const SECRET = '/secretsmanager/get?secretId=app/api-key';
const PARAMETER = '/systemsmanager/parameters/get?name=/app/url';

describe('TTL past the AWS extension cap (PARAMKIT_AGENT_*_TTL_SECONDS)', () => {
  it('keeps values up to an hour when asked, the AWS variables notwithstanding', async () => {
    const clock = manualClock();
    t = await startTestAgent(
      {
        PARAMKIT_AGENT_SECRETS_TTL_SECONDS: '3600',
        PARAMKIT_AGENT_SSM_TTL_SECONDS: '1800',
        SECRETS_MANAGER_TTL: '60',
      },
      { emulator, now: clock.now },
    );
    expect((await t.get(SECRET)).status).toBe(200);
    expect((await t.get(PARAMETER)).status).toBe(200);
    clock.advance(1_799_999);
    await t.get(SECRET);
    await t.get(PARAMETER);
    expect(emulator.requests.snapshot()).toEqual({ GetSecretValue: 1, GetParameter: 1 });
    clock.advance(1);
    await t.get(PARAMETER);
    expect(emulator.requests.count('GetParameter')).toBe(2);
    clock.advance(1_799_999);
    await t.get(SECRET);
    expect(emulator.requests.count('GetSecretValue')).toBe(1);
    clock.advance(1);
    await t.get(SECRET);
    expect(emulator.requests.count('GetSecretValue')).toBe(2);
  });

  it('without them, SECRETS_MANAGER_TTL=900 is clamped to 300 with the warning, as the AWS extension does', async () => {
    const clock = manualClock();
    t = await startTestAgent({ SECRETS_MANAGER_TTL: '900' }, { emulator, now: clock.now });
    await t.get(SECRET);
    clock.advance(300_000);
    await t.get(SECRET);
    expect(emulator.requests.count('GetSecretValue')).toBe(2);
  });
});
