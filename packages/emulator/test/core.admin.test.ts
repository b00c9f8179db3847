import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { jsonErrorResponse } from '../src/core/awsJson.js';
import { EmulatorCore } from '../src/core/emulator.js';
import { AwsServiceError } from '../src/index.js';
import { rejection } from './support/rejection.js';
import { useSsm } from './support/ssm.js';

const ctx = useSsm();

async function admin(method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${ctx.emulator.endpoint}/_paramkit/${route}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

describe('admin routes', () => {
  it('reports health', async () => {
    expect(await admin('GET', 'health')).toEqual({ status: 200, json: { status: 'ok' } });
  });

  it('loads a seed, which the SDK then sees; a bad seed is a 400 naming the field', async () => {
    expect((await admin('POST', 'seed', { ssm: { '/app/url': 'u' } })).status).toBe(200);
    const { Parameter } = await ctx.client.send(new GetParameterCommand({ Name: '/app/url' }));
    expect(Parameter?.Value).toBe('u');
    expect(await admin('POST', 'seed', { ssm: { parameters: [{ name: '/x' }] } })).toEqual({
      status: 400,
      json: { message: "ssm.parameters[0]: give exactly one of 'value' and 'versions'" },
    });
    expect((await admin('POST', 'seed', '[1]')).json).toEqual({
      message: 'A seed must be a JSON object with one section per service',
    });
    // JSON.parse's message would quote the text around the fault: here, a secret value of the seed.
    expect(
      await admin('POST', 'seed', '{"secretsmanager":{"secrets":[{"name":"db","value":s3cret-in-seed}]}}'),
    ).toEqual({
      status: 400,
      json: { message: 'The request body is not valid JSON' },
    });
  });

  it('counts requests per operation, and resets the counts', async () => {
    ctx.emulator.ssm.putParameter({ name: '/a', value: 'x' });
    await ctx.client.send(new GetParameterCommand({ Name: '/a' }));
    await rejection(ctx.client.send(new GetParameterCommand({ Name: '/missing' })));
    expect(await admin('GET', 'requests')).toEqual({ status: 200, json: { GetParameter: 2 } });
    expect(ctx.emulator.requests.count()).toBe(2);
    expect(ctx.emulator.requests.snapshot()).toEqual({ GetParameter: 2 });
    await admin('DELETE', 'requests');
    expect((await admin('GET', 'requests')).json).toEqual({});
  });

  it('adds, lists and clears fault rules; an invalid rule is a 400', async () => {
    expect(await admin('POST', 'faults', { operation: 'GetParameter', throttleRate: 1 })).toEqual({
      status: 200,
      json: [{ operation: 'GetParameter', throttleRate: 1 }],
    });
    const throttled = await rejection(ctx.client.send(new GetParameterCommand({ Name: '/a' })));
    expect(throttled.name).toBe('ThrottlingException');
    expect((await admin('GET', 'faults')).json).toHaveLength(1);
    expect(await admin('DELETE', 'faults')).toEqual({ status: 200, json: [] });
    expect(await admin('POST', 'faults', { throttleRate: 7 })).toEqual({
      status: 400,
      json: { message: "Fault rule option 'throttleRate' must be a number from 0 to 1" },
    });
    expect((await admin('POST', 'faults', 'null')).status).toBe(400);
  });

  it('resets all state', async () => {
    ctx.emulator.ssm.putParameter({ name: '/a', value: 'x' });
    await admin('POST', 'reset');
    expect(ctx.emulator.ssm.listNames()).toEqual([]);
  });

  it('answers unknown admin routes and unknown paths with 404', async () => {
    expect((await admin('GET', 'nope')).status).toBe(404);
    const response = await fetch(`${ctx.emulator.endpoint}/not-a-service`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });
});

describe('EmulatorCore', () => {
  const request = {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: {},
    body: new Uint8Array(),
  };
  const service = (handle: () => never) => ({
    name: 'fake',
    seedKeys: ['fake'],
    route: () => 'Op',
    implementsOperation: () => true,
    handle,
    load: () => {},
    errorResponse: (error: AwsServiceError) => jsonErrorResponse(error),
    reset: () => {},
  });

  it('turns an unexpected service failure into HTTP 500 instead of crashing', async () => {
    const core = new EmulatorCore();
    core.register(
      service(() => {
        throw new Error('boom: SEEDED-VALUE');
      }),
    );
    const response = await core.handle(request);
    expect(response?.status).toBe(500);
    expect(JSON.parse(String(response?.body))).toEqual({
      __type: 'InternalServerError',
      message: 'The emulator failed to answer Op; this is a bug in the paramkit emulator.',
    });
  });

  it('renders AwsServiceError with its code and status', async () => {
    const core = new EmulatorCore();
    core.register(
      service(() => {
        throw new AwsServiceError('Nope', 'no', 409);
      }),
    );
    const response = await core.handle(request);
    expect(response?.status).toBe(409);
    expect(response?.headers?.['x-amzn-errortype']).toBe('Nope');
  });

  it('rejects a seed that is not an object', () => {
    expect(() => new EmulatorCore().load(null as never)).toThrow(TypeError);
  });
});
