import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PROVIDERS } from '@paramkit/parameters/base';
import { GetParameterError, ParameterNotFoundError } from '@paramkit/parameters/errors';
import {
  ExtensionSecretsProvider,
  ExtensionSSMProvider,
  getParameter,
  getParameters,
  getSecret,
} from '@paramkit/parameters/extension';
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';
import { closedPort } from './helpers/raw.js';

let t: TestAgent;
beforeAll(async () => {
  t = await startTestAgent({ PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '3' });
});
afterAll(() => t.stop());
beforeEach(() => {
  t.emulator.requests.reset();
  t.emulator.faults.clear();
});

const connection = () => ({ port: t.agent.port, host: '127.0.0.1', token: TOKEN });
/** The emulator's stand-in for KMS ciphertext: a SecureString read without decryption. */
const CIPHERTEXT = /^AQICAH[A-Za-z0-9+/]+=*$/;

describe('ExtensionSecretsProvider against paramkit-agent', () => {
  it('reads text and binary secrets, versions, and JSON, with its own cache in front', async () => {
    const secrets = new ExtensionSecretsProvider(connection());
    expect(await secrets.get('app/api-key')).toBe('sv-api-key-55e0');
    expect(await secrets.get('app/api-key')).toBe('sv-api-key-55e0');
    expect(secrets.stats()).toMatchObject({ hits: 1, misses: 1, apiCalls: 1 });
    expect([...((await secrets.get('app/cert')) as Uint8Array)]).toEqual([0xff, 0x00, 0xfe, 0x80]);
    expect(await secrets.get('app/db', { transform: 'json' })).toEqual({
      username: 'app',
      password: 'sv-db-pass-8c41',
    });
    expect(await secrets.get('app/rotated', { sdkOptions: { VersionStage: 'AWSPREVIOUS' } })).toBe('sv-old-1a2b');
    expect(await secrets.get('app/rotated')).toBe('sv-new-3c4d');
  });

  it('returns undefined for a missing secret, or throws ParameterNotFoundError with throwOnMissing', async () => {
    const secrets = new ExtensionSecretsProvider(connection());
    expect(await secrets.get('no/such')).toBeUndefined();
    await expect(secrets.get('no/such', { throwOnMissing: true })).rejects.toBeInstanceOf(ParameterNotFoundError);
    await expect(secrets.getMultiple('app')).rejects.toThrow(/not implemented/);
  });

  it('types its results from the options', () => {
    type Secrets = ExtensionSecretsProvider;
    expectTypeOf<ReturnType<typeof getSecret<undefined, undefined>>>().resolves.toEqualTypeOf<
      string | Uint8Array | undefined
    >();
    expectTypeOf<Awaited<ReturnType<Secrets['get']>>>().toEqualTypeOf<string | Uint8Array | undefined>();
    expectTypeOf<ReturnType<typeof getParameter<undefined, undefined>>>().resolves.toEqualTypeOf<string | undefined>();
  });
});

describe('ExtensionSSMProvider against paramkit-agent', () => {
  it('reads plain and decrypted parameters and selectors, cached apart', async () => {
    const ssm = new ExtensionSSMProvider(connection());
    expect(await ssm.get('/app/url')).toBe('pv-url-0d0d');
    expect(await ssm.get('/app/secure')).toMatch(CIPHERTEXT);
    expect(await ssm.get('/app/secure', { decrypt: true })).toBe('pv-secure-9f9f');
    expect(await ssm.get('/app/flag:1')).toBe('off');
    expect(await ssm.get('/app/flag:prod')).toBe('on');
    expect(await ssm.get('/no/such')).toBeUndefined();
    expect(ssm.stats().apiCalls).toBe(6);
  });

  it('reads a path through get-by-path, relative names, with transforms', async () => {
    const ssm = new ExtensionSSMProvider(connection());
    expect(await ssm.getMultiple('/tree')).toEqual({ a: '1' });
    expect(await ssm.getMultiple('/tree', { recursive: true, transform: 'json' })).toEqual({ a: 1, 'b/c': 2 });
  });

  it('takes the decrypt default from POWERTOOLS_PARAMETERS_SSM_DECRYPT', async () => {
    process.env.POWERTOOLS_PARAMETERS_SSM_DECRYPT = 'true';
    try {
      const ssm = new ExtensionSSMProvider(connection());
      expect(await ssm.get('/app/secure')).toBe('pv-secure-9f9f');
      delete process.env.POWERTOOLS_PARAMETERS_SSM_DECRYPT;
      ssm.clearCache();
      expect(await ssm.get('/app/secure')).toMatch(CIPHERTEXT);
    } finally {
      delete process.env.POWERTOOLS_PARAMETERS_SSM_DECRYPT;
    }
  });
});

