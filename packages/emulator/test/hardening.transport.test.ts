import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';

// Repro of issue 9 ("Emulator"): after a 413 the answer said keep-alive, and the next request on that socket failed
// with ECONNRESET six seconds later.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

const LIMIT = 16 * 1024 * 1024;

/** What a raw socket received until the server closed it (or `waitMs` passed). */
function rawExchange(
  head: string,
  body: Buffer | undefined,
  waitMs = 5_000,
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', () => {
      // A reset after the answer still counts as closed; the answer is what matters.
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('connect', () => {
      socket.write(head);
      if (body) socket.write(body);
    });
    socket.on('timeout', reject);
  });
}

describe('a body over the limit', () => {
  it('answers 413 with Connection: close when Content-Length says it is too large, and closes the socket', async () => {
    const head =
      'POST / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nX-Amz-Target: AmazonSSM.GetParameter\r\n' +
      `Content-Type: application/x-amz-json-1.1\r\nContent-Length: ${LIMIT + 1}\r\n\r\n`;
    const answer = await rawExchange(head, Buffer.alloc(64 * 1024, 0x20));
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.text.toLowerCase()).toContain('connection: close');
    expect(answer.text).toContain('RequestEntityTooLargeException');
    expect(answer.closed).toBe(true);
  });

  it('answers 413 to a chunked body that grows past the limit, closes the socket, and serves the next one', async () => {
    // Over a raw socket first, so the 413 is read whatever happens to the rest of the body being written.
    const head =
      'POST / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nX-Amz-Target: AmazonSSM.GetParameter\r\n' +
      'Content-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n';
    const size = LIMIT + 1024 * 1024;
    const chunked = Buffer.concat([
      Buffer.from(`${size.toString(16)}\r\n`, 'latin1'),
      Buffer.alloc(size, 0x20),
      Buffer.from('\r\n0\r\n\r\n', 'latin1'),
    ]);
    const answer = await rawExchange(head, chunked, 15_000);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.text.toLowerCase()).toContain('connection: close');
    expect(answer.text).toContain('RequestEntityTooLargeException');
    expect(answer.closed).toBe(true);

    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: Buffer | undefined) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: emulator.port,
            path: body ? '/' : '/_paramkit/health',
            method: body ? 'POST' : 'GET',
            agent,
            headers: body ? { 'x-amz-target': 'AmazonSSM.GetParameter', 'transfer-encoding': 'chunked' } : {},
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        if (body) {
          // Written in pieces, so the server sees the limit passed mid-stream.
          for (let offset = 0; offset < body.length; offset += 1024 * 1024) {
            req.write(body.subarray(offset, offset + 1024 * 1024));
          }
        }
        req.end();
      });
    const tooLarge = await send(Buffer.alloc(LIMIT + 1024 * 1024, 0x20)).catch((error: Error) => error);
    // The server may close before the client has written everything: an EPIPE/ECONNRESET on that write is honest.
    if (tooLarge instanceof Error) {
      expect((tooLarge as NodeJS.ErrnoException).code).toMatch(/^(EPIPE|ECONNRESET)$/);
    } else {
      expect(tooLarge).toEqual({ status: 413, connection: 'close' });
    }
    const started = performance.now();
    expect(await send(undefined)).toMatchObject({ status: 200 });
    expect(performance.now() - started).toBeLessThan(2_000);
    agent.destroy();
  }, 30_000);
});
