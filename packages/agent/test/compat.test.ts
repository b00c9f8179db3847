import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { SEED, startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';

let emulator: RunningEmulator;
let t: TestAgent;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: { ...SEED, secretsmanager: { secrets: [{ name: 'app/a+b', value: 'plus-value-41' }] } },
  });
  t = await startTestAgent({}, { emulator });
});
afterAll(async () => {
  await t.stop();
  await emulator.stop();
});

/** GET over a raw socket to one address; the status code, or the connection error's code. */
function getAt(host: string, port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let text = '';
    socket.on('connect', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nhost: localhost\r\n${TOKEN_HEADER}: ${TOKEN}\r\nconnection: close\r\n\r\n`),
    );
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(Number(text.slice(9, 12))));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** Whether this machine has an IPv6 loopback to bind. */
function hasIpv6Loopback(): boolean {
  return Object.values(networkInterfaces()).some((addresses) =>
    addresses?.some((address) => address.internal && address.family === 'IPv6' && address.address === '::1'),
  );
}

describe('listening on both loopback addresses, and nothing else', () => {
  it('answers on 127.0.0.1', async () => {
    expect(t.agent.hosts[0]).toBe('127.0.0.1');
    expect(await getAt('127.0.0.1', t.agent.port, '/secretsmanager/get?secretId=app/a+b')).toBe(200);
  });

  it('answers on ::1, where localhost may resolve first', async (context) => {
    if (!hasIpv6Loopback()) {
      console.warn('Skipping ::1: this machine has no IPv6 loopback address');
      context.skip();
    }
    expect(t.agent.hosts).toEqual(['127.0.0.1', '::1']);
    expect(await getAt('::1', t.agent.port, '/secretsmanager/get?secretId=app/a+b')).toBe(200);
    expect(await getAt('::1', t.agent.port, '/ping')).toBe(200);
  });

  it('is not reachable on any other address of the machine', async () => {
    const external = Object.values(networkInterfaces())
      .flatMap((addresses) => addresses ?? [])
      .filter((address) => !address.internal && !address.address.startsWith('fe80'));
    for (const address of external) {
      expect(await getAt(address.address, t.agent.port, '/ping')).toBe('ECONNREFUSED');
    }
  });
});

describe('query strings as AWS samples send them', () => {
  it('reads + in a value as itself, not as a space', async () => {
    const plain = await t.get('/secretsmanager/get?secretId=app/a+b');
    expect(plain.status).toBe(200);
    expect(await plain.json()).toMatchObject({ Name: 'app/a+b', SecretString: 'plus-value-41' });
    const encoded = await t.get('/secretsmanager/get?secretId=app%2Fa%2Bb');
    expect(((await encoded.json()) as { Name: string }).Name).toBe('app/a+b');
    const pathStyle = await t.get('/v1/app%2Fa+b');
    expect(pathStyle.status).toBe(200);
  });
});
