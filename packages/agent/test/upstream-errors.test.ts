import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { type RunningEmulator, startEmulator } from '@paramkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../src/agent.js';
import { runCli } from '../src/cli.js';
import { resolveConfig } from '../src/config/resolveConfig.js';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { describeUpstreamFailure } from '../src/http/upstreamFailure.js';
import { Logger } from '../src/log.js';
import { SEED, startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';
import { capturedIo } from './helpers/io.js';
import { closedPort, openConnection } from './helpers/raw.js';

const MARKER = 'LEAKMARK-5e1f0c';
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED });
});
afterAll(() => emulator.stop());

async function answer(t: TestAgent, path: string) {
  const response = await t.get(path);
  return { status: response.status, body: (await response.json()) as { __type: string; message: string } };
}

describe('502: AWS cannot be reached, naming host, port and the network error', () => {
  it('ECONNREFUSED', async () => {
    const port = await closedPort();
    const t = await startTestAgent({}, { emulator, endpoint: `http://127.0.0.1:${port}` });
    try {
      expect(await answer(t, '/secretsmanager/get?secretId=app/db')).toEqual({
        status: 502,
        body: {
          __type: 'UpstreamUnreachable',
          message: `Secrets Manager at 127.0.0.1:${port} cannot be reached: ECONNREFUSED (nothing listens there)`,
        },
      });
      const parameter = await answer(t, '/systemsmanager/parameters/get?name=/app/url');
      expect(parameter.body.message).toBe(
        `SSM Parameter Store at 127.0.0.1:${port} cannot be reached: ECONNREFUSED (nothing listens there)`,
      );
    } finally {
      await t.stop();
    }
  });

  it('a host that does not resolve', async () => {
    const t = await startTestAgent({}, { emulator, endpoint: 'http://no-such-host.invalid:4566' });
    try {
      const { status, body } = await answer(t, '/secretsmanager/get?secretId=app/db');
      expect(status).toBe(502);
      expect(body.message).toMatch(
        /^Secrets Manager at no-such-host\.invalid(:4566)? cannot be reached: (ENOTFOUND|EAI_AGAIN)/,
      );
    } finally {
      await t.stop();
    }
  });

  it('a dropped connection is 502 (the SDK calls it a TimeoutError), a missed deadline 504', async () => {
    const t = await startTestAgent({ SECRETS_MANAGER_TIMEOUT_MILLIS: '150' }, { emulator });
    try {
      const remove = emulator.faults.add({ service: 'secretsmanager', dropRate: 1, times: 1 });
      const dropped = await answer(t, '/secretsmanager/get?secretId=app/db');
      remove();
      expect(dropped.status).toBe(502);
      expect(dropped.body.__type).toBe('UpstreamUnreachable');
      expect(dropped.body.message).toMatch(/^Secrets Manager at 127\.0\.0\.1:\d+ cannot be reached: ECONNRESET/);
      const slow = emulator.faults.add({ service: 'secretsmanager', latencyMs: 400, times: 1 });
      const late = await answer(t, '/secretsmanager/get?secretId=app/api-key');
      slow();
      expect(late).toEqual({
        status: 504,
        body: { __type: 'UpstreamTimeout', message: 'Secrets Manager did not answer within 150 ms' },
      });
    } finally {
      await t.stop();
    }
  });
});

