import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';
import { closedPort, openConnection, type RawConnection } from './helpers/raw.js';

let t: TestAgent;
beforeAll(async () => {
  t = await startTestAgent({ PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '50' });
});
afterAll(() => t.stop());

/** Status and parsed body of a request; the body never holds the token. */
async function call(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${t.agent.url}${path}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? { [TOKEN_HEADER]: TOKEN },
  });
  const text = await response.text();
  expect(text).not.toContain(TOKEN);
  return { status: response.status, body: JSON.parse(text) as { __type: string; message: string }, response };
}

describe('400 Bad Request', () => {
  it.each([
    ['/secretsmanager/get', "Missing required query parameter 'secretId'"],
    ['/secretsmanager/get?secretId=', "Missing required query parameter 'secretId'"],
    ['/secretsmanager/get?secretId=a&secretId=b', "'secretId' is given more than once"],
    ['/secretsmanager/get?secretId=a&refreshNow=yes', "'refreshNow' must be true or false"],
    ['/systemsmanager/parameters/get', "Missing required query parameter 'name'"],
    ['/systemsmanager/parameters/get?name=/a&version=0', "'version' must be a positive integer"],
    ['/systemsmanager/parameters/get?name=/a&withDecryption=1', "'withDecryption' must be true or false"],
    ['/systemsmanager/parameters/get-by-path?recursive=true', "Missing required query parameter 'path'"],
    ['/secretsmanager/batch-get', "Missing required query parameter 'secretId'"],
    [`/secretsmanager/batch-get?${Array.from({ length: 21 }, (_, i) => `secretId=s${i}`).join('&')}`, 'At most 20'],
    ['/v1/%E0%A4%A', 'not valid URL encoding'],
    ['/secretsmanager/get?secretId=%E0%A4%A', 'The query string is not valid URL encoding'],
    ['/metrics?format=xml', "'format' must be json or prometheus"],
  ])('GET %s', async (path, message) => {
    const { status, body } = await call(path);
    expect(status).toBe(400);
    expect(body.__type).toBe('BadRequest');
    expect(body.message).toContain(message);
  });

  it('refuses a request carrying X-Forwarded-For', async () => {
    const { status, body } = await call('/secretsmanager/get?secretId=app/db', {
      headers: { [TOKEN_HEADER]: TOKEN, 'x-forwarded-for': '10.0.0.1' },
    });
    expect(status).toBe(400);
    expect(body.message).toMatch(/X-Forwarded-For/);
  });
});

describe('403 Forbidden: the token', () => {
  it('is required on every path but /ping', async () => {
    for (const path of [
      '/secretsmanager/get?secretId=app/db',
      '/systemsmanager/parameters/get?name=/app/url',
      '/metrics',
      '/nowhere',
    ]) {
      const { status, body } = await call(path, { headers: {} });
      expect(status).toBe(403);
      expect(body).toEqual({ __type: 'Forbidden', message: 'Missing X-Aws-Parameters-Secrets-Token header' });
    }
    const ping = await fetch(`${t.agent.url}/ping`);
    expect([ping.status, await ping.text()]).toEqual([200, 'healthy']);
  });

  it('must match exactly', async () => {
    for (const wrong of ['wrong', `${TOKEN}x`, TOKEN.toUpperCase(), TOKEN.slice(1)]) {
      const { status, body } = await call('/secretsmanager/get?secretId=app/db', {
        headers: { [TOKEN_HEADER]: wrong },
      });
      expect(status).toBe(403);
      expect(body.message).toBe('Invalid X-Aws-Parameters-Secrets-Token header');
    }
  });
});

describe('404, 405 and the order of checks', () => {
  it('404 for an unknown path, a missing secret, parameter or version', async () => {
    expect((await call('/secretsmanager/list')).body.__type).toBe('NotFound');
    const secret = await call('/secretsmanager/get?secretId=no/such');
    expect([secret.status, secret.body.__type]).toEqual([404, 'ResourceNotFoundException']);
    const parameter = await call('/systemsmanager/parameters/get?name=/no/such');
    expect([parameter.status, parameter.body.__type]).toEqual([404, 'ParameterNotFound']);
    const version = await call('/systemsmanager/parameters/get?name=/app/flag&version=9');
    expect([version.status, version.body.__type]).toEqual([404, 'ParameterVersionNotFound']);
  });

  it('405 with Allow: GET for other methods', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const { status, response } = await call('/secretsmanager/get?secretId=app/db', { method });
      expect(status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    }
  });

  it('checks X-Forwarded-For, then the token, then the method, then the path and query', async () => {
    const xff = { 'x-forwarded-for': '1.2.3.4' };
    expect((await call('/nowhere', { method: 'POST', headers: xff })).status).toBe(400);
    expect((await call('/nowhere', { method: 'POST', headers: {} })).status).toBe(403);
    expect((await call('/nowhere?bad=1', { method: 'POST' })).status).toBe(405);
    expect((await call('/nowhere?bad=1')).status).toBe(404);
    expect((await call('/secretsmanager/get?bad=1')).status).toBe(400);
  });
});

