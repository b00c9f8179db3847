import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppConfigProvider } from '../src/appconfig/index.js';
import { getConfig } from '../src/appconfig-agent/index.js';
import { DynamoDBProvider } from '../src/dynamodb/index.js';
import { GetParameterError } from '../src/errors.js';
import { ExtensionSecretsProvider, ExtensionSSMProvider } from '../src/extension/index.js';
import { SecretsProvider } from '../src/secrets/index.js';
import { SSMProvider } from '../src/ssm/index.js';
import { type Corruption, useCorruptingProxy } from './helpers/corruptingProxy.js';
import { useTestEmulator } from './helpers/emulator.js';
import {
  assertNoLeak,
  assertNothingLeakedToConsole,
  captureConsole,
  MARKER,
  rejectsWithoutLeak,
} from './helpers/leaks.js';
import { notJson } from './helpers/leakValues.js';

// Answers a service, a proxy or an extension could give that the SDK or the library cannot read, with values that
// hold MARKER: every error must say what failed without quoting the answer.

const ctx = useTestEmulator({
  ssm: { parameters: [{ name: '/leak/a', value: MARKER, type: 'SecureString' }] },
  secretsmanager: { secrets: [{ name: 'leak/a', value: MARKER }] },
  dynamodb: {
    tables: [
      { name: 'leak-one', partitionKey: 'id', items: [{ id: 'a', value: MARKER }] },
      { name: 'leak-many', partitionKey: 'id', sortKey: 'sk', items: [{ id: 'app', sk: 'a', value: MARKER }] },
    ],
  },
  appconfig: {
    applications: [{ name: 'leak', environments: [{ name: 'prod', profiles: [{ name: 'a', content: MARKER }] }] }],
  },
});
const logged = captureConsole();

const proxy = useCorruptingProxy(() => ctx.emulator.endpoint);

/** Ways an answer can be malformed; the value (and so MARKER) is in every body they start from. */
const corruptions: Record<string, Corruption> = {
  // `"Value":LEAKMARK-…"`: JSON.parse quotes ten characters around the bad token.
  unquoted: (body) => body.replaceAll(`"${MARKER}`, MARKER),
  // A short body is quoted whole.
  bare: () => `${MARKER}`,
  truncated: (body) => body.slice(0, Math.max(body.indexOf(MARKER) + 12, 1)),
  // A member of the wrong type: the SDK's type checks may name the value they got.
  wrongType: (body) => body.replaceAll(`"${MARKER}"`, `{"${MARKER}":[${'1'.repeat(3)}]}`),
  // A value in an error answer's body (a proxy's page, an echo), with a status the SDK reads as an error.
  errorBody: (body, status) => (status === 200 ? body : `<html>${MARKER}</html>`),
};

/** Calls that resolve over sound answers and must reject over each malformed one (wrongType: the SDK may accept it). */
const certainRejections: Record<string, string[]> = {
  unquoted: ['ssm get', 'secrets get', 'dynamodb get'],
  bare: ['ssm get', 'secrets get', 'dynamodb get', 'appconfig get'],
  truncated: ['ssm get', 'secrets get', 'dynamodb get', 'appconfig get'],
  // StartConfigurationSession answers 201, not 200: its body is replaced.
  errorBody: ['appconfig get'],
};

function providers() {
  const { clientConfig } = proxy;
  return {
    ssm: new SSMProvider({ clientConfig }),
    secrets: new SecretsProvider({ clientConfig }),
    one: new DynamoDBProvider({ tableName: 'leak-one', clientConfig }),
    many: new DynamoDBProvider({ tableName: 'leak-many', clientConfig }),
    appConfig: new AppConfigProvider({ application: 'leak', environment: 'prod', clientConfig }),
  };
}

/** The outcome of a call, checked for leaks whether it resolved or rejected. */
async function settleWithoutLeak(label: string, call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    assertNoLeak(error, label);
    return error;
  }
}