describe('an upstream answer that is not AWS JSON', () => {
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target.endsWith('GetParameter')) {
        // A 200 cut short in the middle of a value.
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(`{"Parameter":{"Value":"${MARKER}`);
        return;
      }
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`upstream sad ${MARKER}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is a 502 naming the service and the status; no parser text or body reaches the answer or the log', async () => {
    const t = await startTestAgent({ PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug' }, { emulator, endpoint });
    try {
      expect(await answer(t, '/secretsmanager/get?secretId=app/db')).toEqual({
        status: 502,
        body: {
          __type: 'UpstreamInvalidResponse',
          message: 'Secrets Manager GetSecretValue answered with a body that is not AWS JSON (HTTP 500)',
        },
      });
      expect(await answer(t, '/systemsmanager/parameters/get?name=/app/url')).toEqual({
        status: 502,
        body: {
          __type: 'UpstreamInvalidResponse',
          message: 'SSM Parameter Store GetParameter answered with a body that is not AWS JSON (HTTP 200)',
        },
      });
      const batch = await t.get('/secretsmanager/batch-get?secretId=app/db');
      const text = `${await batch.text()}${t.logs.join('')}`;
      expect(batch.status).toBe(502);
      for (const leak of [MARKER, 'Unexpected token', 'JSON at position', 'Deserialization', 'upstream sad']) {
        expect(text).not.toContain(leak);
      }
    } finally {
      await t.stop();
    }
  });
});

describe('other failures name what failed', () => {
  it('no credentials: 500 naming the service, the operation and the SDK error', async () => {
    const { config } = resolveConfig({ AWS_SESSION_TOKEN: TOKEN }, { endpoint: emulator.endpoint, port: 0 });
    const logs: string[] = [];
    const agent = await startAgent({
      config,
      logger: new Logger('debug', { write: (line: string) => logs.push(line) }),
      clientOverrides: {
        maxAttempts: 1,
        credentials: () =>
          Promise.reject(
            Object.assign(new Error('Could not load credentials from any providers'), {
              name: 'CredentialsProviderError',
            }),
          ),
      },
    });
    try {
      const response = await fetch(`${agent.url}/secretsmanager/get?secretId=app/db`, {
        headers: { [TOKEN_HEADER]: TOKEN },
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        __type: 'InternalFailure',
        message:
          'Secrets Manager GetSecretValue failed: CredentialsProviderError: Could not load credentials from any providers',
      });
      expect(logs.join('')).toContain('CredentialsProviderError');
    } finally {
      await agent.close();
    }
  });
});

describe('a failure of the agent itself', () => {
  it('is a 500 naming the path and the error class, never its text', () => {
    expect(describeUpstreamFailure(new TypeError(`bad ${MARKER}`), '/secretsmanager/get')).toEqual({
      status: 500,
      type: 'InternalFailure',
      message: 'The agent failed while reading /secretsmanager/get (TypeError)',
    });
  });
});

describe('CONNECT is answered, in the order of checks', () => {
  it('405 with the token, 403 without; the socket is closed after', async () => {
    const t = await startTestAgent({}, { emulator });
    try {
      for (const [headers, status] of [
        [`${TOKEN_HEADER}: ${TOKEN}\r\n`, 405],
        ['', 403],
      ] as const) {
        const connection = await openConnection(t.agent.port);
        const text = await new Promise<string>((resolve) => {
          let received = '';
          connection.socket.on('data', (chunk) => {
            received += chunk.toString('latin1');
          });
          connection.socket.on('close', () => resolve(received));
          connection.socket.write(`CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n${headers}\r\n`);
        });
        expect(Number(text.slice(9, 12))).toBe(status);
        expect(text).not.toContain(TOKEN);
        if (status === 405) expect(text).toMatch(/allow: GET/i);
      }
    } finally {
      await t.stop();
    }
  });

  it('the socket is destroyed, not left half-open for a client that keeps its side open', async () => {
    const t = await startTestAgent({}, { emulator });
    const socket = connect({ port: t.agent.port, host: '127.0.0.1', allowHalfOpen: true });
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      const ended = new Promise<void>((resolve) => socket.once('end', () => resolve()));
      const closed = new Promise<'closed'>((resolve) => socket.once('close', () => resolve('closed')));
      socket.on('error', () => {});
      socket.resume();
      socket.write(`CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n${TOKEN_HEADER}: ${TOKEN}\r\n\r\n`);
      await ended;
      // A half-open socket would take these bytes and stay; a destroyed one answers them with a reset.
      const poke = setInterval(() => socket.writable && socket.write('x'), 25);
      const outcome = await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000, 'open'))]);
      clearInterval(poke);
      expect(outcome).toBe('closed');
    } finally {
      socket.destroy();
      await t.stop();
    }
  });
});

describe('a bad endpoint is refused at start: the value, the reason, exit code 2', () => {
  it.each([
    [
      ['--endpoint', 'localhost:4566'],
      {},
      "--endpoint 'localhost:4566' is not a usable AWS endpoint: the scheme must be http or https, not localhost",
    ],
    [
      ['--endpoint', 'http//127.0.0.1:4566'],
      {},
      "--endpoint 'http//127.0.0.1:4566' is not a usable AWS endpoint: it is not a URL",
    ],
    [
      [],
      { AWS_ENDPOINT_URL: 'ftp://127.0.0.1' },
      "AWS_ENDPOINT_URL 'ftp://127.0.0.1' is not a usable AWS endpoint: the scheme must be http or https, not ftp",
    ],
    [
      [],
      { AWS_ENDPOINT_URL: 'http://user:pw@127.0.0.1:1' },
      "AWS_ENDPOINT_URL 'http://***@127.0.0.1:1' is not a usable AWS endpoint: it must not hold credentials",
    ],
    [['--endpoint', 'http://127.0.0.1:4566/?x=1'], {}, 'it must not have a query or a fragment'],
    // Credentials are masked up to the last `@` of the authority, also when the value is no URL at all.
    [['--endpoint', 'http://u:pw@ss@127.0.0.1:1'], {}, "'http://***@127.0.0.1:1'"],
    [
      ['--endpoint', 'http://u:pw@127.0.0.1:badport'],
      {},
      "'http://***@127.0.0.1:badport' is not a usable AWS endpoint: it is not a URL",
    ],
  ])('%j %j', async (argv, env, message) => {
    const { out, streams } = capturedIo();
    const result = await runCli(argv, { AWS_SESSION_TOKEN: TOKEN, ...env }, streams);
    expect(result).toEqual({ kind: 'exit', code: 2 });
    expect(out.stderr).toContain(message);
    expect(out.stderr).not.toContain(TOKEN);
    expect(out.stderr).not.toContain(':pw@');
    expect(out.stderr).not.toContain('pw@ss');
  });
});
