import { Agent, request } from 'node:http';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { SEED, startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';

/*
 * Load smoke test (bounded: a few seconds): 50 keep-alive connections against one agent at its default settings
 * (but a small cache, to see eviction bound it), cache hits and misses mixed, while the emulator injects latency,
 * 5xx, throttling and dropped connections. Cached keys never get a 5xx or a 429; memory stays bounded. Speed
 * targets live in `npm run bench`, not here.
 */

const CONNECTIONS = 50;
const DURATION_MS = 3_000;
const CACHE_SIZE = 100;
const HITS = [
  '/secretsmanager/get?secretId=app/db',
  '/secretsmanager/get?secretId=app/api-key',
  '/systemsmanager/parameters/get?name=/app/url',
];

let emulator: RunningEmulator;
let t: TestAgent;
beforeAll(async () => {
  const extra = Array.from({ length: 3 * CACHE_SIZE }, (_, i) => ({ name: `load/s${i}`, value: `load-value-${i}` }));
  emulator = await startEmulator({
    port: 0,
    seed: { ...SEED, secretsmanager: { secrets: [...(SEED.secretsmanager?.secrets ?? []), ...extra] } },
  });
  t = await startTestAgent({ PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: String(CACHE_SIZE) }, { emulator });
  for (const path of HITS) expect((await t.get(path)).status).toBe(200);
});
afterAll(async () => {
  await t.stop();
  await emulator.stop();
});

function get(agent: Agent, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: t.agent.port, path, agent, headers: { [TOKEN_HEADER]: TOKEN } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(-1));
    req.end();
  });
}

describe('load smoke: 50 connections, hits and misses, during upstream faults', () => {
  it('no 5xx or 429 for cached keys, every request answered, memory bounded', async () => {
    const pool = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const statuses = { hit: new Map<number, number>(), miss: new Map<number, number>() };
    const count = (kind: 'hit' | 'miss', status: number) => {
      statuses[kind].set(status, (statuses[kind].get(status) ?? 0) + 1);
    };
    const faults = [
      emulator.faults.add({ latencyMs: 20 }),
      emulator.faults.add({ serverErrorRate: 0.2 }),
      emulator.faults.add({ throttleRate: 0.1 }),
      emulator.faults.add({ dropRate: 0.05 }),
    ];
    const heapBefore = process.memoryUsage().heapUsed;
    const end = performance.now() + DURATION_MS;
    let sequence = 0;
    try {
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, worker) => {
          for (let i = 0; performance.now() < end; i++) {
            // One miss in four: a cold secret (300 of them through a cache of 100), or a missing name.
            if (i % 4 === 3) {
              const n = sequence++;
              const path =
                n % 3 === 0
                  ? `/systemsmanager/parameters/get?name=/load/p${n}`
                  : `/secretsmanager/get?secretId=load/s${n % (3 * CACHE_SIZE)}`;
              count('miss', await get(pool, path));
            } else {
              count('hit', await get(pool, HITS[(worker + i) % HITS.length] as string));
            }
          }
        }),
      );
    } finally {
      for (const remove of faults) remove();
      pool.destroy();
    }
    const hits = [...statuses.hit.values()].reduce((a, b) => a + b, 0);
    const misses = [...statuses.miss.values()].reduce((a, b) => a + b, 0);
    console.info(
      `load smoke: ${hits} hits ${JSON.stringify(Object.fromEntries(statuses.hit))}, ${misses} misses ${JSON.stringify(Object.fromEntries(statuses.miss))}`,
    );
    expect(Object.fromEntries(statuses.hit)).toEqual({ 200: hits });
    expect(hits).toBeGreaterThan(CONNECTIONS * 10);
    expect(misses).toBeGreaterThan(CONNECTIONS);
    // Misses meet the faults: 200, 404 (missing), 400 (throttled), 500 (server error) or 502 (dropped).
    for (const status of statuses.miss.keys()) expect([200, 400, 404, 500, 502]).toContain(status);
    expect(statuses.miss.get(200)).toBeGreaterThan(0);
    const metrics = (await (await t.get('/metrics')).json()) as {
      services: Record<string, { size: number }>;
      responses: Record<string, number>;
    };
    expect(metrics.responses['429']).toBeUndefined();
    for (const service of Object.values(metrics.services)) expect(service.size).toBeLessThanOrEqual(CACHE_SIZE);
    // Generous: a leak of one object per request would pass 64 MB over these thousands of requests.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect((await t.get('/ping')).status).toBe(200);
  }, 30_000);
});