describe('leak: answers the SDK cannot parse', () => {
  it('are reported as GetParameterError without quoting the body, keeping the status for the stale checks', async () => {
    const { ssm, secrets } = providers();
    proxy.corrupt = corruptions.unquoted;
    const error = (await rejectsWithoutLeak('ssm', () => ssm.get('/leak/a', { decrypt: true }))) as GetParameterError;
    expect(error).toBeInstanceOf(GetParameterError);
    expect(error.message).toBe('The answer (HTTP 200) is not valid JSON; its text is left out, as it may hold a value');
    expect(error.cause).toMatchObject({ name: 'SyntaxError', $metadata: { httpStatusCode: 200 } });
    // The SDK's own error is kept, out of sight, for debugging.
    const original = (error.cause as { originalError?: Error }).originalError;
    expect(original?.message).toContain('is not valid JSON');
    expect(Object.keys(error.cause as object)).not.toContain('originalError');
    proxy.corrupt = corruptions.bare;
    await rejectsWithoutLeak('secrets', () => secrets.get('leak/a'));
  });

  it('broken HTTP framing: Node’s parser error holds the raw answer (rawPacket), which is left behind', async () => {
    const { secrets } = providers();
    proxy.brokenFraming = true;
    const error = (await rejectsWithoutLeak('framing', () => secrets.get('leak/a'))) as GetParameterError;
    expect(error.message).toMatch(/^The answer is not valid HTTP \(HPE_[A-Z_]+\); its text is left out/);
    expect((error.cause as { code?: string }).code).toMatch(/^HPE_/);
    expect((error.cause as { rawPacket?: unknown }).rawPacket).toBeUndefined();
  });

  it('every provider and call, for every kind of malformed answer', async () => {
    for (const [label, corrupt] of Object.entries(corruptions)) {
      const { ssm, secrets, one, many, appConfig } = providers();
      proxy.corrupt = corrupt;
      const calls: Record<string, () => Promise<unknown>> = {
        'ssm get': () => ssm.get('/leak/a', { decrypt: true }),
        'ssm missing': () => ssm.get('/leak/none'),
        'ssm getMultiple': () => ssm.getMultiple('/leak', { decrypt: true }),
        'ssm byName': () => ssm.getParametersByName({ '/leak/a': {}, '/leak/none': {} }, { decrypt: true }),
        'ssm byName graceful': () => ssm.getParametersByName({ '/leak/a': {} }, { throwOnError: false }),
        'ssm set': () => ssm.set('/leak/a', { value: MARKER, overwrite: true }),
        'ssm set refused': () => ssm.set('/leak/a', { value: MARKER }),
        'secrets get': () => secrets.get('leak/a'),
        'secrets byName': () => secrets.getSecretsByName({ 'leak/a': {}, 'leak/none': {} }),
        'secrets byName graceful': () => secrets.getSecretsByName({ 'leak/a': {} }, { throwOnError: false }),
        'secrets set': () => secrets.set('leak/a', { value: MARKER }),
        'secrets create': () => secrets.set('leak/new', { value: MARKER, createIfMissing: true }),
        'dynamodb get': () => one.get('a'),
        'dynamodb getMultiple': () => many.getMultiple('app'),
        'appconfig get': () => appConfig.get('a'),
      };
      // Some still resolve (a member the SDK does not check, a body AppConfig does not parse): with the value.
      const corruptedBefore = proxy.corrupted;
      const rejected: string[] = [];
      for (const [name, call] of Object.entries(calls)) {
        const outcome = await settleWithoutLeak(`${label}: ${name}`, call);
        if (outcome instanceof Error) rejected.push(name);
      }
      // Not vacuous: the proxy did rewrite answers, and the rewrites made calls fail.
      expect(proxy.corrupted - corruptedBefore, label).toBeGreaterThan(0);
      expect(rejected, label).toEqual(expect.arrayContaining(certainRejections[label] ?? []));
    }
    assertNothingLeakedToConsole(logged);
  });
});

/** A stand-in for the Parameters and Secrets extension and the AppConfig Agent, answering scripted bodies. */
const fake: { server?: Server; port: number; answer: (path: string) => { status: number; body: string } } = {
  port: 0,
  answer: () => ({ status: 404, body: 'not found' }),
};
beforeAll(async () => {
  fake.server = createServer((request, response) => {
    const { status, body } = fake.answer(request.url ?? '/');
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => fake.server?.listen(0, 'localhost', resolve));
  fake.port = (fake.server.address() as AddressInfo).port;
});
afterAll(async () => {
  fake.server?.closeAllConnections();
  await new Promise((resolve) => fake.server?.close(resolve));
});

const parse = (value: string | Uint8Array) => JSON.parse(String(value));

describe('leak: the extension client and the AppConfig Agent', () => {
  it('extension providers: transforms of values, and answers that are not JSON', async () => {
    const options = { port: fake.port, host: 'localhost', token: 'token' };
    const secrets = new ExtensionSecretsProvider(options);
    const ssm = new ExtensionSSMProvider(options);
    const bodies = [
      JSON.stringify({ Name: 'leak/a', SecretString: notJson, Parameter: { Value: notJson } }),
      JSON.stringify({ Parameters: [{ Name: '/leak/a.json', Value: notJson }] }),
      `{"SecretString":${MARKER}}`,
      notJson,
    ];
    for (const body of bodies) {
      fake.answer = () => ({ status: 200, body });
      for (const transform of ['json', 'binary', parse] as 'json'[]) {
        await settleWithoutLeak(`secret ${body}`, () => secrets.get('leak/a', { transform, forceFetch: true }));
        await settleWithoutLeak(`parameter ${body}`, () => ssm.get('/leak/a', { transform, forceFetch: true }));
        await settleWithoutLeak(`path ${body}`, () =>
          ssm.getMultiple('/leak', { transform, throwOnTransformError: true, forceFetch: true }),
        );
      }
    }
    assertNothingLeakedToConsole(logged);
  });

  it('getConfig: transforms and schemas of the configuration', async () => {
    vi.stubEnv('AWS_APPCONFIG_EXTENSION_HTTP_PORT', String(fake.port));
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    vi.stubEnv('POWERTOOLS_DEV', '');
    try {
      fake.answer = () => ({ status: 200, body: notJson });
      const where = { application: 'leak', environment: 'prod' };
      for (const transform of ['json', 'binary', parse] as const) {
        await rejectsWithoutLeak(`getConfig ${String(transform)}`, () => getConfig('a', { ...where, transform }));
      }
      const throwing = {
        '~standard': {
          version: 1 as const,
          vendor: 'leak-test',
          validate: (value: unknown) => {
            throw new Error(String(value));
          },
        },
      };
      await rejectsWithoutLeak('getConfig schema', () => getConfig('a', { ...where, schema: throwing }));
    } finally {
      vi.unstubAllEnvs();
    }
    assertNothingLeakedToConsole(logged);
  });
});
