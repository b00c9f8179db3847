import middy from '@middy/core';
import { ConfigError, defineConfig, secret, ssm } from '@paramkit/parameters/config';
import { SecretsProvider } from '@paramkit/parameters/secrets';
import { SSMProvider } from '@paramkit/parameters/ssm';
import { describe, expect, it, vi } from 'vitest';
import { configMiddleware } from '../src/index.js';
import { lambdaContext, useEmulator } from './helpers.js';

const ctx = useEmulator({
  ssm: {
    parameters: [
      { name: '/app/url', value: 'https://api.example.com' },
      { name: '/app/limits', value: '{"rps":5}' },
    ],
  },
  secretsmanager: {
    secrets: [
      { name: 'app/db', value: { password: 'hunter2-s3cret' } },
      { name: 'app/token', value: 't0k' },
    ],
  },
});
const calls = (operation?: string) => ctx.emulator().requests.count(operation);

function declaration(extra: object = {}) {
  const providers = {
    ssm: new SSMProvider({ clientConfig: ctx.client() }),
    secrets: new SecretsProvider({ clientConfig: ctx.client() }),
  };
  return defineConfig(
    {
      url: ssm('/app/url'),
      limits: ssm('/app/limits', { transform: 'json' }),
      db: secret('app/db', { transform: 'json' }),
      token: secret('app/token'),
      ...extra,
    },
    { maxAge: 300, providers },
  );
}

describe('configMiddleware', () => {
  it('prefetches at INIT and puts the typed values on context and internal', async () => {
    const handler = middy()
      .use(configMiddleware(declaration(), { setToContext: true }))
      .before(async (request) => {
        expect(request.internal.url).toBe('https://api.example.com');
      })
      .handler(async (_event: unknown, context) => ({ url: context.url, limits: context.limits, db: context.db }));
    await expect.poll(() => calls(), { timeout: 5_000 }).toBe(2); // GetParameters + BatchGetSecretValue, before any request
    expect(await handler({}, lambdaContext() as never)).toEqual({
      url: 'https://api.example.com',
      limits: { rps: 5 },
      db: { password: 'hunter2-s3cret' },
    });
    await handler({}, lambdaContext() as never);
    expect(ctx.emulator().requests.snapshot()).toEqual({ GetParameters: 1, BatchGetSecretValue: 1 });
  });

  it('leaves context alone without setToContext, and waits for the first request with disablePrefetch', async () => {
    const config = declaration();
    // Synchronous counters: a prefetch starts (or not) while the middleware is created.
    const prefetch = vi.spyOn(config, 'prefetch');
    const get = vi.spyOn(config, 'get');
    const handler = middy()
      .use(configMiddleware(config, { disablePrefetch: true }))
      .handler(async (_event: unknown, context) => ({ onContext: 'url' in context }));
    expect(prefetch).not.toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
    // And nothing reaches the emulator while no request came: still none after 300 ms.
    for (const until = performance.now() + 300; performance.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      expect(calls()).toBe(0);
    }
    expect(await handler({}, lambdaContext() as never)).toEqual({ onContext: false });
    expect(get).toHaveBeenCalledTimes(1); // the spies see the middleware's calls
    expect(calls()).toBe(2);
  });

  it('fails the request with the ConfigError naming every failed entry', async () => {
    const handler = middy()
      .use(configMiddleware(declaration({ gone: ssm('/app/gone') })))
      .handler(async () => 'unreached');
    const error = await handler({}, lambdaContext() as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).failures.map((failure) => failure.key)).toEqual(['gone']);
  });

  it('rejects what is not a declaration', () => {
    expect(() => configMiddleware({} as never)).toThrow(
      'configMiddleware expects a declaration made with defineConfig',
    );
  });
});
