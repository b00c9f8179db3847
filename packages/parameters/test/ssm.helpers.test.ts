import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCaches, DEFAULT_PROVIDERS } from '../src/index.js';
import { getParameter, getParameters, getParametersByName, SSMProvider, setParameter } from '../src/ssm/index.js';
import { useEmulatorEnvironment, useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator({ ssm: { '/svc/a': 'A', '/svc/b': '{"b":true}' } });
// The helpers build their own client: point it at the emulator the way a user would, through the environment.
useEmulatorEnvironment(ctx);
const forgetDefaultProvider = () => {
  delete DEFAULT_PROVIDERS.ssm;
};
beforeAll(forgetDefaultProvider);
afterAll(forgetDefaultProvider);
beforeEach(() => {
  clearCaches();
});

describe('SSM helper functions', () => {
  it('share one cached default provider', async () => {
    expect(await getParameter('/svc/a')).toBe('A');
    expect(await getParameter('/svc/a')).toBe('A');
    expect(DEFAULT_PROVIDERS.ssm).toBeInstanceOf(SSMProvider);
    expect(ctx.emulator.requests.count('GetParameter')).toBe(1);
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
