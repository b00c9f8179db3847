import { networkInterfaces } from 'node:os';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { SEED, startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';

/** A non-loopback IPv4 address of this machine, to reach an agent the way another host would. */
function externalIPv4(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}

const get = (url: string, token?: string) =>
  fetch(url, token === undefined ? {} : { headers: { [TOKEN_HEADER]: token } });

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED });
});
afterAll(() => emulator.stop());

let t: TestAgent | undefined;
const start = async (env: NodeJS.ProcessEnv = {}): Promise<TestAgent> => {
  t = await startTestAgent(env, { emulator });
  return t;
};
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('listen address (PARAMKIT_AGENT_LISTEN_ADDRESS)', () => {
  it('by default serves both loopback addresses and no other', async () => {
    const t = await start();
    expect(t.agent.hosts).toEqual(['127.0.0.1', '::1']);
    expect(t.agent.url).toBe(`http://127.0.0.1:${t.agent.port}`);
    expect((await get(`http://[::1]:${t.agent.port}/ping`)).status).toBe(200);
    const external = externalIPv4();
    if (external === undefined) return;
    await expect(get(`http://${external}:${t.agent.port}/ping`)).rejects.toThrow();
  });

  it('0.0.0.0 serves other hosts (a container sidecar), still requiring the token, and warns once', async () => {
    const t = await start({ PARAMKIT_AGENT_LISTEN_ADDRESS: '0.0.0.0' });
    expect(t.agent.hosts).toEqual(['0.0.0.0']);
    expect(t.agent.url).toBe(`http://127.0.0.1:${t.agent.port}`);
    const external = externalIPv4();
    const base = `http://${external ?? '127.0.0.1'}:${t.agent.port}`;
    const refused = await get(`${base}/secretsmanager/get?secretId=app/api-key`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      __type: 'Forbidden',
      message: 'Missing X-Aws-Parameters-Secrets-Token header',
    });
    expect((await get(`${base}/secretsmanager/get?secretId=app/api-key`, 'wrong')).status).toBe(403);
    const answered = await get(`${base}/secretsmanager/get?secretId=app/api-key`, TOKEN);
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { SecretString: string }).SecretString).toBe('sv-api-key-55e0');
    const warnings = t.logs.map((line) => JSON.parse(line)).filter((line) => line.level === 'warn');
    expect(warnings).toEqual([
      expect.objectContaining({ msg: expect.stringMatching(/^listening beyond loopback/), hosts: ['0.0.0.0'] }),
    ]);
  });

  it('binds exactly the addresses given: 127.0.0.1 alone does not answer on ::1', async () => {
    const t = await start({ PARAMKIT_AGENT_LISTEN_ADDRESS: '127.0.0.1' });
    expect(t.agent.hosts).toEqual(['127.0.0.1']);
    expect((await get(`${t.agent.url}/ping`)).status).toBe(200);
    await expect(get(`http://[::1]:${t.agent.port}/ping`)).rejects.toThrow();
    expect(t.logs.join('')).not.toContain('beyond loopback');
  });

  it('serves an IPv4 and the IPv6 wildcard side by side on one port', async () => {
    const t = await start({ PARAMKIT_AGENT_LISTEN_ADDRESS: '127.0.0.1,::' });
    expect(t.agent.hosts).toEqual(['127.0.0.1', '::']);
    expect((await get(`http://127.0.0.1:${t.agent.port}/ping`)).status).toBe(200);
    expect((await get(`http://[::1]:${t.agent.port}/ping`)).status).toBe(200);
  });

  it('fails to start, naming the address, when a given address is not on this machine', async () => {
    await expect(start({ PARAMKIT_AGENT_LISTEN_ADDRESS: '192.0.2.254' })).rejects.toThrow(/EADDRNOTAVAIL/);
  });
});
