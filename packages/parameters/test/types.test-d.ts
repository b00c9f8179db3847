import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { JSONValue } from '../src/index.js';
import { getParameter, getParameters, getParametersByName, SSMProvider, setParameter } from '../src/ssm/index.js';

const provider = new SSMProvider();
type Config = { host: string; port: number };
const Config = z.object({ host: z.string(), port: z.number() });

describe('SSMProvider.get return types', () => {
  it('is string | undefined by default', () => {
    expectTypeOf(provider.get('/a')).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(getParameter('/a')).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(getParameter('/a', { decrypt: true, maxAge: 10 })).resolves.toEqualTypeOf<string | undefined>();
  });

  it('is a JSON value for json and a string for binary', () => {
    expectTypeOf(getParameter('/a', { transform: 'json' })).resolves.toEqualTypeOf<JSONValue | undefined>();
    expectTypeOf(getParameter('/a', { transform: 'binary' })).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(provider.get('/a', { transform: 'json' })).resolves.toEqualTypeOf<JSONValue | undefined>();
  });

  it('drops undefined with throwOnMissing: true', () => {
    expectTypeOf(getParameter('/a', { throwOnMissing: true })).resolves.toEqualTypeOf<string>();
    expectTypeOf(getParameter('/a', { transform: 'json', throwOnMissing: true })).resolves.toEqualTypeOf<JSONValue>();
    expectTypeOf(provider.get('/a', { throwOnMissing: true, decrypt: true })).resolves.toEqualTypeOf<string>();
    expectTypeOf(getParameter('/a', { throwOnMissing: false })).resolves.toEqualTypeOf<string | undefined>();
  });

  it('takes an explicit type argument, still honouring throwOnMissing', () => {
    expectTypeOf(getParameter<Config>('/a', { transform: 'json' })).resolves.toEqualTypeOf<Config | undefined>();
    expectTypeOf(
      getParameter<Config>('/a', { transform: 'json', throwOnMissing: true }),
    ).resolves.toEqualTypeOf<Config>();
    expectTypeOf(provider.get<number>('/a', { throwOnMissing: true })).resolves.toEqualTypeOf<number>();
    expectTypeOf(provider.get<number>('/a')).resolves.toEqualTypeOf<number | undefined>();
  });

  it('returns a schema’s output type, and a transform function’s return type', () => {
    expectTypeOf(getParameter('/a', { transform: 'json', schema: Config })).resolves.toEqualTypeOf<
      Config | undefined
    >();
    expectTypeOf(
      getParameter('/a', { transform: 'json', schema: Config, throwOnMissing: true }),
    ).resolves.toEqualTypeOf<Config>();
    expectTypeOf(getParameter('/a', { transform: (value) => value.length })).resolves.toEqualTypeOf<
      number | undefined
    >();
  });

  it('rejects options of the wrong shape', () => {
    // @ts-expect-error 'auto' is for getMultiple only
    getParameter('/a', { transform: 'auto' });
    // @ts-expect-error maxAge is a number of seconds
    getParameter('/a', { maxAge: '5' });
  });
});

describe('SSMProvider.getMultiple return types', () => {
  it('is a record of strings by default, of JSON values for json and auto', () => {
    expectTypeOf(getParameters('/app')).resolves.toEqualTypeOf<Record<string, string> | undefined>();
    expectTypeOf(provider.getMultiple('/app', { recursive: true })).resolves.toEqualTypeOf<
      Record<string, string> | undefined
    >();
    expectTypeOf(getParameters('/app', { transform: 'json' })).resolves.toEqualTypeOf<
      Record<string, JSONValue> | undefined
    >();
    expectTypeOf(getParameters('/app', { transform: 'auto' })).resolves.toEqualTypeOf<
      Record<string, JSONValue> | undefined
    >();
    expectTypeOf(getParameters('/app', { transform: 'binary' })).resolves.toEqualTypeOf<
      Record<string, string> | undefined
    >();
  });

  it('takes an explicit value type or a schema', () => {
    expectTypeOf(getParameters<number>('/app')).resolves.toEqualTypeOf<Record<string, number> | undefined>();
    expectTypeOf(provider.getMultiple('/app', { transform: 'json', schema: Config })).resolves.toEqualTypeOf<
      Record<string, Config> | undefined
    >();
  });
});

describe('getParametersByName and setParameter return types', () => {
  it('is a record with optional _errors', () => {
    expectTypeOf(getParametersByName({ '/a': {} })).resolves.toEqualTypeOf<
      Record<string, unknown> & { _errors?: string[] }
    >();
    expectTypeOf(getParametersByName<string>({ '/a': {} })).resolves.toEqualTypeOf<
      Record<string, string> & { _errors?: string[] }
    >();
  });

  it('returns the version number', () => {
    expectTypeOf(setParameter('/a', { value: 'v' })).resolves.toEqualTypeOf<number>();
    expectTypeOf(
      provider.set('/a', { value: 'v', overwrite: true, parameterType: 'SecureString' }),
    ).resolves.toEqualTypeOf<number>();
  });
});

describe('transform functions with untyped parameters', () => {
  it('infer the value type for getMultiple and getParameters', () => {
    expectTypeOf(provider.getMultiple('/app', { transform: (value) => String(value).length })).resolves.toEqualTypeOf<
      Record<string, number> | undefined
    >();
    expectTypeOf(getParameters('/app', { transform: (value) => String(value) })).resolves.toEqualTypeOf<
      Record<string, string> | undefined
    >();
  });
});

describe('subclasses of SSMProvider and SecretsProvider', () => {
  it('override the protected helpers and _getMultiple with super calls, as Powertools subclasses do', async () => {
    const { SecretsProvider } = await import('../src/secrets/index.js');
    class AuditedSSM extends SSMProvider {
      public written: string[] = [];
      protected override invalidate(name: string): void {
        this.written.push(name);
        super.invalidate(name);
      }
      protected override async _getMultiple(path: string, options?: Parameters<SSMProvider['getMultiple']>[1]) {
        return super._getMultiple(path, options ?? {});
      }
      protected override cacheKeyOf(name: string, options?: object) {
        return super.cacheKeyOf(name, options);
      }
    }
    class CountingSecrets extends SecretsProvider {
      public rotation = 'a field of its own, which must not change what get does';
      protected override cachedValue(key: string, maxAge: number | undefined) {
        return super.cachedValue(key, maxAge);
      }
    }
    expectTypeOf(new AuditedSSM().written).toEqualTypeOf<string[]>();
    expectTypeOf(new CountingSecrets().get('a')).resolves.toEqualTypeOf<string | Uint8Array | undefined>();
  });
});
