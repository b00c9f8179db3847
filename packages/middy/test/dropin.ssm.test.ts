import { PutParameterCommand, SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';
import middy from '@middy/core';
import middySsm from '@middy/ssm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import paramkitSsm from '../src/ssm.js';
import { lambdaContext, stopMiddyRefreshTimers, uniqueCacheKey, useEmulator } from './helpers.js';

const names = Array.from({ length: 25 }, (_, i) => `/app/p${i}`);
const ctx = useEmulator({
  ssm: {
    parameters: [
      { name: '/app/url', value: 'https://api.example.com' },
      { name: '/app/secure', value: '{"user":"app","pass":"hunter2-s3cret"}', type: 'SecureString' },
      { name: '/app/list', value: 'a,b,c', type: 'StringList' },
      { name: '/app/quoted', value: '"text"' },
      { name: '/app/db/host', value: 'db.internal' },
      { name: '/app/db/port', value: '5432' },
      { name: '/app/db/nested/user', value: 'app' },
      ...names.map((name, i) => ({ name, value: `v${i}` })),
    ],
  },
});
const calls = (operation?: string) => ctx.emulator().requests.count(operation);
// A positive cacheExpiry arms middy's refresh timers, which would go on fetching after the emulator stops.
afterEach(stopMiddyRefreshTimers);

type Factory = typeof paramkitSsm;
const implementations: [string, Factory][] = [
  ['@middy/ssm', middySsm as unknown as Factory],
  ['@paramkit/middy/ssm', paramkitSsm],
];

const fetchData = {
  url: '/app/url',
  secure: '/app/secure',
  list: '/app/list',
  quoted: '/app/quoted',
  db: '/app/db/',
  ...Object.fromEntries(names.map((name, i) => [`p${i}`, name])),
};

/** The same handler for both: the values it sees on context. */
function handlerWith(factory: Factory, options: object = {}) {
  return middy()
    .use(
      factory({
        fetchData,
        setToContext: true,
        awsClientOptions: ctx.client(),
        cacheKey: uniqueCacheKey('ssm'),
        ...options,
      }),
    )
    .handler(async (_event: unknown, context) =>
      Object.fromEntries(
        Object.keys(fetchData).map((key) => [key, (context as unknown as Record<string, unknown>)[key]]),
      ),
    );
}

/** An `AwsClient` that tells when its calls have been answered, so a test can wait for a prefetch to fail. */
function recordingClient() {
  const answers: Promise<unknown>[] = [];
  class RecordingClient extends SSMClient {
    constructor(config: SSMClientConfig) {
      super(config);
      this.middlewareStack.add(
        (next) => (args) => {
          const answer = next(args);
          answers.push(answer.catch(() => {}));
          return answer;
        },
        { step: 'initialize' },
      );
    }
  }
  const answered = async (count: number) => {
    await expect.poll(() => answers.length, { timeout: 5_000 }).toBe(count);
    await Promise.all(answers);
    await new Promise((resolve) => setImmediate(resolve)); // and the middleware's own handlers of the answers
  };
  return { AwsClient: RecordingClient, answered };
}

/** Runs `body` with unhandled rejections recorded (middy leaves a failed prefetch unhandled). */
async function recordingRejections<T>(body: () => Promise<T>): Promise<T> {
  const record = () => {};
  process.on('unhandledRejection', record);
  try {
    return await body();
  } finally {
    process.off('unhandledRejection', record);
  }
}

const expected = {
  url: 'https://api.example.com',
  secure: { user: 'app', pass: 'hunter2-s3cret' },
  list: ['a', 'b', 'c'],
  quoted: 'text',
  db: { host: 'db.internal', port: '5432', nested_user: 'app' },
  p0: 'v0',
  p24: 'v24',
};

describe('@paramkit/middy/ssm against @middy/ssm, one emulator', () => {
  it('gives the same values on context, and the expected ones', async () => {
    const results: unknown[] = [];
    for (const [, factory] of implementations) {
      const result = await handlerWith(factory)({}, lambdaContext() as never);
      expect(result).toMatchObject(expected);
      results.push(result);
    }
    expect(results[1]).toEqual(results[0]);
  });

  for (const [label, factory] of implementations) {
    it(`${label}: prefetches at INIT in GetParameters calls of ten, and answers warm requests with no call`, async () => {
      const handler = handlerWith(factory);
      await expect.poll(() => calls('GetParameters'), { timeout: 5_000 }).toBe(3); // 29 names, before any request
      expect(calls('GetParametersByPath')).toBe(1);
      await handler({}, lambdaContext() as never);
      await handler({}, lambdaContext() as never);
      expect(ctx.emulator().requests.snapshot()).toEqual({ GetParameters: 3, GetParametersByPath: 1 });
    });

    it(`${label}: cacheExpiry null turns the cache off; a string of digits is a number of ms`, async () => {
      const uncached = handlerWith(factory, { cacheExpiry: null, disablePrefetch: true });
      await uncached({}, lambdaContext() as never);
      await uncached({}, lambdaContext() as never);
      expect(calls('GetParameters')).toBe(6); // 3 calls a request
      const cached = handlerWith(factory, { cacheExpiry: '60000', disablePrefetch: true });
      expect(await cached({}, lambdaContext() as never)).toMatchObject(expected);
      await cached({}, lambdaContext() as never);
      expect(calls('GetParameters')).toBe(9);
    });

    it(`${label}: reads a parameter named _errors like any other`, async () => {
      await new SSMClient(ctx.client()).send(new PutParameterCommand({ Name: '_errors', Value: 'E', Type: 'String' }));
      const handler = middy()
        .use(
          factory({
            fetchData: { e: '_errors', url: '/app/url' },
            setToContext: true,
            awsClientOptions: ctx.client(),
            cacheKey: uniqueCacheKey('ssm'),
          }),
        )
        .handler(async (_event: unknown, context) => {
          const { e, url } = context as unknown as Record<string, unknown>;
          return { e, url };
        });
      expect(await handler({}, lambdaContext() as never)).toEqual({ e: 'E', url: 'https://api.example.com' });
    });

    it(`${label}: a refresh slower than usual is waited for, so the request sees the new value`, async () => {
      const handler = handlerWith(factory, { cacheExpiry: 300 });
      expect(await handler({}, lambdaContext() as never)).toMatchObject({ url: 'https://api.example.com' });
      await new SSMClient(ctx.client()).send(
        new PutParameterCommand({ Name: '/app/url', Value: 'https://new.example.com', Overwrite: true }),
      );
      ctx.emulator().faults.add({ latencyMs: 600 });
      await new Promise((resolve) => setTimeout(resolve, 350)); // past the expiry
      expect(await handler({}, lambdaContext() as never)).toMatchObject({ url: 'https://new.example.com' });
      ctx.emulator().faults.clear();
    });

    it(`${label}: puts every key on request.internal as a promise when setToContext is false`, async () => {
      const handler = middy()
        .use(
          factory({ fetchData: { url: '/app/url' }, awsClientOptions: ctx.client(), cacheKey: uniqueCacheKey('ssm') }),
        )
        .before(async (request) => {
          const internal = request.internal as Record<string, unknown>;
          expect(internal.url).toBeInstanceOf(Promise);
          (request.context as unknown as Record<string, unknown>).seen = await internal.url;
        })
        .handler(async (_event: unknown, context) => {
          const { seen, url } = context as unknown as Record<string, unknown>;
          return { seen, url };
        });
      expect(await handler({}, lambdaContext() as never)).toEqual({ seen: 'https://api.example.com', url: undefined });
    });

    it(`${label}: a missing parameter fails the request, and is fetched again by the next one`, async () => {
      const handler = middy()
        .use(
          factory({
            fetchData: { url: '/app/url', later: '/app/later' },
            setToContext: true,
            awsClientOptions: ctx.client(),
            cacheKey: uniqueCacheKey('ssm'),
            disablePrefetch: true,
          }),
        )
        .handler(async (_event: unknown, context) => (context as unknown as Record<string, unknown>).later);
      await expect(handler({}, lambdaContext() as never)).rejects.toThrow();
      ctx.emulator().ssm.putParameter({ name: '/app/later', value: 'now-here' });
      expect(await handler({}, lambdaContext() as never)).toBe('now-here');
    });
  }

  for (const [label, factory] of implementations) {
    it(`${label}: a key throttled during INIT is fetched again by the first request`, async () => {
      ctx.emulator().faults.add({ throttleRate: 1, times: 1 });
      const { AwsClient, answered } = recordingClient();
      const handler = middy()
        .use(
          factory({
            fetchData: { url: '/app/url' },
            setToContext: true,
            AwsClient,
            awsClientOptions: ctx.client(),
            cacheKey: uniqueCacheKey('ssm'),
          }),
        )
        .handler(async (_event: unknown, context) => (context as unknown as Record<string, unknown>).url);
      const result = await recordingRejections(async () => {
        await answered(1); // the prefetch, throttled, before any request
        return handler({}, lambdaContext() as never);
      });
      expect(result).toBe('https://api.example.com');
      expect(calls('GetParameters')).toBe(2);
    });
  }

  it('where middy gives undefined (a shared cacheKey, a key with a dot, a version selector), paramkit the values', async () => {
    ctx.emulator().ssm.putParameter({ name: '/app/url', value: 'https://v2.example.com' });
    const results: unknown[] = [];
    for (const [, factory] of implementations) {
      const cacheKey = uniqueCacheKey('ssm');
      const options = { setToContext: true, awsClientOptions: ctx.client(), cacheKey } as const;
      const handler = middy()
        .use(factory({ ...options, fetchData: { 'db.host': '/app/db/host' } }))
        .use(factory({ ...options, fetchData: { first: '/app/url:1', quoted: '/app/quoted' } }))
        .handler(async (_event: unknown, context) => {
          const { db_host, first, quoted } = context as unknown as Record<string, unknown>;
          return { db_host, first, quoted };
        });
      results.push(await handler({}, lambdaContext() as never));
    }
    expect(results[0]).toEqual({ db_host: undefined, first: undefined, quoted: undefined });
    expect(results[1]).toEqual({ db_host: 'db.internal', first: 'https://api.example.com', quoted: 'text' });
  });

  it('awsClientCapture wraps the client with disablePrefetch; without it, both warn and leave it unwrapped', async () => {
    const seen: unknown[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      for (const [, factory] of implementations) {
        for (const disablePrefetch of [true, false]) {
          let captured = 0;
          const awsClientCapture = (client: SSMClient) => {
            captured++;
            return client;
          };
          const options = { fetchData: { url: '/app/url' }, setToContext: true, awsClientCapture, disablePrefetch };
          const handler = middy()
            .use(factory({ ...options, awsClientOptions: ctx.client(), cacheKey: uniqueCacheKey('ssm') }))
            .handler(async (_event: unknown, context) => (context as unknown as Record<string, unknown>).url);
          await handler({}, lambdaContext() as never);
          seen.push({ disablePrefetch, captured, warnings: warn.mock.calls.splice(0).map(([message]) => message) });
        }
      }
    } finally {
      warn.mockRestore();
    }
    const expectedRuns = [
      { disablePrefetch: true, captured: 1, warnings: [] },
      { disablePrefetch: false, captured: 0, warnings: ['Unable to apply X-Ray outside of handler invocation scope.'] },
    ];
    expect(seen).toEqual([...expectedRuns, ...expectedRuns]);
  });

  it('names throttled together during INIT: middy fetches only the last again, paramkit every one', async () => {
    const results: unknown[] = [];
    for (const [, factory] of implementations) {
      ctx.emulator().faults.add({ throttleRate: 1, times: 1 });
      const { AwsClient, answered } = recordingClient();
      const handler = middy()
        .use(
          factory({
            fetchData: { url: '/app/url', list: '/app/list' },
            setToContext: true,
            AwsClient,
            awsClientOptions: ctx.client(),
            cacheKey: uniqueCacheKey('ssm'),
          }),
        )
        .handler(async (_event: unknown, context) => {
          const { url, list } = context as unknown as Record<string, unknown>;
          return { url, list };
        });
      results.push(
        await recordingRejections(async () => {
          await answered(1);
          return handler({}, lambdaContext() as never).catch((error: unknown) => error);
        }),
      );
    }
    expect(results[0]).toBeInstanceOf(Error);
    expect(results[1]).toEqual({ url: 'https://api.example.com', list: ['a', 'b', 'c'] });
  });

  it('a failed key nobody awaits: an unhandled rejection with middy, none with paramkit', async () => {
    const seen: unknown[] = [];
    const record = (reason: unknown) => seen.push(reason);
    process.on('unhandledRejection', record);
    try {
      const unhandled: number[] = [];
      for (const [name, factory] of implementations) {
        const before = calls();
        const handler = middy()
          .use(
            factory({
              fetchData: { gone: '/app/gone' },
              awsClientOptions: ctx.client(),
              cacheKey: uniqueCacheKey('ssm'),
            }),
          )
          .handler(async () => 'done');
        expect(await handler({}, lambdaContext() as never)).toBe('done');
        if (name === '@middy/ssm') {
          // The positive case: wait until middy's rejection is seen, however slow the machine.
          await expect.poll(() => seen.length, { timeout: 5_000 }).toBeGreaterThan(0);
        } else {
          // None must come: wait until the emulator answered the failed fetch, then give a rejection time to show.
          await expect.poll(() => calls() - before, { timeout: 5_000 }).toBeGreaterThan(0);
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        unhandled.push(seen.length);
        seen.length = 0;
      }
      expect(unhandled[0]).toBeGreaterThan(0);
      expect(unhandled[1]).toBe(0);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('paramkit refuses a cacheExpiry that is no number of ms, naming it, when the middleware is made', () => {
    expect(() => paramkitSsm({ fetchData, cacheExpiry: '1m' as never })).toThrow(
      new TypeError("cacheExpiry must be a number of milliseconds (-1 forever, 0 off), got the string '1m'"),
    );
    expect(() => paramkitSsm({ fetchData, cacheKey: 'k', cacheKeyExpiry: { k: {} as never } })).toThrow(
      /^cacheKeyExpiry\['k'\] must be a number of milliseconds/,
    );
  });

  it('paramkit serves the last values through a throttled refresh; middy fails the request', async () => {
    const cacheExpiry = 0; // middy: refetch on every request
    const middyHandler = handlerWith(middySsm as unknown as Factory, { cacheExpiry, disablePrefetch: true });
    await middyHandler({}, lambdaContext() as never);
    ctx.emulator().faults.add({ throttleRate: 1 });
    await expect(middyHandler({}, lambdaContext() as never)).rejects.toThrow();
    ctx.emulator().faults.clear();

    let now = 1_700_000_000_000;
    const realNow = Date.now;
    Date.now = () => now;
    try {
      const handler = handlerWith(paramkitSsm, { cacheExpiry: 60_000, disablePrefetch: true });
      await handler({}, lambdaContext() as never);
      now += 61_000;
      ctx.emulator().faults.add({ throttleRate: 1 });
      expect(await handler({}, lambdaContext() as never)).toMatchObject(expected);
    } finally {
      Date.now = realNow;
    }
  });
});
