import { describe, expect, it } from 'vitest';
import { GetParameterError, ParameterNotFoundError, SetParameterError } from '../src/errors.js';
import { getParameter, SSMProvider, setParameter } from '../src/ssm/index.js';
import { useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator({
  ssm: {
    parameters: [
      { name: '/app/url', value: 'https://example.com' },
      { name: '/app/db', value: '{"host":"db","port":5432}', type: 'SecureString' },
      { name: '/app/flag', versions: ['off', 'on'], labels: ['prod'] },
      { name: '/app/nested/deep/a.json', value: '{"deep":true}' },
      { name: '/app/nested/b', value: 'b' },
    ],
  },
});

const calls = (operation: string) => ctx.emulator.requests.count(operation);
/** The emulator's stand-in for a SecureString's KMS ciphertext, as GetParameter answers without decryption. */
const CIPHERTEXT = /^AQICAH[A-Za-z0-9+/]+=*$/;

describe('SSMProvider.get against the emulator', () => {
  it('reads a parameter and caches it', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    expect(await ssm.get('/app/url')).toBe('https://example.com');
    expect(await ssm.get('/app/url')).toBe('https://example.com');
    expect(calls('GetParameter')).toBe(1);
    expect(ssm.stats()).toMatchObject({ hits: 1, misses: 1, apiCalls: 1 });
  });

  it('decrypts and transforms a SecureString: getParameter(name, { decrypt: true, transform: json })', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    expect(await ssm.get('/app/db', { decrypt: true, transform: 'json' })).toEqual({ host: 'db', port: 5432 });
  });

  it('never answers a decrypt: true call with a value fetched without decryption', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const encrypted = await ssm.get('/app/db', { decrypt: false });
    const plain = await ssm.get('/app/db', { decrypt: true });
    expect(encrypted).not.toBe(plain);
    expect(encrypted).toMatch(CIPHERTEXT);
    expect(plain).toBe('{"host":"db","port":5432}');
    expect(calls('GetParameter')).toBe(2);
  });

  it('takes decrypt from POWERTOOLS_PARAMETERS_SSM_DECRYPT, and from sdkOptions.WithDecryption', async () => {
    process.env.POWERTOOLS_PARAMETERS_SSM_DECRYPT = 'yes';
    try {
      const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
      expect(await ssm.get('/app/db')).toBe('{"host":"db","port":5432}');
    } finally {
      delete process.env.POWERTOOLS_PARAMETERS_SSM_DECRYPT;
    }
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    expect(await ssm.get('/app/db', { sdkOptions: { WithDecryption: true } })).toBe('{"host":"db","port":5432}');
  });

  it('fails the reads that need an unreadable POWERTOOLS_PARAMETERS_SSM_DECRYPT with GetParameterError, as Powertools', async () => {
    process.env.POWERTOOLS_PARAMETERS_SSM_DECRYPT = 'maybe';
    try {
      const ssm = new SSMProvider({ clientConfig: ctx.clientConfig }); // does not throw
      const failure = await ssm.get('/app/db').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(GetParameterError);
      expect((failure as Error).message).toMatch(/POWERTOOLS_PARAMETERS_SSM_DECRYPT.*'maybe'/);
      expect((failure as Error).cause).toBeInstanceOf(RangeError);
      await expect(ssm.getParametersByName({ '/app/db': {} })).rejects.toThrow(/POWERTOOLS_PARAMETERS_SSM_DECRYPT/);
      await expect(getParameter('/app/db')).rejects.toBeInstanceOf(GetParameterError);
      // A read that says decrypt itself never looks at the variable.
      expect(await ssm.get('/app/db', { decrypt: true })).toBe('{"host":"db","port":5432}');
      expect(calls('GetParameter')).toBe(1);
    } finally {
      delete process.env.POWERTOOLS_PARAMETERS_SSM_DECRYPT;
    }
  });

  it('reads versions and labels by selector, each cached apart', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    expect(await ssm.get('/app/flag')).toBe('on');
    expect(await ssm.get('/app/flag:1')).toBe('off');
    expect(await ssm.get('/app/flag:prod')).toBe('on');
    expect(calls('GetParameter')).toBe(3);
  });

  it('wraps not-found in GetParameterError, or ParameterNotFoundError with throwOnMissing', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const error = await ssm.get('/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).cause).toMatchObject({ name: 'ParameterNotFound' });
    await expect(ssm.get('/nope', { throwOnMissing: true })).rejects.toBeInstanceOf(ParameterNotFoundError);
    await expect(ssm.get('/app/flag:9')).rejects.toMatchObject({ cause: { name: 'ParameterVersionNotFound' } });
    // As in Powertools, a version that does not exist is not a missing value: it is never a ParameterNotFoundError.
    const pinned = await ssm.get('/app/flag:9', { throwOnMissing: true }).catch((e: unknown) => e);
    expect(pinned).not.toBeInstanceOf(ParameterNotFoundError);
    expect(pinned).toMatchObject({ name: 'GetParameterError', cause: { name: 'ParameterVersionNotFound' } });
  });

  it('uses a client given to it, and creates none until the first call', async () => {
    const { SSMClient } = await import('@aws-sdk/client-ssm');
    const client = new SSMClient(ctx.clientConfig);
    const ssm = new SSMProvider({ awsSdkV3Client: client });
    expect(ssm.client).toBe(client);
    expect(await ssm.get('/app/url')).toBe('https://example.com');

    let configReads = 0;
    const watched = {
      ...ctx.clientConfig,
      get region() {
        configReads++;
        return 'us-east-1';
      },
    };
    const lazy = new SSMProvider({ clientConfig: watched });
    expect(configReads).toBe(0);
    expect(await lazy.get('/app/url')).toBe('https://example.com');
    expect(configReads).toBeGreaterThan(0);
  });
});

