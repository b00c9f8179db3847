import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import type { AgentResponse } from '../src/http/types.js';
import { startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';

let t: TestAgent;
beforeAll(async () => {
  t = await startTestAgent({ PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '50' });
});
afterAll(() => t.stop());
beforeEach(() => {
  t.agent.secrets.clearCache();
  t.agent.ssm.clearCache();
  t.emulator.requests.reset();
});

const json = async (path: string) => {
  const response = await t.get(path);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as Record<string, unknown>;
};
const calls = (operation: string) => t.emulator.requests.count(operation);
const RFC3339_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

describe('GET /secretsmanager/get', () => {
  it('answers the GetSecretValue output in the AWS extension format', async () => {
    const body = await json('/secretsmanager/get?secretId=app%2Fapi-key');
    expect(Object.keys(body)).toEqual([
      'ARN',
      'CreatedDate',
      'Name',
      'SecretBinary',
      'SecretString',
      'VersionId',
      'VersionStages',
      'ResultMetadata',
    ]);
    expect(body).toMatchObject({
      Name: 'app/api-key',
      SecretString: 'sv-api-key-55e0',
      SecretBinary: null,
      VersionStages: ['AWSCURRENT'],
      ResultMetadata: {},
    });
    expect(body.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/api-key-\w{6}$/);
    expect(body.CreatedDate).toMatch(RFC3339_UTC);
  });

  it('answers binary secrets as base64 in SecretBinary', async () => {
    const body = await json('/secretsmanager/get?secretId=app/cert');
    expect(body).toMatchObject({ SecretBinary: '/wD+gA==', SecretString: null });
  });

  it('reads versions by versionStage and versionId, each cached apart', async () => {
    const current = await json('/secretsmanager/get?secretId=app/rotated');
    const previous = await json('/secretsmanager/get?secretId=app/rotated&versionStage=AWSPREVIOUS');
    expect(current.SecretString).toBe('sv-new-3c4d');
    expect(previous.SecretString).toBe('sv-old-1a2b');
    const byId = await json(`/secretsmanager/get?secretId=app/rotated&versionId=${previous.VersionId}`);
    expect(byId.SecretString).toBe('sv-old-1a2b');
    await json('/secretsmanager/get?secretId=app/rotated&versionStage=AWSPREVIOUS');
    expect(calls('GetSecretValue')).toBe(3);
  });

  it('serves the path style /v1/<secretId> of the Secrets Manager Agent', async () => {
    expect((await json('/v1/app%2Fapi-key')).SecretString).toBe('sv-api-key-55e0');
    expect((await json('/v1/app%2Frotated?versionStage=AWSPREVIOUS')).SecretString).toBe('sv-old-1a2b');
  });

  it('caches: one GetSecretValue for repeated reads; refreshNow=true fetches again', async () => {
    const before = t.agent.secrets.stats();
    for (let i = 0; i < 5; i++) await json('/secretsmanager/get?secretId=app/db');
    expect(calls('GetSecretValue')).toBe(1);
    await json('/secretsmanager/get?secretId=app/db&refreshNow=true');
    expect(calls('GetSecretValue')).toBe(2);
    const after = t.agent.secrets.stats();
    expect([after.hits - before.hits, after.misses - before.misses, after.apiCalls - before.apiCalls]).toEqual([
      4, 2, 2,
    ]);
  });

  it('answers a cache hit synchronously, without a promise on the hot path', async () => {
    const request = {
      method: 'GET',
      url: '/secretsmanager/get?secretId=app%2Fapi-key',
      headers: { [TOKEN_HEADER]: TOKEN },
    };
    const miss = t.agent.handler(request);
    expect(miss).toBeInstanceOf(Promise);
    const first = await miss;
    const hit = t.agent.handler(request);
    expect(hit).not.toBeInstanceOf(Promise);
    expect(hit).toEqual(first);
    expect((hit as AgentResponse).body).toBe(first.body);
  });

  it('coalesces concurrent misses into one upstream call', async () => {
    const bodies = await Promise.all(Array.from({ length: 20 }, () => json('/secretsmanager/get?secretId=app/db')));
    expect(new Set(bodies.map((b) => b.VersionId)).size).toBe(1);
    expect(calls('GetSecretValue')).toBe(1);
    expect(t.agent.secrets.stats().coalesced).toBeGreaterThan(0);
  });
});

describe('GET /systemsmanager/parameters/get', () => {
  it('answers { Parameter, ResultMetadata } in the AWS extension format', async () => {
    const body = await json('/systemsmanager/parameters/get?name=%2Fapp%2Furl');
    const parameter = body.Parameter as Record<string, unknown>;
    expect(Object.keys(parameter)).toEqual([
      'ARN',
      'DataType',
      'LastModifiedDate',
      'Name',
      'Selector',
      'SourceResult',
      'Type',
      'Value',
      'Version',
    ]);
    expect(parameter).toMatchObject({
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/url',
      DataType: 'text',
      Name: '/app/url',
      Selector: null,
      SourceResult: null,
      Type: 'String',
      Value: 'pv-url-0d0d',
      Version: 1,
    });
    expect(parameter.LastModifiedDate).toMatch(RFC3339_UTC);
    expect(body.ResultMetadata).toEqual({});
  });

  it('decrypts SecureStrings only with withDecryption=true, cached apart', async () => {
    const plain = (await json('/systemsmanager/parameters/get?name=/app/secure')).Parameter as { Value: string };
    const decrypted = (await json('/systemsmanager/parameters/get?name=/app/secure&withDecryption=true')).Parameter as {
      Value: string;
    };
    expect(plain.Value).not.toBe('pv-secure-9f9f');
    expect(plain.Value).toMatch(/^AQICAH[A-Za-z0-9+/]+=*$/);
    expect(decrypted.Value).toBe('pv-secure-9f9f');
    await json('/systemsmanager/parameters/get?name=/app/secure&withDecryption=TRUE');
    expect(calls('GetParameter')).toBe(2);
  });

  it('selects a version or a label', async () => {
    const v1 = (await json('/systemsmanager/parameters/get?name=/app/flag&version=1')).Parameter;
    const prod = (await json('/systemsmanager/parameters/get?name=/app/flag&label=prod')).Parameter;
    expect(v1).toMatchObject({ Value: 'off', Version: 1, Selector: ':1' });
    expect(prod).toMatchObject({ Value: 'on', Version: 2, Selector: ':prod' });
  });

  it('caches, and refreshNow=true fetches again', async () => {
    await json('/systemsmanager/parameters/get?name=/app/list');
    await json('/systemsmanager/parameters/get?name=/app/list');
    await json('/systemsmanager/parameters/get?name=/app/list&refreshNow=true');
    expect(calls('GetParameter')).toBe(2);
  });
});

describe('batch and path reads', () => {
  it('GET /systemsmanager/parameters/get-by-path: direct children, or every level with recursive=true', async () => {
    const direct = (await json('/systemsmanager/parameters/get-by-path?path=/tree')).Parameters as { Name: string }[];
    expect(direct.map((p) => p.Name)).toEqual(['/tree/a']);
    const all = (await json('/systemsmanager/parameters/get-by-path?path=/tree&recursive=true')).Parameters as {
      Name: string;
      Value: string;
    }[];
    expect(all.map((p) => [p.Name, p.Value])).toEqual([
      ['/tree/a', '1'],
      ['/tree/b/c', '2'],
    ]);
    await json('/systemsmanager/parameters/get-by-path?path=/tree&recursive=true');
    expect(calls('GetParametersByPath')).toBe(2);
    expect((await json('/systemsmanager/parameters/get-by-path?path=/nothing')).Parameters).toEqual([]);
  });

  it('GET /secretsmanager/batch-get: values in the order asked, errors listed, cache shared with /get', async () => {
    await json('/secretsmanager/get?secretId=app/api-key');
    const body = await json('/secretsmanager/batch-get?secretId=app/db&secretId=nope&secretId=app/api-key');
    expect((body.SecretValues as { Name: string }[]).map((v) => v.Name)).toEqual(['app/db', 'app/api-key']);
    expect(body.Errors).toEqual([
      { SecretId: 'nope', ErrorCode: 'ResourceNotFoundException', Message: expect.any(String) },
    ]);
    expect(calls('BatchGetSecretValue')).toBe(1);
    await json('/secretsmanager/get?secretId=app/db');
    expect(calls('GetSecretValue')).toBe(1);
    const again = await json('/secretsmanager/batch-get?secretId=app/db&secretId=app/api-key');
    expect(
      (again.SecretValues as { Name: string; SecretString: string }[]).map((v) => [v.Name, v.SecretString]),
    ).toEqual([
      ['app/db', '{"username":"app","password":"sv-db-pass-8c41"}'],
      ['app/api-key', 'sv-api-key-55e0'],
    ]);
    expect(calls('BatchGetSecretValue')).toBe(1);
  });

  it('batch-get accepts ARNs and partial ARNs', async () => {
    const { ARN } = await json('/secretsmanager/get?secretId=app/db&refreshNow=true');
    const partial = String(ARN).slice(0, -7);
    const body = await json(`/secretsmanager/batch-get?secretId=${encodeURIComponent(partial)}&refreshNow=true`);
    expect((body.SecretValues as { ARN: string }[])[0]?.ARN).toBe(ARN);
  });
});

describe('caching switched off', () => {
  it.each([
    ['PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED', 'FALSE'],
    ['PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE', '0'],
    ['SECRETS_MANAGER_TTL', '0'],
  ])('%s=%s: every read goes upstream', async (name, value) => {
    const other = await startTestAgent({ [name]: value }, { emulator: t.emulator });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await other.get('/secretsmanager/get?secretId=app/db')).status).toBe(200);
      }
      expect(calls('GetSecretValue')).toBe(3);
      expect(other.agent.secrets.stats().size).toBe(0);
    } finally {
      await other.stop();
    }
  });
});
