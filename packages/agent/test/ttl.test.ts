import { describe, expect, it } from 'vitest';
import { manualClock } from './helpers/agent.js';
import { useSharedEmulator } from './helpers/sharedEmulator.js';

const shared = useSharedEmulator();

const SECRET = '/secretsmanager/get?secretId=app/api-key';
const PARAMETER = '/systemsmanager/parameters/get?name=/app/url';

describe('TTL past the AWS extension cap (PARAMKIT_AGENT_*_TTL_SECONDS)', () => {
  it('keeps values up to an hour when asked, the AWS variables notwithstanding', async () => {
    const clock = manualClock();
    const t = await shared.startAgent(
      {
        PARAMKIT_AGENT_SECRETS_TTL_SECONDS: '3600',
        PARAMKIT_AGENT_SSM_TTL_SECONDS: '1800',
        SECRETS_MANAGER_TTL: '60',
      },
      { now: clock.now },
    );
    expect((await t.get(SECRET)).status).toBe(200);
    expect((await t.get(PARAMETER)).status).toBe(200);
    clock.advance(1_799_999);
    await t.get(SECRET);
    await t.get(PARAMETER);
    expect(shared.emulator.requests.snapshot()).toEqual({ GetSecretValue: 1, GetParameter: 1 });
    clock.advance(1);
    await t.get(PARAMETER);
    expect(shared.emulator.requests.count('GetParameter')).toBe(2);
    clock.advance(1_799_999);
    await t.get(SECRET);
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(1);
    clock.advance(1);
    await t.get(SECRET);
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
  });

  it('without them, SECRETS_MANAGER_TTL=900 is clamped to 300 with the warning, as the AWS extension does', async () => {
    const clock = manualClock();
    const t = await shared.startAgent({ SECRETS_MANAGER_TTL: '900' }, { now: clock.now });
    await t.get(SECRET);
    clock.advance(300_000);
    await t.get(SECRET);
    expect(shared.emulator.requests.count('GetSecretValue')).toBe(2);
  });
});
