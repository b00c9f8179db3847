import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCaches, DEFAULT_PROVIDERS } from '../src/index.js';
import { getSecret, getSecretsByName, SecretsProvider, setSecret } from '../src/secrets/index.js';
import { useEmulatorEnvironment, useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator({
  secretsmanager: {
    secrets: [
      { name: 'svc/a', value: 'A' },
      { name: 'svc/b', value: { b: true } },
    ],
  },
});
// The helpers build their own client: point it at the emulator the way a user would, through the environment.
useEmulatorEnvironment(ctx);
const forgetDefaultProvider = () => {
  delete DEFAULT_PROVIDERS.secrets;
};
beforeAll(forgetDefaultProvider);
afterAll(forgetDefaultProvider);
beforeEach(() => {
  clearCaches();
});

describe('Secrets helper functions', () => {
  it('share one cached default provider under DEFAULT_PROVIDERS.secrets', async () => {
    expect(await getSecret('svc/a')).toBe('A');
    expect(await getSecret('svc/a')).toBe('A');
    expect(DEFAULT_PROVIDERS.secrets).toBeInstanceOf(SecretsProvider);
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(1);
    clearCaches();
    expect(await getSecret('svc/b', { transform: 'json', throwOnMissing: true })).toEqual({ b: true });
  });

  it('use a provider put in DEFAULT_PROVIDERS.secrets', async () => {
    const own = new SecretsProvider({ clientConfig: { endpoint: ctx.emulator.endpoint } });
    DEFAULT_PROVIDERS.secrets = own;
    try {
      expect(await getSecret('svc/a')).toBe('A');
      expect(own.stats().apiCalls).toBe(1);
    } finally {
      delete DEFAULT_PROVIDERS.secrets;
    }
  });

  it('getSecretsByName and setSecret work end to end', async () => {
    expect(await getSecretsByName({ 'svc/a': {}, 'svc/b': { transform: 'json' } })).toEqual({
      'svc/a': 'A',
      'svc/b': { b: true },
    });
    expect(ctx.emulator.requests.count('BatchGetSecretValue')).toBe(1);
    const versionId = await setSecret('svc/c', 'C', { createIfMissing: true });
    expect(versionId).toBe(ctx.emulator.secretsManager.getSecret('svc/c')?.currentVersionId);
    expect(await getSecret('svc/c', { throwOnMissing: true })).toBe('C');
    await setSecret('svc/a', new Uint8Array([1, 2]));
    expect(await getSecret('svc/a')).toEqual(new Uint8Array([1, 2]));
    expect(ctx.emulator.requests.count('GetSecretValue')).toBe(0);
  });
});
