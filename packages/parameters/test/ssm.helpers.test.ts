import type { RunningEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCaches, DEFAULT_PROVIDERS } from '../src/index.js';
import { getParameter, getParameters, getParametersByName, SSMProvider, setParameter } from '../src/ssm/index.js';
import { credentials, startTestEmulator } from './helpers/emulator.js';

let emulator: RunningEmulator;
const saved = { ...process.env };

beforeAll(async () => {
  ({ emulator } = await startTestEmulator());
  // The helpers build their own client: point it at the emulator the way a user would, through the environment.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  });
  delete DEFAULT_PROVIDERS.ssm;
});
afterAll(async () => {
  process.env = saved;
  delete DEFAULT_PROVIDERS.ssm;
  await emulator.stop();
});
beforeEach(() => {
  clearCaches();
  emulator.reset();
  emulator.load({ ssm: { '/svc/a': 'A', '/svc/b': '{"b":true}' } });
});

describe('SSM helper functions', () => {
  it('share one cached default provider', async () => {
    expect(await getParameter('/svc/a')).toBe('A');
    expect(await getParameter('/svc/a')).toBe('A');
    expect(DEFAULT_PROVIDERS.ssm).toBeInstanceOf(SSMProvider);
    expect(emulator.requests.count('GetParameter')).toBe(1);
  });

  it('getParameters, getParametersByName and setParameter work end to end', async () => {
    expect(await getParameters('/svc', { transform: 'auto' })).toEqual({ a: 'A', b: '{"b":true}' });
    expect(await getParametersByName({ '/svc/a': {}, '/svc/b': { transform: 'json' } })).toEqual({
      '/svc/a': 'A',
      '/svc/b': { b: true },
    });
    expect(await setParameter('/svc/c', { value: 'C' })).toBe(1);
    expect(await getParameter('/svc/c', { throwOnMissing: true })).toBe('C');
  });
});