describe('SSMProvider.getMultiple against the emulator', () => {
  it('reads direct children, or every level with recursive, over all pages', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    expect(await ssm.getMultiple('/app/nested')).toEqual({ b: 'b' });
    expect(await ssm.getMultiple('/app/nested', { recursive: true, transform: 'auto' })).toEqual({
      b: 'b',
      'deep/a.json': { deep: true },
    });
    for (let i = 0; i < 25; i++) ctx.emulator.ssm.putParameter({ name: `/many/p${i}`, value: `v${i}` });
    const many = await ssm.getMultiple('/many/');
    expect(Object.keys(many ?? {})).toHaveLength(25);
    expect(calls('GetParametersByPath')).toBe(2 + 3);
  });

  it('decrypts SecureStrings only when asked, caching the two apart', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    const plain = await ssm.getMultiple('/app');
    const decrypted = await ssm.getMultiple('/app', { decrypt: true });
    expect(decrypted?.db).toBe('{"host":"db","port":5432}');
    expect(plain?.db).not.toBe(decrypted?.db);
    expect(plain?.db).toMatch(CIPHERTEXT);
  });
});

describe('SSMProvider.set against the emulator', () => {
  it('writes, returns the version and replaces the cached value', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    expect(await ssm.get('/app/url')).toBe('https://example.com');
    expect(await ssm.set('/app/url', { value: 'https://new.example.com', overwrite: true })).toBe(2);
    expect(await ssm.get('/app/url')).toBe('https://new.example.com');
    expect(calls('GetParameter')).toBe(1);
  });

  it('creates SecureStrings, readable with decrypt', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    expect(
      await ssm.set('/app/token', {
        value: 'tkn',
        parameterType: 'SecureString',
        description: 'd',
        kmsKeyId: 'alias/x',
      }),
    ).toBe(1);
    expect(await ssm.get('/app/token', { decrypt: true })).toBe('tkn');
    expect(await ssm.get('/app/token', { decrypt: false })).toMatch(CIPHERTEXT);
  });

  it('wraps failures in SetParameterError and validates input', async () => {
    const ssm = new SSMProvider({ clientConfig: ctx.clientConfig });
    await expect(ssm.set('/app/url', { value: 'x' })).rejects.toMatchObject({
      name: 'SetParameterError',
      cause: { name: 'ParameterAlreadyExists' },
    });
    // Refused before any call, with Powertools' error class (there AWS refuses them).
    await expect(ssm.set('/app/x', { value: 42 as unknown as string })).rejects.toThrow(
      new SetParameterError("The value to set for '/app/x' must be a string, got number"),
    );
    await expect(ssm.set('/app/x', {} as never)).rejects.toBeInstanceOf(SetParameterError);
    await expect(setParameter('', { value: 'x' })).rejects.toThrow(
      /name to set must be a non-empty string, got an empty string/,
    );
    expect(calls('PutParameter')).toBe(1);
  });
});
