import { afterEach, describe, expect, it, vi } from 'vitest';
import { appConfig, ConfigError, defaultEnvName, defineConfig, dynamodb, secret, ssm } from '../src/config/index.js';
import { configSeed, testProviders } from './helpers/configSeed.js';
import { useTestEmulator } from './helpers/emulator.js';

const ctx = useTestEmulator(configSeed);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function declaration(options: { envPrefix?: string; now?: () => number } = {}) {
  return defineConfig(
    {
      dbUrl: ssm('/cfg/p0'),
      limits: ssm('/cfg/limits', { transform: 'json' }),
      port: ssm('/cfg/port', { transform: (value) => Number(value), sensitive: false }),
      apiToken: secret('cfg/token', { env: 'API_TOKEN_OVERRIDE' }),
      signingKey: secret('cfg/key'),
      flags: appConfig({ application: 'shop', environment: 'prod', profile: 'flags' }, { transform: 'json' }),
      region: ssm('/cfg/region').optional(),
    },
    {
      providers: testProviders(ctx.clientConfig, options.now),
      ...(options.envPrefix ? { envPrefix: options.envPrefix } : {}),
    },
  );
}

describe('describe()', () => {
  it('lists the declared entries with their environment names, without a call', () => {
    expect(declaration({ envPrefix: 'APP_' }).describe()).toEqual([
      { key: 'dbUrl', service: 'ssm', name: '/cfg/p0', optional: false, envName: 'APP_DB_URL', sensitive: undefined },
      {
        key: 'limits',
        service: 'ssm',
        name: '/cfg/limits',
        optional: false,
        envName: 'APP_LIMITS',
        sensitive: undefined,
      },
      { key: 'port', service: 'ssm', name: '/cfg/port', optional: false, envName: 'APP_PORT', sensitive: false },
      {
        key: 'apiToken',
        service: 'secrets',
        name: 'cfg/token',
        optional: false,
        envName: 'API_TOKEN_OVERRIDE',
        sensitive: true,
      },
      {
        key: 'signingKey',
        service: 'secrets',
        name: 'cfg/key',
        optional: false,
        envName: 'APP_SIGNING_KEY',
        sensitive: true,
      },
      {
        key: 'flags',
        service: 'appconfig',
        name: 'shop/prod/flags',
        optional: false,
        envName: 'APP_FLAGS',
        sensitive: false,
      },
      {
        key: 'region',
        service: 'ssm',
        name: '/cfg/region',
        optional: true,
        envName: 'APP_REGION',
        sensitive: undefined,
      },
    ]);
    expect(ctx.emulator.requests.count()).toBe(0);
  });

  it('says which values are secrets: as declared, else secrets yes, AppConfig and DynamoDB no, SSM by its type', () => {
    const described = defineConfig({
      token: secret('a/token', { sensitive: false }),
      key: ssm('/a/key', { sensitive: true }),
      row: dynamodb({ tableName: 't', name: 'n' }),
      plain: ssm('/a/plain'),
    }).describe();
    expect(described.map((entry) => [entry.key, entry.sensitive])).toEqual([
      ['token', false],
      ['key', true],
      ['row', false],
      ['plain', undefined],
    ]);
    expect(() => defineConfig({ bad: ssm('/a/b', { sensitive: 'yes' as never }) })).toThrow(
      "Entry 'bad': sensitive must be true or false",
    );
  });

  it('derives SCREAMING_SNAKE_CASE names from keys', () => {
    expect(['dbUrl', 'api-key', 'HTTPServer2', 'already_SNAKE', '2fa.secret'].map(defaultEnvName)).toEqual([
      'DB_URL',
      'API_KEY',
      'HTTP_SERVER2',
      'ALREADY_SNAKE',
      '_2FA_SECRET',
    ]);
  });
});

describe('toEnv()', () => {
  it('writes every value under its name (text as is, bytes as base64, the rest as JSON), printing nothing', async () => {
    const writes = [
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level)),
    ];
    const env: Record<string, string | undefined> = {};
    const names = await declaration().toEnv({ env });
    expect(names).toEqual(['DB_URL', 'LIMITS', 'PORT', 'API_TOKEN_OVERRIDE', 'SIGNING_KEY', 'FLAGS']);
    expect(env).toEqual({
      DB_URL: 'value-0',
      LIMITS: '{"rps":10,"burst":20}',
      PORT: '5432',
      API_TOKEN_OVERRIDE: 't0ken-s3cret',
      SIGNING_KEY: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'),
      FLAGS: '{"beta":true}',
    });
    for (const spy of writes) expect(spy).not.toHaveBeenCalled();
  });

  it('writes process.env by default, keeps variables set before unless override, and updates its own', async () => {
    vi.stubEnv('DB_URL', 'from-the-shell');
    let now = 1_700_000_000_000;
    const config = declaration({ now: () => now });
    await config.toEnv();
    expect(process.env.DB_URL).toBe('from-the-shell');
    expect(process.env.API_TOKEN_OVERRIDE).toBe('t0ken-s3cret');
    ctx.emulator.secretsManager.putSecretValue('cfg/token', 'r0tated-s3cret');
    now += 5_001; // the default maxAge (5 s) runs out
    await config.toEnv();
    expect(process.env.API_TOKEN_OVERRIDE).toBe('r0tated-s3cret');
    await config.toEnv({ override: true });
    expect(process.env.DB_URL).toBe('value-0');
    for (const name of ['LIMITS', 'PORT', 'API_TOKEN_OVERRIDE', 'SIGNING_KEY', 'FLAGS']) delete process.env[name];
  });

  it('rejects with the ConfigError and writes nothing when an entry fails', async () => {
    const env: Record<string, string> = {};
    const config = defineConfig(
      { url: ssm('/cfg/p0'), gone: ssm('/cfg/nope') },
      { providers: testProviders(ctx.clientConfig) },
    );
    await expect(config.toEnv({ env })).rejects.toThrow(ConfigError);
    expect(env).toEqual({});
  });

  it('writes nothing when one value cannot be written as text, naming the entry, never the value', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const config = defineConfig(
      {
        url: ssm('/cfg/p0'),
        count: ssm('/cfg/port', { transform: (value) => BigInt(String(value)) }),
        loop: secret('cfg/token', { transform: () => cyclic }),
      },
      { providers: testProviders(ctx.clientConfig) },
    );
    const env: Record<string, string | undefined> = {};
    const error = (await config.toEnv({ env }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("toEnv: the value of 'loop' cannot be written to LOOP (TypeError)");
    expect(env).toEqual({});
    const bigOnly = defineConfig(
      { count: ssm('/cfg/port', { transform: (value) => BigInt(String(value)) }) },
      { providers: testProviders(ctx.clientConfig) },
    );
    await bigOnly.toEnv({ env });
    expect(env).toEqual({ COUNT: '5432' }); // a bigint in decimal
  });
});
