import middy from '@middy/core';
import { defineConfig, secret, ssm } from '@paramkit/parameters/config';
import { SecretsProvider } from '@paramkit/parameters/secrets';
import { SSMProvider } from '@paramkit/parameters/ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorruptingProxy, startCorruptingProxy } from '../../parameters/test/helpers/corruptingProxy.js';
import {
  assertNothingLeakedToConsole,
  captureConsole,
  MARKER,
  rejectsWithoutLeak,
} from '../../parameters/test/helpers/leaks.js';
import paramkitAppConfig from '../src/appconfig.js';
import { configMiddleware } from '../src/index.js';
import paramkitSecrets from '../src/secrets-manager.js';
import paramkitSsm from '../src/ssm.js';
import { type ClientOptions, lambdaContext, uniqueCacheKey, useEmulator } from './helpers.js';

// The leak rule (issue 9) on @paramkit/middy: configMiddleware and the three drop-ins, failing with values that
// hold MARKER next to them (loaded, missing, throttled, unreadable answers). The library's checker: no 8 characters
// of the marker in anything thrown (message, stack, causes, properties, util.inspect) or logged.

const notJson = `${MARKER}-notjson{{`;
const ctx = useEmulator({
  ssm: {
    parameters: [
      { name: '/leak/good', value: `{"password":"${MARKER}"}`, type: 'SecureString' },
      { name: '/leak/bad', value: notJson },
    ],
  },
  secretsmanager: {
    secrets: [
      { name: 'leak/a', value: MARKER },
      { name: 'leak/b', value: notJson },
    ],
  },
  appconfig: {
    applications: [
      {
        name: 'leak',
        environments: [{ name: 'prod', profiles: [{ name: 'good', content: `{"password":"${MARKER}"}` }] }],
      },
    ],
  },
});
const logged = captureConsole();

const profile = (name: string) => ({
  ApplicationIdentifier: 'leak',
  EnvironmentIdentifier: 'prod',
  ConfigurationProfileIdentifier: name,
});

/** Each drop-in with a key that cannot be loaded next to ones that hold the marker. */
function dropIns(client: ClientOptions, options: object = {}) {
  const common = { awsClientOptions: client, disablePrefetch: true, ...options };
  return {
    ssm: paramkitSsm({
      fetchData: { good: '/leak/good', bad: '/leak/bad', gone: '/leak/none' },
      cacheKey: uniqueCacheKey('leak-ssm'),
      ...common,
    }),
    secrets: paramkitSecrets({
      fetchData: { a: 'leak/a', b: 'leak/b', gone: 'leak/none' },
      cacheKey: uniqueCacheKey('leak-secrets'),
      ...common,
    }),
    secretsRotation: paramkitSecrets({
      fetchData: { a: 'leak/a', gone: 'leak/none' },
      fetchRotationDate: true,
      cacheKey: uniqueCacheKey('leak-secrets'),
      ...common,
    }),
    appconfig: paramkitAppConfig({
      fetchData: { good: profile('good'), gone: profile('none') },
      cacheKey: uniqueCacheKey('leak-appconfig'),
      ...common,
    }),
  };
}

/** A request through `middleware`, with values on context, or read from `request.internal` when not. */
function invoke(middleware: middy.MiddlewareObj, internalKey?: string) {
  const handler = middy()
    .use(middleware)
    .before(async (request) => {
      if (internalKey !== undefined) await (request.internal as Record<string, Promise<unknown>>)[internalKey];
    })
    .handler(async () => 'done');
  return handler({}, lambdaContext() as never);
}

describe('leak: @paramkit/middy', () => {
  it('configMiddleware: a failing entry next to loaded ones, on context or internal, prefetched or not', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      for (const disablePrefetch of [false, true]) {
        for (const setToContext of [false, true]) {
          const config = defineConfig(
            {
              good: ssm('/leak/good', { transform: 'json' }),
              bad: ssm('/leak/bad', { transform: 'json' }),
              a: secret('leak/a'),
              b: secret('leak/b', { transform: (value) => JSON.parse(String(value)) }),
            },
            {
              providers: {
                ssm: new SSMProvider({ clientConfig: ctx.client() }),
                secrets: new SecretsProvider({ clientConfig: ctx.client() }),
              },
            },
          );
          const middleware = configMiddleware(config, { setToContext, disablePrefetch }) as middy.MiddlewareObj;
          await new Promise((resolve) => setTimeout(resolve, 20));
          await rejectsWithoutLeak(`prefetch ${!disablePrefetch}, context ${setToContext}`, () => invoke(middleware));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
    assertNothingLeakedToConsole(logged);
  });

  it('the three drop-ins: a missing key next to loaded ones, on context and through request.internal', async () => {
    for (const [name, middleware] of Object.entries(dropIns(ctx.client(), { setToContext: true }))) {
      await rejectsWithoutLeak(`${name} on context`, () => invoke(middleware as middy.MiddlewareObj));
    }
    for (const [name, middleware] of Object.entries(dropIns(ctx.client()))) {
      await rejectsWithoutLeak(`${name} internal`, () => invoke(middleware as middy.MiddlewareObj, 'gone'));
    }
    assertNothingLeakedToConsole(logged);
  });

  it('the three drop-ins, throttled with nothing cached', async () => {
    ctx.emulator().faults.add({ throttleRate: 1 });
    try {
      for (const [name, middleware] of Object.entries(dropIns(ctx.client(), { setToContext: true }))) {
        await rejectsWithoutLeak(`${name} throttled`, () => invoke(middleware as middy.MiddlewareObj));
      }
    } finally {
      ctx.emulator().faults.clear();
    }
    assertNothingLeakedToConsole(logged);
  });

  describe('over answers the SDK cannot parse', () => {
    let proxy: CorruptingProxy;
    beforeAll(async () => {
      proxy = await startCorruptingProxy(ctx.emulator().endpoint);
    });
    afterAll(() => proxy.stop());

    it('every drop-in, for every kind of malformed answer', async () => {
      const corruptions = {
        unquoted: (body: string) => body.replaceAll(`"${MARKER}`, MARKER),
        bare: () => MARKER,
        truncated: (body: string) => body.slice(0, Math.max(body.indexOf(MARKER) + 12, 1)),
        errorBody: (body: string, status: number) => (status === 200 ? body : `<html>${MARKER}</html>`),
      };
      try {
        for (const [label, corrupt] of Object.entries(corruptions)) {
          proxy.corrupt = corrupt;
          const client = { ...ctx.client(), endpoint: proxy.endpoint };
          const corruptedBefore = proxy.corrupted;
          for (const [name, middleware] of Object.entries(dropIns(client, { setToContext: true }))) {
            // Each drop-in has a key that cannot load ('gone'), so every request fails, corrupted or not.
            await rejectsWithoutLeak(`${label}: ${name}`, () => invoke(middleware as middy.MiddlewareObj));
          }
          // Not vacuous: the proxy did rewrite answers these requests read.
          expect(proxy.corrupted - corruptedBefore, label).toBeGreaterThan(0);
        }
      } finally {
        proxy.corrupt = undefined;
      }
      assertNothingLeakedToConsole(logged);
    });
  });
});
