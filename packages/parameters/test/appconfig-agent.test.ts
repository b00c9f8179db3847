import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getConfig as ptGetConfig } from '@aws-lambda-powertools/parameters/appconfig-agent';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { getConfig } from '../src/appconfig-agent/index.js';
import { agentUrl } from '../src/appconfig-agent/runtime.js';
import { GetParameterError, ParameterNotFoundError, TransformParameterError } from '../src/errors.js';

/** What the fake agent answers for a path; anything not listed is a 404, as the real agent answers. */
interface AgentAnswer {
  status?: number;
  body: string;
  delayMs?: number;
}

const answers = new Map<string, AgentAnswer>();
const requested: string[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? '';
    requested.push(url);
    const answer = answers.get(url) ?? { status: 404, body: 'Not Found' };
    setTimeout(() => {
      response.writeHead(answer.status ?? 200, { 'content-type': 'text/plain' });
      response.end(answer.body);
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  answers.clear();
  requested.length = 0;
  vi.stubEnv('AWS_APPCONFIG_EXTENSION_HTTP_PORT', String(port));
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  vi.stubEnv('POWERTOOLS_DEV', '');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', '');
  vi.stubEnv('POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const path = (app: string, env: string, profile: string) =>
  `/applications/${app}/environments/${env}/configurations/${profile}`;
const serve = (app: string, env: string, profile: string, answer: AgentAnswer) =>
  answers.set(path(app, env, profile), answer);
const where = { application: 'shop', environment: 'prod' } as const;

describe('getConfig from the AppConfig Agent', () => {
  it('returns the configuration as text, asking the agent every time', async () => {
    serve('shop', 'prod', 'motd', { body: 'Welcome!' });
    expect(await getConfig('motd', where)).toBe('Welcome!');
    expect(await getConfig('motd', where)).toBe('Welcome!');
    // The agent caches and polls by itself: nothing is cached here.
    expect(requested).toEqual([path('shop', 'prod', 'motd'), path('shop', 'prod', 'motd')]);
  });

  it('parses json, decodes binary, runs a transform function and a schema', async () => {
    serve('shop', 'prod', 'flags', { body: '{"beta":true}' });
    serve('shop', 'prod', 'key', { body: Buffer.from('s3cret').toString('base64') });
    expect(await getConfig('flags', { ...where, transform: 'json' })).toEqual({ beta: true });
    expect(await getConfig('key', { ...where, transform: 'binary' })).toBe('s3cret');
    expect(await getConfig('flags', { ...where, transform: (value) => String(value).length })).toBe(13);
    const Flags = z.object({ beta: z.boolean() });
    expect(await getConfig('flags', { ...where, transform: 'json', schema: Flags })).toEqual({ beta: true });
    await expect(getConfig('key', { ...where, transform: 'json' })).rejects.toBeInstanceOf(TransformParameterError);
  });

  it('encodes names into the URL, on port 2772 unless AWS_APPCONFIG_EXTENSION_HTTP_PORT says otherwise', async () => {
    serve('my%20app', 'pr%2Fod', 'a%3Fb', { body: 'ok' });
    expect(await getConfig('a?b', { application: 'my app', environment: 'pr/od' })).toBe('ok');
    vi.stubEnv('AWS_APPCONFIG_EXTENSION_HTTP_PORT', undefined);
    expect(agentUrl('shop', 'prod', 'flags')).toBe(
      'http://localhost:2772/applications/shop/environments/prod/configurations/flags',
    );
  });

  it('reports an agent that cannot be reached, with the network error as cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, 'localhost', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    vi.stubEnv('AWS_APPCONFIG_EXTENSION_HTTP_PORT', String(closedPort));
    const error = (await getConfig('motd', where).catch((e: unknown) => e)) as GetParameterError;
    // As Powertools: the network error's message, and that error as the cause (its own cause holds the code).
    expect(error).toBeInstanceOf(GetParameterError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toBe(error.message);
    expect((error.cause as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    const theirs = (await ptGetConfig('motd', where).catch((e: unknown) => e)) as Error;
    expect({ name: theirs.name, message: theirs.message, cause: (theirs.cause as Error).name }).toEqual({
      name: error.name,
      message: error.message,
      cause: (error.cause as Error).name,
    });
    vi.stubEnv('AWS_APPCONFIG_EXTENSION_HTTP_PORT', 'not-a-port');
    await expect(getConfig('motd', where)).rejects.toThrow(/URL/i);
  });

  it('returns undefined for a 404, or throws ParameterNotFoundError with throwOnMissing', async () => {
    expect(await getConfig('nope', where)).toBeUndefined();
    const error = await getConfig('nope', { ...where, throwOnMissing: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParameterNotFoundError);
    expect((error as Error).message).toBe('Configuration nope not found');
  });

  it('reports another status with an excerpt of the body', async () => {
    serve('shop', 'prod', 'down', { status: 500, body: 'agent is sad' });
    serve('shop', 'prod', 'long', { status: 502, body: 'x'.repeat(1000) });
    await expect(getConfig('down', where)).rejects.toThrow(
      new GetParameterError('Failed to retrieve configuration from AppConfig Agent: 500 agent is sad'),
    );
    const error = await getConfig('long', where).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).message).toMatch(/: 502 x{200}…$/);
  });

  it('gives up after the timeout with a GetParameterError', async () => {
    serve('shop', 'prod', 'slow', { body: 'late', delayMs: 300 });
    const error = await getConfig('slow', { ...where, timeout: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).message).toBe('The operation was aborted due to timeout');
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError', message: (error as Error).message });
  });

  it('takes the application from POWERTOOLS_SERVICE_NAME, and names it when neither is set', async () => {
    serve('billing', 'prod', 'flags', { body: 'v2' });
    await expect(getConfig('flags', { environment: 'prod' })).rejects.toThrow(
      new GetParameterError('Application name is not defined or POWERTOOLS_SERVICE_NAME is not set'),
    );
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'billing');
    expect(await getConfig('flags', { environment: 'prod' })).toBe('v2');
  });

  it('checks its arguments', async () => {
    await expect(getConfig('', where)).rejects.toThrow(TypeError);
    await expect(getConfig('x', { application: 'shop' } as never)).rejects.toThrow(TypeError);
    await expect(getConfig('x', { ...where, timeout: 0 })).rejects.toThrow(RangeError);
    await expect(getConfig('x', { ...where, transform: 'yaml' as never })).rejects.toThrow(TypeError);
    expect(requested).toEqual([]);
  });
});

describe('getConfig outside Lambda', () => {
  it('makes no request and returns POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE, transformed', async () => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', undefined);
    vi.stubEnv('POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE', ' {"beta":true} ');
    expect(await getConfig('flags', { ...where, transform: 'json' })).toEqual({ beta: true });
    expect(requested).toEqual([]);
  });

  it('returns undefined without it, or throws ParameterNotFoundError with throwOnMissing', async () => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', '');
    expect(await getConfig('flags', where)).toBeUndefined();
    await expect(getConfig('flags', { ...where, throwOnMissing: true })).rejects.toBeInstanceOf(ParameterNotFoundError);
    expect(requested).toEqual([]);
  });

  it('treats POWERTOOLS_DEV as local, but not when it is unreadable', async () => {
    serve('shop', 'prod', 'motd', { body: 'from the agent' });
    vi.stubEnv('POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE', 'local');
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    expect(await getConfig('motd', where)).toBe('local');
    vi.stubEnv('POWERTOOLS_DEV', 'maybe');
    expect(await getConfig('motd', where)).toBe('from the agent');
    vi.stubEnv('POWERTOOLS_DEV', undefined);
    expect(await getConfig('motd', where)).toBe('from the agent');
    // Powertools' own stand-in value for "not in Lambda".
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'unknown');
    expect(await getConfig('motd', where)).toBe('local');
  });
});
