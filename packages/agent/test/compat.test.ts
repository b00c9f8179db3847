import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { SEED, startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';
import { sendRaw } from './helpers/rawRequest.js';

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

describe('routes as AWS documents them', () => {
  it('accepts a trailing slash on both get routes, as the SSM user guide sends (same cache entry)', async () => {
    // The SSM user guide: `'/systemsmanager/parameters/get/?name=' + ssm_parameter_path`, `…/get/?name=MyParameter&version=5`.
    const before = t.emulator.requests.count('GetParameter');
    const slash = await t.get('/systemsmanager/parameters/get/?name=%2Fapp%2Furl');
    expect(slash.status).toBe(200);
    expect(((await slash.json()) as { Parameter: { Value: string } }).Parameter.Value).toBe('pv-url-0d0d');
    expect((await t.get('/systemsmanager/parameters/get?name=%2Fapp%2Furl')).status).toBe(200);
    expect(t.emulator.requests.count('GetParameter') - before).toBe(1);
    const version = await t.get('/systemsmanager/parameters/get/?name=%2Fapp%2Fflag&version=1');
    expect(((await version.json()) as { Parameter: { Value: string } }).Parameter.Value).toBe('off');
    const secret = await t.get('/secretsmanager/get/?secretId=app/a+b');
    expect(secret.status).toBe(200);
    expect(((await secret.json()) as { SecretString: string }).SecretString).toBe('plus-value-41');
    // Only the slash: anything more is another path.
    expect((await t.get('/secretsmanager/get//?secretId=app/a+b')).status).toBe(404);
  });
});

describe('query keys as AWS documents them', () => {
  const parameter = async (query: string) => {
    const response = await t.get(`/systemsmanager/parameters/get?${query}`);
    expect(response.status, query).toBe(200);
    return ((await response.json()) as { Parameter: { Value: string; Version: number } }).Parameter;
  };

  it('uses the first of version and label when both are given, as the AWS extension documents', async () => {
    // "You can also specify either a version or a label, but not both. If you do, only the first of these that is
    // placed after question mark (?) in the URL is used." (/app/flag: version 1 'off', version 2 'on' labelled prod)
    expect(await parameter('name=%2Fapp%2Fflag&version=1&label=prod')).toMatchObject({ Value: 'off', Version: 1 });
    expect(await parameter('name=%2Fapp%2Fflag&label=prod&version=1')).toMatchObject({ Value: 'on', Version: 2 });
    expect(await parameter('label=prod&name=%2Fapp%2Fflag&version=1')).toMatchObject({ Value: 'on', Version: 2 });
    // An empty one is no selector: the other is used.
    expect(await parameter('name=%2Fapp%2Fflag&version=&label=prod')).toMatchObject({ Value: 'on', Version: 2 });
    // A malformed version is still refused, whichever comes first.
    const malformed = await t.get('/systemsmanager/parameters/get?name=%2Fapp%2Fflag&label=prod&version=0');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("'version' must be a positive integer");
  });

  it('ignores keys a route does not take, as the AWS extension does', async () => {
    const secret = await t.get('/secretsmanager/get?secretId=app/a+b&withDecryption=true');
    expect(secret.status).toBe(200);
    expect(((await secret.json()) as { SecretString: string }).SecretString).toBe('plus-value-41');
    expect(await parameter('name=%2Fapp%2Furl&color=red&flag&color=blue&%zz=%zz')).toMatchObject({
      Value: 'pv-url-0d0d',
    });
    expect((await t.get('/v1/app%2Fa+b?withDecryption=true')).status).toBe(200);
  });

  it('still refuses a key it takes given twice (even encoded), or with a malformed value', async () => {
    for (const [query, message] of [
      ['name=%2Fapp%2Furl&name=%2Fapp%2Fsecure', "'name' is given more than once"],
      ['name=%2Fapp%2Furl&%6Eame=%2Fapp%2Fsecure', "'name' is given more than once"],
      ['name=%2Fapp%2Furl&withDecryption=1', "'withDecryption' must be true or false"],
      ['name=%E0%A4%A', 'not valid URL encoding'],
    ] as const) {
      const response = await t.get(`/systemsmanager/parameters/get?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text(), query).toContain(message);
    }
    const twice = await t.get('/secretsmanager/get?secretId=app/a+b&secretId=app/db');
    expect(twice.status).toBe(400);
  });
});

describe('absolute-form request targets (what HTTP proxies send)', () => {
  /** One raw GET of `target`, with the token unless `token` is false, and a Host header naming something else. */
  const rawGet = (target: string, token = true) =>
    sendRaw(
      t.agent.port,
      `GET ${target} HTTP/1.1\r\nhost: elsewhere.example\r\n${token ? `${TOKEN_HEADER}: ${TOKEN}\r\n` : ''}` +
        'connection: close\r\n\r\n',
      3000,
    );
  const body = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

  it('serves a target naming the agent: localhost or the address connected to, on its port', async () => {
    const { port } = t.agent;
    const byName = await rawGet(`http://localhost:${port}/systemsmanager/parameters/get?name=%2Fapp%2Furl`);
    expect(byName.status).toBe(200);
    expect(JSON.parse(body(byName.text)).Parameter.Value).toBe('pv-url-0d0d');
    const byAddress = await rawGet(`http://127.0.0.1:${port}/secretsmanager/get/?secretId=app/a+b`);
    expect(byAddress.status).toBe(200);
    expect(JSON.parse(body(byAddress.text)).SecretString).toBe('plus-value-41');
    const upper = await rawGet(`HTTP://LOCALHOST:${port}/ping`, false);
    expect([upper.status, body(upper.text)]).toEqual([200, 'healthy']);
  });

  it('answers 421 to a target naming another host or port (the agent is no proxy), after the token check', async () => {
    const { port } = t.agent;
    for (const target of [
      'http://example.com/systemsmanager/parameters/get?name=%2Fapp%2Furl',
      `http://localhost:${port + 1}/ping`,
      `http://user@localhost:${port}/ping`,
      `http://[::1]:${port}/ping`, // the connection came in on 127.0.0.1
      `https://localhost:${port}/ping`,
    ]) {
      const answer = await rawGet(target);
      expect(answer.status, target).toBe(421);
      expect(JSON.parse(body(answer.text)).__type, target).toBe('MisdirectedRequest');
    }
    expect((await rawGet('http://example.com/secretsmanager/get?secretId=app/a+b', false)).status).toBe(403);
  });
});
