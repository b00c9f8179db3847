import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import paramkitAppConfig from '../src/appconfig.js';
import { lambdaContext, uniqueCacheKey, useEmulator } from './helpers.js';

const ctx = useEmulator({
  appconfig: {
    applications: [
      {
        name: 'shop',
        environments: [
          {
            name: 'prod',
            profiles: [
              { name: 'flags', content: { beta: true } },
              { name: 'motd', content: 'Grüße', contentType: 'text/plain' },
              { name: 'empty', content: '' },
            ],
          },
        ],
      },
    ],
  },
});
const calls = (operation?: string) => ctx.emulator().requests.count(operation);
const request = (profile: string) => ({
  ApplicationIdentifier: 'shop',
  EnvironmentIdentifier: 'prod',
  ConfigurationProfileIdentifier: profile,
});

type Factory = typeof paramkitAppConfig;

/** @middy/appconfig, when it is installed (the registry this repository installs from does not carry it). */
async function middyAppConfig(): Promise<Factory | undefined> {
  const name = '@middy/appconfig';
  try {
    return ((await import(/* @vite-ignore */ name)) as { default: Factory }).default;
  } catch {
    return undefined;
  }
}

function handlerWith(factory: Factory, fetchData: Record<string, ReturnType<typeof request>>, options: object = {}) {
  const handler = middy()
    .use(
      factory({
        fetchData,
        setToContext: true,
        awsClientOptions: ctx.client(),
        cacheKey: uniqueCacheKey('appconfig'),
        ...options,
      }),
    )
    .handler(async (_event: unknown, context) => {
      const values = context as unknown as Record<string, unknown>;
      return Object.fromEntries(Object.keys(fetchData).map((key) => [key, values[key]]));
    });
  return (event: unknown) => handler(event, lambdaContext() as never);
}

const fetchData = { flags: request('flags'), motd: request('motd'), empty: request('empty') };
const expected = { flags: { beta: true }, motd: 'Grüße', empty: undefined };

describe('@paramkit/middy/appconfig', () => {
  it('gives the expected values on context: JSON parsed, text decoded as UTF-8, an empty profile undefined', async () => {
    expect(await handlerWith(paramkitAppConfig, fetchData)({})).toEqual(expected);
  });

  it('gives the same values as @middy/appconfig (when installed)', async (test) => {
    const middyFactory = await middyAppConfig();
    if (middyFactory === undefined) {
      test.skip('@middy/appconfig is not installed: the registry this repository installs from does not carry it');
      return;
    }
    const ascii = { flags: request('flags'), empty: request('empty') };
    expect(await handlerWith(paramkitAppConfig, ascii)({})).toEqual(await handlerWith(middyFactory, ascii)({}));
  });

  it('starts one session per profile at INIT, and makes no call on warm requests (cacheExpiry -1)', async () => {
    const handler = handlerWith(paramkitAppConfig, fetchData);
    await expect.poll(() => calls('GetLatestConfiguration'), { timeout: 5_000 }).toBe(3);
    await handler({});
    await handler({});
    expect(ctx.emulator().requests.snapshot()).toEqual({ StartConfigurationSession: 3, GetLatestConfiguration: 3 });
  });

  it('a profile that does not exist fails the request, naming it', async () => {
    await expect(
      handlerWith(paramkitAppConfig, { gone: request('gone') }, { disablePrefetch: true })({}),
    ).rejects.toThrow("gone (appconfig 'shop/prod/gone'): not-found");
  });
});
