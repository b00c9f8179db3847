import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import {
  ExtensionSecretsProvider,
  ExtensionSSMProvider,
  getParameter,
  getParameters,
  getSecret,
} from '../src/extension/index.js';
import type { JSONValue } from '../src/index.js';

const Config = z.object({ host: z.string() });

describe('extension client return types', () => {
  it('getSecret: text or bytes, JSON, schema output, throwOnMissing', () => {
    expectTypeOf(getSecret('s')).resolves.toEqualTypeOf<string | Uint8Array | undefined>();
    expectTypeOf(getSecret('s', { transform: 'json' })).resolves.toEqualTypeOf<JSONValue | undefined>();
    expectTypeOf(getSecret('s', { transform: 'json', schema: Config, throwOnMissing: true })).resolves.toEqualTypeOf<{
      host: string;
    }>();
    expectTypeOf(new ExtensionSecretsProvider().get('s', { throwOnMissing: true })).resolves.toEqualTypeOf<
      string | Uint8Array
    >();
  });

  it('getParameter and getParameters', () => {
    expectTypeOf(getParameter('/p')).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(
      getParameter<number>('/p', { transform: 'json', throwOnMissing: true }),
    ).resolves.toEqualTypeOf<number>();
    expectTypeOf(new ExtensionSSMProvider().get('/p', { decrypt: true })).resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(getParameters('/app', { transform: 'auto' })).resolves.toEqualTypeOf<
      Record<string, JSONValue> | undefined
    >();
  });
});
