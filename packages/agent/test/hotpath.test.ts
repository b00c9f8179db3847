import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../src/http/handler.js';
import { tokenMatcher } from '../src/http/tokenMatcher.js';
import { startTestAgent, type TestAgent, TOKEN } from './helpers/agent.js';
import { sendRaw } from './helpers/rawRequest.js';

describe('tokenMatcher: the constant-time token check', () => {
  it('accepts exactly the token, whatever its length modulo 4', () => {
    for (const token of ['a', 'ab', 'abc', 'abcd', 'abcde', 'x'.repeat(881)]) {
      const matches = tokenMatcher(token);
      expect(matches(token), token).toBe(true);
      expect(matches(`${token}x`)).toBe(false);
      expect(matches(token.slice(1))).toBe(false);
      expect(matches(`${token.slice(0, -1)}y`)).toBe(false);
      expect(matches(`y${token.slice(1)}`)).toBe(false);
      expect(matches('')).toBe(false);
    }
  });

  it('compares the bytes a client sent: a UTF-8 token arrives from node:http as latin1 text', () => {
    const token = 'tök€n';
    const matches = tokenMatcher(token);
    expect(matches(Buffer.from(token, 'utf8').toString('latin1'))).toBe(true);
    expect(matches(token)).toBe(false);
  });
});

describe('the request adapter reads the raw headers', () => {
  let t: TestAgent;
  beforeAll(async () => {
    t = await startTestAgent();
  });
  afterAll(() => t.stop());

  const raw = (headers: string) =>
    sendRaw(
      t.agent.port,
      `GET /secretsmanager/get?secretId=app/api-key HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`,
      3000,
    );

  it('takes the token header in any case', async () => {
    expect((await raw(`X-AWS-PARAMETERS-SECRETS-TOKEN: ${TOKEN}\r\n`)).status).toBe(200);
    expect((await raw(`x-aws-parameters-secrets-token: ${TOKEN}\r\n`)).status).toBe(200);
  });

  it('names a token given twice, and refuses X-Forwarded-For in any case', async () => {
    const twice = await raw(`${TOKEN_HEADER}: ${TOKEN}\r\n${TOKEN_HEADER}: ${TOKEN}\r\n`);
    expect(twice.status).toBe(403);
    expect(twice.text).toContain('X-Aws-Parameters-Secrets-Token given more than once');
    const forwarded = await raw(`X-Forwarded-For: 10.0.0.1\r\n${TOKEN_HEADER}: ${TOKEN}\r\n`);
    expect(forwarded.status).toBe(400);
  });

  it('answers a repeated hit with the same bytes and a right Content-Length', async () => {
    const first = await raw(`${TOKEN_HEADER}: ${TOKEN}\r\n`);
    const second = await raw(`${TOKEN_HEADER}: ${TOKEN}\r\n`);
    const body = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);
    expect(body(second.text)).toBe(body(first.text));
    const length = Number(/content-length: (\d+)/i.exec(second.text)?.[1]);
    expect(length).toBe(Buffer.byteLength(body(second.text), 'latin1'));
    expect(JSON.parse(body(second.text)).SecretString).toBe('sv-api-key-55e0');
  });
});
