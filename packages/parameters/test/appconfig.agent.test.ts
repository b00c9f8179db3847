import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getConfig as ptGetConfig } from '@aws-lambda-powertools/parameters/appconfig-agent';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getConfig } from '../src/appconfig-agent/index.js';
import { GetParameterError } from '../src/errors.js';

/**
 * A stand-in for the AWS AppConfig Agent as its documentation describes it: `GET
 * /applications/<app>/environments/<env>/configurations/<profile>` answers the content with its `Content-Type` and
 * `Configuration-Version` headers; an unknown configuration is a 404; the agent's own failures are 5xx.
 */
const configurations = new Map<string, { status?: number; body: string; type?: string }>([
  ['/applications/shop/environments/prod/configurations/flags', { body: '{"beta":true}', type: 'application/json' }],
  ['/applications/shop/environments/prod/configurations/motd', { body: 'Welcome! é', type: 'text/plain' }],
  ['/applications/shop/environments/undefined/configurations/flags', { body: 'env "undefined"' }],
  ['/applications/shop/environments/prod/configurations/down', { status: 502, body: 'upstream: '.repeat(40) }],
]);
const requested: string[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const found = configurations.get(request.url ?? '');
    if (found === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    const headers = { 'content-type': found.type ?? 'application/octet-stream', 'configuration-version': '1' };
    response.writeHead(found.status ?? 200, headers).end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requested.length = 0;
  vi.stubEnv('AWS_APPCONFIG_EXTENSION_HTTP_PORT', String((server.address() as AddressInfo).port));
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  vi.stubEnv('POWERTOOLS_DEV', undefined);
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', undefined);
  vi.stubEnv('POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const where = { application: 'shop', environment: 'prod' } as const;

describe('getConfig side by side with Powertools, against the documented agent API', () => {
  it('reads the same text, JSON and missing configurations through the same URLs', async () => {
    for (const [name, options] of [
      ['motd', where],
      ['flags', { ...where, transform: 'json' }],
      ['nope', where],
    ] as const) {
      requested.length = 0;
      const theirs = await ptGetConfig(name, options);
      const theirRequests = [...requested];
      requested.length = 0;
      expect(await getConfig(name, options)).toEqual(theirs);
      expect(requested).toEqual(theirRequests);
    }
    expect(await getConfig('motd', where)).toBe('Welcome! é');
    expect(await getConfig('flags', { ...where, transform: 'json' })).toEqual({ beta: true });
  });

  it('quotes at most 200 characters of an error body; Powertools quotes all of it', async () => {
    const ours = (await getConfig('down', where).catch((e: unknown) => e)) as Error;
    const theirs = (await ptGetConfig('down', where).catch((e: unknown) => e)) as Error;
    expect(ours).toBeInstanceOf(GetParameterError);
    expect(theirs.name).toBe(ours.name);
    const prefix = 'Failed to retrieve configuration from AppConfig Agent: 502 ';
    expect(ours.message).toBe(`${prefix}${'upstream: '.repeat(20)}…`);
    expect(theirs.message).toBe(`${prefix}${'upstream: '.repeat(40)}`);
  });

  it('rejects a missing environment without a request; Powertools asks for environment "undefined"', async () => {
    await expect(getConfig('flags', { application: 'shop' } as never)).rejects.toThrow(
      new TypeError('The AppConfig environment (its name or id) must be a non-empty string'),
    );
    expect(requested).toEqual([]);
    expect(await ptGetConfig('flags', { application: 'shop' } as never)).toBe('env "undefined"');
    expect(requested).toEqual(['/applications/shop/environments/undefined/configurations/flags']);
  });

  it('takes an empty AWS_LAMBDA_INITIALIZATION_TYPE as unset (no request); Powertools calls the agent', async () => {
    vi.stubEnv('POWERTOOLS_APPCONFIG_AGENT_RETURN_VALUE', 'local');
    for (const blank of ['', '  ']) {
      vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', blank);
      requested.length = 0;
      expect(await getConfig('motd', where)).toBe('local');
      expect(requested).toEqual([]);
      expect(await ptGetConfig('motd', where)).toBe('Welcome! é');
      expect(requested).toEqual(['/applications/shop/environments/prod/configurations/motd']);
    }
  });
});