describe('helpers configured by the environment', () => {
  it('getSecret, getParameter and getParameters use PARAMETERS_SECRETS_EXTENSION_HTTP_PORT and AWS_SESSION_TOKEN', async () => {
    const saved = { port: process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, token: process.env.AWS_SESSION_TOKEN };
    process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = String(t.agent.port);
    process.env.AWS_SESSION_TOKEN = TOKEN;
    delete DEFAULT_PROVIDERS.extensionSecrets;
    delete DEFAULT_PROVIDERS.extensionSsm;
    try {
      expect(await getSecret('app/api-key')).toBe('sv-api-key-55e0');
      expect(await getParameter('/app/url', { maxAge: 60 })).toBe('pv-url-0d0d');
      expect(await getParameters('/tree', { recursive: true })).toEqual({ a: '1', 'b/c': '2' });
    } finally {
      process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = saved.port;
      if (saved.port === undefined) delete process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
      process.env.AWS_SESSION_TOKEN = saved.token;
      if (saved.token === undefined) delete process.env.AWS_SESSION_TOKEN;
      delete DEFAULT_PROVIDERS.extensionSecrets;
      delete DEFAULT_PROVIDERS.extensionSsm;
    }
  });
});

describe('failures', () => {
  it('a wrong token is a GetParameterError naming the status and reason, never the token', async () => {
    const secrets = new ExtensionSecretsProvider({ ...connection(), token: 'wrong-token' });
    const error = await secrets.get('app/db').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetParameterError);
    expect((error as Error).message).toMatch(/403 Forbidden: Invalid X-Aws-Parameters-Secrets-Token header/);
    expect((error as Error).message).not.toContain('wrong-token');
  });

  it('an agent that is not there, or too slow, is a GetParameterError', async () => {
    const port = await closedPort();
    const down = new ExtensionSSMProvider({ port, host: '127.0.0.1', token: TOKEN });
    await expect(down.get('/app/url')).rejects.toThrow(
      new RegExp(`Unable to get parameter '/app/url' from the extension at http://127.0.0.1:${port}: .*ECONNREFUSED`),
    );
    t.emulator.faults.add({ latencyMs: 300, times: 1 });
    const impatient = new ExtensionSSMProvider({ ...connection(), timeoutMs: 50 });
    await expect(impatient.get('/app/list')).rejects.toThrow(/no answer within 50 ms/);
  });

  it('rejects bad connection settings', () => {
    expect(() => new ExtensionSSMProvider({ port: 0 })).toThrow(RangeError);
    expect(() => new ExtensionSSMProvider({ timeoutMs: 1.5 })).toThrow(/timeoutMs must be a positive integer/);
  });

  it('stays within the agent inbound limit with maxConcurrency; beyond it the agent answers 429', async () => {
    // A fresh agent: no request of an earlier test (a client timeout leaves one running upstream) is in progress.
    const fresh = await startTestAgent({ PARAMKIT_AGENT_MAX_INBOUND_REQUESTS: '3' }, { emulator: t.emulator });
    const options = { port: fresh.agent.port, host: '127.0.0.1', token: TOKEN };
    t.emulator.faults.add({ latencyMs: 50 });
    const names = ['/app/url', '/app/list', '/app/flag', '/tree/a', '/tree/b/c', '/app/secure'];
    try {
      const polite = new ExtensionSSMProvider({ ...options, maxConcurrency: 3 });
      const values = await Promise.all(names.map((name) => polite.get(name)));
      expect(values).toEqual(['pv-url-0d0d', 'a,b,c', 'on', '1', '2', expect.stringMatching(CIPHERTEXT)]);
      const pushy = new ExtensionSSMProvider({ ...options, maxConcurrency: 20 });
      // Decrypted reads are other cache entries of the agent: each one waits on the slow upstream.
      const results = await Promise.allSettled(names.map((name) => pushy.get(name, { decrypt: true })));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      expect(String((refused[0] as PromiseRejectedResult).reason.message)).toMatch(/429 TooManyConnections/);
    } finally {
      await fresh.stop();
    }
  });
});

describe('against an AWS-extension-like server', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/secretsmanager/get?secretId=bad')) {
        res
          .writeHead(400, { 'content-type': 'text/plain' })
          .end('an unexpected error occurred while executing request');
      } else if (req.url?.startsWith('/secretsmanager/get')) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('sv-9e9e is not json');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports plain-text errors, non-JSON answers, and a missing get-by-path route', async () => {
    const secrets = new ExtensionSecretsProvider({ port, host: '127.0.0.1', token: 't' });
    await expect(secrets.get('bad')).rejects.toThrow(/400 an unexpected error occurred/);
    const notJson = await secrets.get('good').catch((e: unknown) => e as Error);
    expect(notJson).toMatchObject({ name: 'GetParameterError', message: expect.stringMatching(/answer is not JSON/) });
    // JSON.parse's own message quotes the start of the text, which may be the value: it appears nowhere, down the
    // whole chain of causes.
    const chain: string[] = [];
    for (let error: unknown = notJson; error !== undefined && error !== null; error = (error as Error).cause) {
      chain.push(String(error), JSON.stringify(error));
    }
    expect(chain.join(' ')).not.toContain('sv-9e9e');
    const ssm = new ExtensionSSMProvider({ port, host: '127.0.0.1', token: 't' });
    await expect(ssm.getMultiple('/app')).rejects.toThrow(/no get-by-path route/);
  });
});
