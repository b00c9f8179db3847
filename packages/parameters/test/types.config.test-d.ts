import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import {
  appConfig,
  type ConfigEntryDescription,
  type ConfigFailure,
  type ConfigResult,
  defineConfig,
  dynamodb,
  secret,
  ssm,
} from '../src/config/index.js';
import type { JSONValue } from '../src/types/json.js';

const DbSchema = z.object({ host: z.string(), port: z.number() });

const config = defineConfig(
  {
    dbUrl: ssm('/app/db-url'),
    limits: ssm('/app/limits', { transform: 'json', maxAge: 60 }),
    port: ssm('/app/port', { transform: (value) => Number(value) }),
    cert: ssm('/app/cert', { transform: 'binary' }),
    db: secret('prod/db', { transform: 'json', schema: DbSchema }),
    token: secret('api/token'),
    previous: secret('api/token', { versionStage: 'AWSPREVIOUS' }),
    flags: appConfig({ application: 'shop', environment: 'prod', profile: 'flags' }, { transform: 'json' }),
    banner: appConfig({ application: 'shop', environment: 'prod', profile: 'banner' }),
    theme: dynamodb({ tableName: 'settings', name: 'theme' }),
    region: ssm('/app/region').optional(),
    replica: secret('prod/replica', { schema: DbSchema }).optional(),
  },
  { maxAge: 300 },
);

describe('defineConfig types', () => {
  it('infers each value from its entry: transform, schema and optional()', async () => {
    const values = await config.get();
    expectTypeOf(values.dbUrl).toEqualTypeOf<string>();
    expectTypeOf(values.limits).toEqualTypeOf<JSONValue>();
    expectTypeOf(values.port).toEqualTypeOf<number>();
    expectTypeOf(values.cert).toEqualTypeOf<string>();
    expectTypeOf(values.db).toEqualTypeOf<{ host: string; port: number }>();
    expectTypeOf(values.token).toEqualTypeOf<string | Uint8Array>();
    expectTypeOf(values.previous).toEqualTypeOf<string | Uint8Array>();
    expectTypeOf(values.flags).toEqualTypeOf<JSONValue>();
    expectTypeOf(values.banner).toEqualTypeOf<Uint8Array>();
    expectTypeOf(values.theme).toEqualTypeOf<JSONValue>();
    expectTypeOf(values.region).toEqualTypeOf<string | undefined>();
    expectTypeOf(values.replica).toEqualTypeOf<{ host: string; port: number } | undefined>();
    expectTypeOf(values).not.toHaveProperty('other');
  });

  it('gives { values, failures } for throwOnError: false, per call or per declaration', async () => {
    const graceful = await config.get({ throwOnError: false });
    expectTypeOf(graceful.values.db).toEqualTypeOf<{ host: string; port: number } | undefined>();
    expectTypeOf(graceful.failures).toEqualTypeOf<readonly ConfigFailure[]>();

    const lenient = defineConfig({ url: ssm('/app/url') }, { throwOnError: false });
    expectTypeOf(await lenient.get()).toEqualTypeOf<ConfigResult<{ url: string }>>();
    expectTypeOf(await lenient.get({ throwOnError: true })).toEqualTypeOf<{ url: string }>();
  });

  it('types describe, prefetch and toEnv', async () => {
    expectTypeOf(config.describe()).toEqualTypeOf<readonly ConfigEntryDescription[]>();
    expectTypeOf(config.describe()[0]?.service).toEqualTypeOf<
      'ssm' | 'secrets' | 'appconfig' | 'dynamodb' | undefined
    >();
    // true, false, or (an SSM parameter not declared either way) undefined: its type decides once read.
    const [first] = config.describe();
    if (first !== undefined) expectTypeOf(first.sensitive).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(ssm('/app/x', { sensitive: true })).not.toBeNever();
    // @ts-expect-error: sensitive is a boolean
    ssm('/app/x', { sensitive: 'yes' });
    expectTypeOf(config.prefetch()).toEqualTypeOf(config);
    expectTypeOf(await config.toEnv()).toEqualTypeOf<readonly string[]>();
  });

  it('rejects options an entry does not take', () => {
    // @ts-expect-error: SSM entries have no version selectors
    ssm('/app/x', { versionStage: 'AWSPREVIOUS' });
    // @ts-expect-error: 'auto' is for paths, not single values
    ssm('/app/x', { transform: 'auto' });
    // @ts-expect-error: a profile is required
    appConfig({ environment: 'prod' });
    // @ts-expect-error: not an entry
    defineConfig({ url: '/app/url' });
  });
});

describe('transform functions typed by what the service gives', () => {
  it('take a function of a string for SSM, in a declaration and in getParameter', async () => {
    const { getParameter } = await import('../src/ssm/index.js');
    const typed = defineConfig({ length: ssm('/app/url', { transform: (value: string) => value.length }) });
    expectTypeOf((await typed.get()).length).toEqualTypeOf<number>();
    expectTypeOf(getParameter('/app/url', { transform: (value: string) => value.length })).resolves.toEqualTypeOf<
      number | undefined
    >();
  });
});
