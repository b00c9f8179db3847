import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionTime } from '../src/http/render.js';
import { startTestAgent, type TestAgent } from './helpers/agent.js';

let t: TestAgent;
beforeAll(async () => {
  t = await startTestAgent();
  await t.get('/secretsmanager/get?secretId=app/db');
  await t.get('/secretsmanager/get?secretId=app/db');
  await t.get('/systemsmanager/parameters/get?name=/app/url');
  await t.get('/secretsmanager/get?secretId=missing');
  await t.get('/ping', {});
});
afterAll(() => t.stop());

describe('GET /metrics', () => {
  it('answers JSON counters: requests, hits, misses, upstream calls, errors, stale served, per service', async () => {
    const response = await t.get('/metrics');
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { uptimeSeconds: number };
    expect(body).toMatchObject({
      requests: 5,
      errors: 1,
      hits: 1,
      misses: 3,
      upstreamCalls: 3,
      staleServed: 0,
      coalesced: 0,
      evictions: 0,
      cacheEntries: 2,
      responses: { '200': 4, '404': 1 },
      services: {
        secretsmanager: { hits: 1, misses: 2, apiCalls: 2, size: 1 },
        ssm: { hits: 0, misses: 1, apiCalls: 1, size: 1 },
      },
    });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('answers Prometheus text for Accept: text/plain or ?format=prometheus', async () => {
    for (const response of [
      await t.get('/metrics', { accept: 'text/plain' }),
      await t.get('/metrics?format=prometheus', { accept: 'application/json' }),
    ]) {
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await response.text();
      expect(text).toContain('# TYPE paramkit_agent_requests_total counter');
      expect(text).toMatch(/^paramkit_agent_requests_total\{status="200"\} \d+$/m);
      expect(text).toMatch(/^paramkit_agent_cache_hits_total\{service="secretsmanager"\} 1$/m);
      expect(text).toMatch(/^paramkit_agent_upstream_calls_total\{service="ssm"\} 1$/m);
      expect(text).toMatch(/^paramkit_agent_cache_stale_served_total\{service="ssm"\} 0$/m);
      expect(text).toMatch(/^paramkit_agent_errors_total \d+$/m);
      expect(text).toMatch(/^paramkit_agent_cache_entries\{service="secretsmanager"\} 1$/m);
      expect(text.endsWith('\n')).toBe(true);
    }
    expect((await t.get('/metrics?format=json', { accept: 'text/plain' })).headers.get('content-type')).toBe(
      'application/json',
    );
  });
});

describe('extensionTime', () => {
  it('writes RFC 3339 UTC with the trailing zeros of the fraction cut, as the AWS extension does', () => {
    const at = (ms: number) => new Date(Date.UTC(2022, 10, 16, 8, 22, 40, ms));
    expect(extensionTime(at(499))).toBe('2022-11-16T08:22:40.499Z');
    expect(extensionTime(at(500))).toBe('2022-11-16T08:22:40.5Z');
    expect(extensionTime(at(10))).toBe('2022-11-16T08:22:40.01Z');
    expect(extensionTime(at(0))).toBe('2022-11-16T08:22:40Z');
    expect(extensionTime(new Date(Date.UTC(2020, 0, 1, 0, 0, 0, 0)))).toBe('2020-01-01T00:00:00Z');
    expect(extensionTime(undefined)).toBeNull();
    expect(extensionTime(new Date(Number.NaN))).toBeNull();
  });
});
