import { GetParameterCommand, InternalServerError, ThrottlingException } from '@aws-sdk/client-ssm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../src/index.js';
import { rejection } from './support/rejection.js';
import { ssmClient, startSsm } from './support/ssm.js';

let emulator: RunningEmulator;
const client = () => ssmClient(emulator.endpoint);
const getUrl = (c = client()) => c.send(new GetParameterCommand({ Name: '/app/url' }));

beforeAll(async () => {
  ({ emulator } = await startSsm({ seed: { ssm: { '/app/url': 'https://example.com' } } }));
});
afterEach(() => {
  emulator.faults.clear();
  emulator.requests.reset();
});
afterAll(() => emulator.stop());

describe('fault injection through the SDK', () => {
  it('adds latency to matching requests', async () => {
    emulator.faults.add({ service: 'ssm', operation: 'GetParameter', latencyMs: 60 });
    const started = performance.now();
    await getUrl();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('throttles: the SDK raises ThrottlingException once its attempts are used up', async () => {
    emulator.faults.add({ throttleRate: 1 });
    const error = await rejection(getUrl());
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('lets the SDK retry a throttled request, and counts every attempt', async () => {
    emulator.faults.add({ throttleRate: 1, times: 1 });
    const retrying = ssmClient(emulator.endpoint, { maxAttempts: 2 });
    await expect(getUrl(retrying)).resolves.toMatchObject({ Parameter: { Value: 'https://example.com' } });
    expect(emulator.requests.count('GetParameter')).toBe(2);
    expect(emulator.faults.list()).toEqual([]);
  });

  it('answers injected server errors with HTTP 500 InternalServerError', async () => {
    emulator.faults.add({ serverErrorRate: 1 });
    const error = await rejection(getUrl());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.$metadata?.httpStatusCode).toBe(500);
  });

  it('drops connections: the SDK request fails, and the server keeps serving', async () => {
    emulator.faults.add({ dropRate: 1, times: 1 });
    const error = await rejection(getUrl());
    // The socket closes without an answer: a network error, not an HTTP error of the service.
    expect(error).toMatchObject({ code: 'ECONNRESET' });
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    await expect(getUrl()).resolves.toMatchObject({ Parameter: { Name: '/app/url' } });
  });

  it('only affects the service and operation a rule names', async () => {
    emulator.faults.add({ service: 'secretsmanager', throttleRate: 1 });
    emulator.faults.add({ service: 'ssm', operation: 'PutParameter', throttleRate: 1 });
    await expect(getUrl()).resolves.toMatchObject({ Parameter: { Value: 'https://example.com' } });
  });

  it('removes a rule through the function add returns', async () => {
    const remove = emulator.faults.add({ throttleRate: 1 });
    remove();
    await expect(getUrl()).resolves.toMatchObject({ Parameter: { Value: 'https://example.com' } });
    expect(emulator.faults.list()).toEqual([]);
  });
});

describe('fault rules', () => {
  const request = {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': 'AmazonSSM.GetParameter' },
    body: new TextEncoder().encode('{"Name":"/a"}'),
  };

  it('apply rates against the injected random source', async () => {
    const low = createEmulator({ random: () => 0.2, seed: { ssm: { '/a': 'x' } } });
    const high = createEmulator({ random: () => 0.8, seed: { ssm: { '/a': 'x' } } });
    for (const emulator of [low, high]) emulator.faults.add({ throttleRate: 0.5 });
    expect((await low.handle(request))?.headers?.['x-amzn-errortype']).toBe('ThrottlingException');
    expect((await high.handle(request))?.status).toBe(200);
  });

  it('are validated', () => {
    const { faults } = createEmulator();
    expect(() => faults.add({ throttleRate: 2 })).toThrow(RangeError);
    expect(() => faults.add({ latencyMs: -1 })).toThrow(RangeError);
    expect(() => faults.add({ dropRate: Number.NaN })).toThrow(RangeError);
    expect(() => faults.add(null as never)).toThrow(TypeError);
    expect(() => faults.add({ service: 5 } as never)).toThrow(TypeError);
    expect(faults.list()).toEqual([]);
  });

  it('name the range a value is outside of (a latency past 2^31 - 1 ms used to act as 1 ms)', () => {
    const { faults } = createEmulator();
    const message = (rule: unknown) => {
      try {
        faults.add(rule as never);
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
      return 'accepted';
    };
    const latency =
      "RangeError: Fault rule option 'latencyMs' must be a whole number of milliseconds from 0 to 2147483647";
    expect(message({ latencyMs: 2 ** 31 })).toBe(latency);
    expect(message({ latencyMs: 1.5 })).toBe(latency);
    expect(message({ latencyMs: Number.POSITIVE_INFINITY })).toBe(latency);
    expect(message({ latencyMs: '10' })).toBe(latency);
    expect(message({ throttleRate: -0.1 })).toBe(
      "RangeError: Fault rule option 'throttleRate' must be a number from 0 to 1",
    );
    expect(message({ times: 0 })).toBe(
      "RangeError: Fault rule option 'times' must be a whole number from 1 to 9007199254740991",
    );
    expect(message({ times: 2.5 })).toBe(
      "RangeError: Fault rule option 'times' must be a whole number from 1 to 9007199254740991",
    );
    expect(message({ latency: 10 })).toBe(
      "TypeError: Unknown fault rule option 'latency'; expected one of: service, operation, latencyMs, throttleRate, serverErrorRate, dropRate, times",
    );
    expect(message({ service: 'sm' })).toBe(
      "RangeError: Fault rule option 'service' must be one of: ssm, secretsmanager, appconfigdata, dynamodb",
    );
    expect(message({ latencyMs: 2 ** 31 - 1, times: 1 })).toBe('accepted');
    faults.clear();
  });

  it('are validated on the admin route too, with the range in the answer', async () => {
    const response = await fetch(`${emulator.endpoint}/_paramkit/faults`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 2 ** 31 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: "Fault rule option 'latencyMs' must be a whole number of milliseconds from 0 to 2147483647",
    });
    expect(emulator.faults.list()).toEqual([]);
  });
});
