// What a bundle of `getParameter` or `getSecret` alone runs: the core classes, without the modules that complete
// them (their methods beyond `get` and the checks of their options). This file imports nothing else of the
// library, and Vitest runs each file in a module registry of its own, so those modules are never loaded here.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PROVIDERS } from '../src/base/DefaultProviders.js';
import { CacheEngine } from '../src/engine/CacheEngine.js';
import { getSecret } from '../src/secrets/getSecret.js';
import { SecretsProvider } from '../src/secrets/SecretsProviderCore.js';
import { getParameter } from '../src/ssm/getParameter.js';
import { SSMProvider } from '../src/ssm/SSMProviderCore.js';
import { useEmulatorEnvironment, useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator({
  ssm: { parameters: [{ name: '/lean/url', value: 'https://example.com' }] },
  secretsmanager: { secrets: [{ name: 'lean/db', value: '{"user":"app"}' }] },
});
useEmulatorEnvironment(ctx);

const sharedSsm = () => DEFAULT_PROVIDERS.ssm as SSMProvider;

describe('the helpers without the complete provider classes', () => {
  it('read, transform and cache through the shared providers, with the default policies', async () => {
    expect(await getParameter('/lean/url')).toBe('https://example.com');
    expect(await getSecret('lean/db', { transform: 'json' })).toEqual({ user: 'app' });
  });

  it('serve a stale value when AWS throttles a refresh (stale-if-error and the stale-answer deadline are on)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      expect(await getParameter('/lean/url', { maxAge: 1 })).toBe('https://example.com');
      ctx.emulator.faults.add({ throttleRate: 1 });
      vi.setSystemTime(Date.now() + 2_000);
      const before = sharedSsm().stats();
      expect(await getParameter('/lean/url', { maxAge: 1 })).toBe('https://example.com');
      const after = sharedSsm().stats();
      expect(after.apiCalls).toBeGreaterThan(before.apiCalls); // the refresh was tried, and throttled
      expect(after.staleServed).toBe(before.staleServed + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('still check what a call passes: maxAge, transform and the name', async () => {
    await expect(getParameter('/lean/url', { maxAge: Number.NaN })).rejects.toThrow(
      /maxAge must be a number of seconds/,
    );
    await expect(getParameter('/lean/url', { transform: 'yaml' as never })).rejects.toThrow(/Invalid transform/);
    await expect(getParameter(42 as never)).rejects.toThrow(/name must be a string/);
  });

  it('refuse cache options and rotationAware rather than run without their code, naming where it is', () => {
    expect(() => new SSMProvider({ maxEntries: 5 })).toThrow(
      /import the class from its subpath \(@paramkit\/parameters\/ssm/,
    );
    expect(() => new SecretsProvider({ backoff: false })).toThrow(TypeError);
    expect(() => new SecretsProvider({ rotationAware: true })).toThrow(
      /rotationAware needs the complete SecretsProvider/,
    );
    expect(() => new CacheEngine({ refreshAhead: 0.5 })).toThrow(/import CacheEngine from there/);
    expect(new CacheEngine({ now: undefined }).options.maxEntries).toBe(1000);
  });
});
