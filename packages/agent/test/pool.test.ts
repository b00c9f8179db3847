import { describe, expect, it } from 'vitest';
import { UpstreamBusyError, UpstreamTimeoutError } from '../src/upstream/errors.js';
import { ConnectionPool } from '../src/upstream/pool.js';

describe('ConnectionPool', () => {
  it('grants up to its size at once, then hands each freed connection to the first waiter', async () => {
    const pool = new ConnectionPool('S', 2, 10);
    const first = await pool.acquire(undefined, 0);
    const second = await pool.acquire(undefined, 0);
    const order: number[] = [];
    const waiters = [3, 4].map(async (n) => {
      const release = await pool.acquire(undefined, 0);
      order.push(n);
      return release;
    });
    expect([pool.active, pool.waiting]).toEqual([2, 2]);
    first();
    first(); // twice is harmless
    const third = await waiters[0];
    expect(order).toEqual([3]);
    second();
    (await waiters[1])?.();
    third?.();
    expect([pool.active, pool.waiting, order]).toEqual([0, 0, [3, 4]]);
  });

  it('bounds the queue: past maxWaiting a call fails at once with UpstreamBusyError', async () => {
    const pool = new ConnectionPool('Secrets Manager', 1, 1);
    const held = await pool.acquire(undefined, 0);
    const waiting = pool.acquire(undefined, 0);
    await expect(pool.acquire(undefined, 0)).rejects.toBeInstanceOf(UpstreamBusyError);
    held();
    (await waiting)();
    expect(pool.active).toBe(0);
  });

  it('a waiter whose deadline passes is dropped with UpstreamTimeoutError and never granted', async () => {
    const pool = new ConnectionPool('Secrets Manager', 1, 5);
    const held = await pool.acquire(undefined, 0);
    const controller = new AbortController();
    const late = pool.acquire(controller.signal, 250);
    const next = pool.acquire(undefined, 0);
    controller.abort();
    await expect(late).rejects.toThrow('Secrets Manager did not answer within 250 ms (all connections were busy)');
    await expect(pool.acquire(AbortSignal.abort(), 250)).rejects.toBeInstanceOf(UpstreamTimeoutError);
    held();
    (await next)();
    expect([pool.active, pool.waiting]).toEqual([0, 0]);
  });
});
