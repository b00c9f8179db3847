import { describe, expect, it } from 'vitest';
import { SecretsProvider } from '../src/secrets/index.js';
import { SSMProvider } from '../src/ssm/index.js';
import type { SSMGetMultipleOptions } from '../src/types/SSMProvider.js';
import { useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator({
  ssm: { parameters: [{ name: '/sub/a', value: 'A' }] },
  secretsmanager: { secrets: [{ name: 'sub/token', value: 't0ken' }] },
});

describe('a subclass of a provider', () => {
  it('overrides protected helpers and _getMultiple, reaching the real ones with super', async () => {
    class AuditedSSM extends SSMProvider {
      readonly invalidated: string[] = [];
      readonly listed: string[] = [];
      protected override invalidate(name: string): void {
        this.invalidated.push(name);
        super.invalidate(name);
      }
      protected override async _getMultiple(path: string, options?: NonNullable<SSMGetMultipleOptions>) {
        this.listed.push(path);
        return super._getMultiple(path, options);
      }
    }
    const ssm = new AuditedSSM({ clientConfig: ctx.clientConfig });
    expect(await ssm.getMultiple('/sub')).toEqual({ a: 'A' });
    await ssm.set('/sub/a', { value: 'B', overwrite: true });
    expect(await ssm.get('/sub/a')).toBe('B');
    expect({ invalidated: ssm.invalidated, listed: ssm.listed }).toEqual({ invalidated: ['/sub/a'], listed: ['/sub'] });
  });

  it('may have members named like the provider internals without changing what get does', async () => {
    class Named extends SecretsProvider {
      readonly rotation = 'its own';
      readonly variant = 'its own';
      readonly readThrough = 'its own';
    }
    const secrets = new Named({ clientConfig: ctx.clientConfig, rotationAware: true });
    expect(await secrets.get('sub/token')).toBe('t0ken');
    expect(await secrets.getSecretsByName({ 'sub/token': {} })).toEqual({ 'sub/token': 't0ken' });
  });
});