describe('429 past the inbound limit', () => {
  it('answers 429 to a request past PARAMKIT_AGENT_MAX_INBOUND_REQUESTS in progress, first of all checks', async () => {
    const limited = await startTestAgent({ PARAMKIT_AGENT_MAX_INBOUND_REQUESTS: '2' }, { emulator: t.emulator });
    const port = limited.agent.port;
    const connections = await Promise.all([openConnection(port), openConnection(port), openConnection(port)]);
    const [a, b, c] = connections as [RawConnection, RawConnection, RawConnection];
    const remove = t.emulator.faults.add({ latencyMs: 200, times: 2 });
    try {
      // Two cold reads wait on a slow upstream: the limit is reached while they are in progress.
      const upstreamBefore = t.emulator.requests.count();
      const slow = [
        a.get(`/secretsmanager/get?secretId=app/db`, { [TOKEN_HEADER]: TOKEN }),
        b.get(`/systemsmanager/parameters/get?name=/app/url`, { [TOKEN_HEADER]: TOKEN }),
      ];
      // Both reads have reached the (slow) emulator, so both are in progress on the agent.
      while (t.emulator.requests.count() < upstreamBefore + 2) await new Promise((resolve) => setImmediate(resolve));
      const refused = await c.get('/nowhere', { 'x-forwarded-for': '1.2.3.4' });
      expect(refused.status).toBe(429);
      expect(refused.text).toContain('"__type":"TooManyConnections"');
      expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
      // Idle keep-alive connections do not count: all three are open, none busy.
      expect((await c.get('/ping')).status).toBe(200);
      const metrics = await limited.get('/metrics');
      expect(((await metrics.json()) as { responses: object }).responses).toMatchObject({ '429': 1 });
    } finally {
      remove();
      for (const connection of connections) connection.close();
      await limited.stop();
    }
  });
});

describe('upstream failures', () => {
  it('keeps the status and exception name of other AWS errors', async () => {
    const current = (await (await t.get('/secretsmanager/get?secretId=app/rotated')).json()) as { VersionId: string };
    const mismatch = await call(
      `/secretsmanager/get?secretId=app/rotated&versionStage=AWSPREVIOUS&versionId=${current.VersionId}`,
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.__type).toBe('InvalidRequestException');
    expect(mismatch.body.message).toMatch(/VersionStage/);
    const remove = t.emulator.faults.add({ service: 'ssm', serverErrorRate: 1, times: 1 });
    const failed = await call('/systemsmanager/parameters/get?name=/app/url&refreshNow=true');
    remove();
    expect(failed.status).toBe(500);
    expect(failed.body.__type).toMatch(/Internal/);
    t.emulator.faults.add({ service: 'secretsmanager', throttleRate: 1, times: 1 });
    const throttled = await call('/secretsmanager/get?secretId=app/api-key&refreshNow=true');
    expect([throttled.status, throttled.body.__type]).toEqual([400, 'ThrottlingException']);
  });

  it('502 when AWS cannot be reached', async () => {
    const port = await closedPort();
    const unreachable = await startTestAgent({}, { emulator: t.emulator, endpoint: `http://127.0.0.1:${port}` });
    try {
      const response = await unreachable.get('/secretsmanager/get?secretId=app/db');
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ __type: 'UpstreamUnreachable' });
    } finally {
      await unreachable.stop();
    }
  });

  it('504 when AWS does not answer within *_TIMEOUT_MILLIS', async () => {
    const slow = await startTestAgent(
      { SECRETS_MANAGER_TIMEOUT_MILLIS: '50', SSM_PARAMETER_STORE_TIMEOUT_MILLIS: '50' },
      { emulator: t.emulator },
    );
    const remove = t.emulator.faults.add({ latencyMs: 400, times: 2 });
    try {
      const secret = await slow.get('/secretsmanager/get?secretId=app/db');
      expect(secret.status).toBe(504);
      expect(await secret.json()).toEqual({
        __type: 'UpstreamTimeout',
        message: 'Secrets Manager did not answer within 50 ms',
      });
      const parameter = await slow.get('/systemsmanager/parameters/get?name=/app/url');
      expect(parameter.status).toBe(504);
    } finally {
      remove();
      await slow.stop();
    }
  });
});
